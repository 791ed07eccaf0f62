import { expect, test } from '@playwright/test';
import { expectAccessible, registerMother, signIn } from './helpers';

test('a planned activity is corrected to held from the family page, then voided with a reason', async ({
  page,
}) => {
  await signIn(page, 'marta@example.org');
  const centres = (await (await page.request.get('/api/centres')).json()) as { centres: { id: string }[] };
  const registered = await page.request.post('/api/families', {
    data: {
      members: [{ relation: 'mother', person: { givenName: 'Rita', familyName: 'Labotā', birthYear: 1984 } }],
      case: {
        centreId: centres.centres[0]!.id,
        referralDate: '2026-02-01',
        referralSource: 'social_service',
      },
      confirmSimilar: true,
    },
  });
  const { caseId } = (await registered.json()) as { caseId: string };
  const types = (await (await page.request.get('/api/activity-types')).json()) as {
    types: { id: string; code: string | null }[];
  };
  const logged = await page.request.post(`/api/cases/${caseId}/activities`, {
    data: {
      typeId: types.types.find((x) => x.code === 'home_visit')!.id,
      occursOn: '2026-02-20',
      durationMinutes: 90,
      place: 'home',
      status: 'planned',
    },
  });
  expect(logged.status()).toBe(201);

  await page.goto(`/cases/${caseId}`);
  await expect(page.getByText('Mājas vizīte · ģimenes mājās · 90 minūšu · plānota')).toBeVisible();
  await page.getByRole('button', { name: /^Labot aktivitāti: 20\.02\.2026/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Labot aktivitāti' });
  await dialog.getByRole('combobox', { name: 'Statuss' }).click();
  await page.getByRole('option', { name: 'notikusi', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Iemesls' }).fill('Vizīte notika, kā plānots');
  await expectAccessible(page, 'correct activity');
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Mājas vizīte · ģimenes mājās · 90 minūšu', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: /^Anulēt: 20\.02\.2026/ }).click();
  const voiding = page.getByRole('dialog', { name: 'Anulēt' });
  await voiding.getByRole('textbox', { name: 'Iemesls' }).fill('Reģistrēta nepareizai ģimenei');
  await voiding.getByRole('button', { name: 'Anulēt' }).click();
  await expect(voiding).toBeHidden();
  await expect(page.getByText(/Anulēja Marta Vītola .*: Reģistrēta nepareizai ģimenei/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Labot aktivitāti: 20\.02\.2026/ })).toHaveCount(0);
});

test('a project manager sees a held-activities figure change when a specialist corrects the activity', async ({
  page,
  browser,
}) => {
  // The project manager's side: a project of the centre with a target for held activities.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, 'projekti@example.org');
  const centres = (await (await manager.request.get('/api/centres')).json()) as { centres: { id: string }[] };
  const created = await manager.request.post('/api/projects', {
    data: {
      code: 'E2E-LABOJUMI',
      titleLv: 'Labojumu projekts',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      centreIds: [centres.centres[0]!.id],
      targets: [{ indicatorKey: 'activities_held', plannedValue: 10 }],
    },
  });
  expect(created.status()).toBe(201);
  const { id: projectId } = (await created.json()) as { id: string };

  // The specialist logged a home visit as planned for that project.
  await signIn(page, 'marta@example.org');
  const caseId = await registerMother(page, 'Ieva', 'Projektā');
  const types = (await (await page.request.get('/api/activity-types')).json()) as {
    types: { id: string; code: string | null }[];
  };
  const logged = await page.request.post(`/api/cases/${caseId}/activities`, {
    data: {
      typeId: types.types.find((x) => x.code === 'home_visit')!.id,
      occursOn: '2026-03-02',
      durationMinutes: 60,
      place: 'home',
      status: 'planned',
      projectIds: [projectId],
    },
  });
  expect(logged.status()).toBe(201);

  const heldRow = manager.getByRole('row', { name: /^Aktivitātes/ });
  await manager.goto(`/projects/${projectId}/results`);
  await expect(heldRow.getByRole('cell').nth(2)).toHaveText('0');

  await page.goto(`/cases/${caseId}`);
  await page.getByRole('button', { name: /^Labot aktivitāti: 02\.03\.2026/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Labot aktivitāti' });
  await dialog.getByRole('combobox', { name: 'Statuss' }).click();
  await page.getByRole('option', { name: 'notikusi', exact: true }).click();
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(dialog).toBeHidden();

  await manager.reload();
  await expect(heldRow.getByRole('cell').nth(2)).toHaveText('1');
  await expect(heldRow.getByRole('cell').nth(3)).toHaveText('10%');
  await managerContext.close();
});

test('Escape in a dialog with typed notes asks before discarding them', async ({ page }) => {
  await signIn(page, 'marta@example.org');
  const caseId = await registerMother(page, 'Sarma', 'Piezīmju');
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('button', { name: 'Reģistrēt aktivitāti' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reģistrēt aktivitāti' });
  const notes = dialog.getByRole('textbox', { name: 'Piezīmes' });
  await notes.fill('Māte stāstīja par grūtībām darbā un bērnu veselību.');

  // Escape asks; "keep editing" keeps the text.
  await page.keyboard.press('Escape');
  const question = dialog.getByRole('alertdialog');
  await expect(question).toContainText('Ievadītais vēl nav saglabāts');
  await expect(question.getByRole('button', { name: 'Turpināt rakstīt' })).toBeFocused();
  await expectAccessible(page, 'unsaved question');
  await question.getByRole('button', { name: 'Turpināt rakstīt' }).click();
  await expect(question).toBeHidden();
  await expect(notes).toHaveValue('Māte stāstīja par grūtībām darbā un bērnu veselību.');

  // Asked again, "discard" closes it; nothing was saved.
  await page.keyboard.press('Escape');
  await dialog.getByRole('alertdialog').getByRole('button', { name: 'Atmest' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Vēl nav reģistrētu aktivitāšu.')).toBeVisible();

  // An untouched dialog closes at once.
  await page.getByRole('button', { name: 'Reģistrēt aktivitāti' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('notes typed while the session ran out are still there after signing in again, and are saved', async ({
  page,
}) => {
  await signIn(page, 'marta@example.org');
  const caseId = await registerMother(page, 'Laila', 'Sesijā');
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('button', { name: 'Reģistrēt aktivitāti' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reģistrēt aktivitāti' });
  const text = 'Garas piezīmes par sarunu ar māti, kas rakstītas pusstundu.';
  await dialog.getByRole('textbox', { name: 'Piezīmes' }).fill(text);

  // The session ends on the server while she types.
  await page.request.post('/api/auth/logout');
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  const again = page.getByRole('dialog', { name: 'Sesija beigusies' });
  await expect(again).toBeVisible();
  await expectAccessible(page, 'session expired');
  await again.getByRole('textbox', { name: 'E-pasts', exact: true }).fill('marta@example.org');
  await again.getByRole('textbox', { name: 'Parole', exact: true }).fill('ziema pie jūras 2026');
  await again.getByRole('button', { name: 'Pieteikties' }).click();
  await expect(again).toBeHidden();

  await expect(dialog.getByRole('textbox', { name: 'Piezīmes' })).toHaveValue(text);
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(text)).toBeVisible();
});
