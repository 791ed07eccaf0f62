import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/*
 * Issue 15, mentoring: the coordinator matches a screened volunteer with a young person of a case at her
 * centre, starts the match with the parent's consent (the key worker is told), logs a meeting and closes
 * the match early with a reason and an outcome.
 */
test('a mentoring match runs from the proposal to its closure, and the key worker is told', async ({
  page,
  browser,
}) => {
  const today = new Date();
  const iso = today.toLocaleDateString('sv-SE', { timeZone: 'Europe/Riga' });
  const shown = iso.split('-').reverse().join('.');

  // The key worker's family, with a son of fifteen, set up through the API.
  const worker = await browser.newPage();
  await signIn(worker, 'liene@example.org');
  const me = await (await worker.request.get('/api/auth/me')).json();
  const registered = await worker.request.post('/api/families', {
    data: {
      members: [
        { relation: 'mother', person: { givenName: 'Sanita', familyName: 'Mežale', birthYear: 1985 } },
        {
          relation: 'child',
          person: { givenName: 'Kristers', familyName: 'Mežals', birthYear: today.getFullYear() - 15 },
        },
      ],
      case: { centreId: me.roles[0].centreId, referralDate: '2026-02-01', referralSource: 'school' },
      confirmSimilar: true,
    },
  });
  expect(registered.status()).toBe(201);

  // The mentor, screened, through the API.
  await signIn(page, 'mentori@example.org');
  const volunteer = await (
    await page.request.post('/api/volunteers', { data: { givenName: 'Oskars', familyName: 'Mentors' } })
  ).json();
  for (const kind of ['criminal_record', 'interview'])
    expect(
      (
        await page.request.post(`/api/volunteers/${volunteer.id}/checks`, {
          data: { kind, doneOn: iso, result: 'passed' },
        })
      ).status(),
    ).toBe(200);

  await page.goto('/mentoring');
  await expect(page.getByText('Vēl nav neviena mentora pāra.')).toBeVisible();
  await page.getByRole('button', { name: 'Jauns mentora pāris' }).click();
  const form = page.getByRole('dialog', { name: 'Jauns mentora pāris' });
  await form.getByRole('combobox', { name: 'Jaunietis' }).fill('Mežal');
  await page.getByRole('option', { name: /Kristers Mežals, 1[45] gadu/ }).click();
  await form.getByRole('combobox', { name: 'Mentors' }).click();
  await page.getByRole('option', { name: 'Oskars Mentors' }).click();
  await form.getByRole('textbox', { name: 'Sākums' }).fill(shown);
  await form.getByRole('textbox', { name: 'Mērķi' }).fill('Mācības un sports');
  await form.getByRole('textbox', { name: /Kas mentoram jāzina/ }).fill('Patīk basketbols');
  await form.getByRole('button', { name: 'Piedāvāt pāri' }).click();
  await expect(form).toBeHidden();

  await page.getByRole('link', { name: 'Kristers Mežals' }).click();
  await expect(page.getByRole('heading', { name: 'Kristers Mežals · Oskars Mentors' })).toBeVisible();
  await expect(page.getByText('Piedāvāts', { exact: true })).toBeVisible();

  // Without the parent's consent the match does not start; with it, it does.
  await page.getByRole('button', { name: 'Sākt pāri' }).click();
  const start = page.getByRole('dialog', { name: /Sākt pāri/ });
  await start.getByRole('button', { name: 'Sākt pāri' }).click();
  await expect(start.getByText(/Ierakstiet vecāka vai aizbildņa piekrišanu/)).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Labot', exact: true }).click();
  const edit = page.getByRole('dialog', { name: /Labot pāri/ });
  await edit.getByRole('textbox', { name: /Piekrišanu deva/ }).fill('Sanita Mežale (māte)');
  await edit.getByRole('textbox', { name: 'Piekrišanas datums' }).fill(shown);
  await edit.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(edit).toBeHidden();
  await page.getByRole('button', { name: 'Sākt pāri' }).click();
  await start.getByRole('button', { name: 'Sākt pāri' }).click();
  await expect(start).toBeHidden();
  await expect(page.getByText('Aktīvs', { exact: true })).toBeVisible();

  // A meeting, from a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Ierakstīt tikšanos' }).click();
  const meeting = page.getByRole('dialog', { name: 'Ierakstīt tikšanos' });
  await meeting.getByRole('textbox', { name: 'Ilgums (minūtes)' }).fill('90');
  await meeting.getByRole('textbox', { name: 'Ko darīja' }).fill('Basketbols un mājasdarbi');
  await meeting.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(meeting).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Basketbols un mājasdarbi' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '1,5', exact: true })).toHaveCount(0); // no project: no hours
  await expectAccessible(page, 'a mentoring match on a phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The mid-point review.
  await page.getByRole('button', { name: 'Ierakstīt izvērtējumu' }).click();
  const review = page.getByRole('dialog', { name: 'Ierakstīt izvērtējumu' });
  await review.getByRole('textbox', { name: 'Kā veicas' }).fill('Tiekas katru nedēļu');
  await review.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(review).toBeHidden();
  await expect(page.getByText('Pāris ir izvērtēts.')).toBeVisible();

  // Closed early: the reason is required.
  await page.getByRole('button', { name: 'Noslēgt' }).click();
  const close = page.getByRole('dialog', { name: /Noslēgt/ });
  await close.getByRole('combobox', { name: 'Rezultāts' }).click();
  await page.getByRole('option', { name: 'Mērķi daļēji sasniegti' }).click();
  await close.getByRole('button', { name: 'Noslēgt' }).click();
  await expect(close.getByText('Norādiet, kāpēc pāris beidzas pirms plānotā laika.')).toBeVisible();
  await close.getByRole('textbox', { name: 'Iemesls' }).fill('Ģimene pārcēlās');
  await close.getByRole('button', { name: 'Noslēgt' }).click();
  await expect(close).toBeHidden();
  await expect(page.getByText(/pirms laika · Ģimene pārcēlās/)).toBeVisible();

  // The year's figures on the coordinator's list: one young person, one meeting of 1,5 h, one early end.
  await page.getByRole('link', { name: /Mentoru pāri/ }).click();
  const card = (label: string) => page.locator('.mantine-Card-root', { hasText: label });
  await expect(card('Jaunieši ar mentoru')).toContainText('1');
  await expect(card('Mentoru stundas tikšanās')).toContainText('1,5 h');
  await expect(page.getByRole('figure', { name: `Mentoru pāri ${today.getFullYear()}. gadā` })).toBeVisible();

  // A supervision session with the mentor.
  await page.getByRole('button', { name: 'Ierakstīt supervīziju' }).click();
  const supervision = page.getByRole('dialog', { name: 'Ierakstīt supervīziju' });
  await supervision.getByRole('combobox', { name: 'Mentori' }).click();
  await page.getByRole('option', { name: 'Oskars Mentors' }).click();
  await supervision.getByRole('textbox', { name: 'Piezīmes' }).fill('Par robežām');
  await supervision.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(supervision).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Par robežām' })).toBeVisible();

  // The key worker was told when the match started.
  await worker.goto('/');
  await expect(worker.getByText(/piesaistīja jūsu lietas jaunietim mentoru: Oskars Mentors/)).toBeVisible();
  await worker.close();
});
