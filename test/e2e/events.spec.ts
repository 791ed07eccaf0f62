import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('a three-day family camp is created with three families and attendance taken on the second day', async ({
  page,
}) => {
  await signIn(page, 'liene@example.org');

  // Three families the specialist works with, registered through the API.
  const api = page.request;
  const me = await (await api.get('/api/auth/me')).json();
  const centreId = me.roles[0].centreId;
  for (const surname of ['Priedīte', 'Eglīte', 'Liepiņa']) {
    const registered = await api.post('/api/families', {
      data: {
        members: [
          {
            relation: 'mother',
            person: { givenName: 'Inese', familyName: surname, birthDate: '1988-03-03' },
          },
          {
            relation: 'child',
            person: { givenName: 'Roberts', familyName: surname, birthDate: '2015-06-06' },
          },
          { relation: 'child', person: { givenName: 'Paula', familyName: surname, birthDate: '2018-09-09' } },
        ],
        case: { centreId, referralDate: '2026-01-10', referralSource: 'social_service' },
        confirmSimilar: true,
      },
    });
    expect(registered.status()).toBe(201);
  }

  await page.getByRole('link', { name: 'Nometnes un pasākumi' }).click();
  await page.getByRole('button', { name: 'Jauns pasākums' }).click();
  let dialog = page.getByRole('dialog', { name: 'Jauns pasākums' });
  await dialog.getByRole('textbox', { name: 'Sākums' }).fill('10.07.2026');
  await page.keyboard.press('Tab');
  await dialog.getByRole('textbox', { name: 'Beigas' }).fill('12.07.2026');
  await page.keyboard.press('Tab');
  await dialog.getByRole('textbox', { name: 'Norises vieta' }).fill('Kalnmuiža');
  await dialog.getByRole('textbox', { name: 'Vietu skaits' }).fill('20');
  await expectAccessible(page, 'new event form');
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nometne · Kalnmuiža');
  await expect(page.getByText('10.07.2026–12.07.2026 · Aizņemtas 0 no 20 vietām')).toBeVisible();

  for (const [search, family, stayingHome] of [
    ['priedit', 'Priedīšu ģimene', null],
    ['eglit', 'Eglīšu ģimene', 'Paula Eglīte'],
    ['liepin', 'Liepiņu ģimene', null],
  ] as const) {
    await page.getByRole('button', { name: 'Pievienot ģimeni' }).click();
    dialog = page.getByRole('dialog', { name: 'Pievienot ģimeni' });
    await dialog.getByRole('combobox', { name: 'Ģimene' }).fill(search);
    await page.getByRole('option', { name: new RegExp(`^${family} \\(`) }).click();
    await expect(dialog.getByRole('checkbox')).toHaveCount(3);
    if (stayingHome) await dialog.getByRole('checkbox', { name: stayingHome }).uncheck();
    await dialog.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(page.getByRole('cell', { name: family })).toBeVisible();
  }
  await expect(page.getByText('Aizņemtas 8 no 20 vietām')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ģimenes (3)' })).toBeVisible();

  await page.getByRole('button', { name: 'Apmeklējums dienā' }).click();
  dialog = page.getByRole('dialog', { name: 'Apmeklējums dienā' });
  await dialog.getByRole('combobox', { name: 'Diena' }).click();
  await page.getByRole('option', { name: '11.07.2026' }).click();
  await dialog
    .getByRole('radiogroup', { name: 'Apmeklējums: Roberts Priedīte' })
    .getByLabel('nepiedalījās', { exact: true })
    .check();
  await expectAccessible(page, 'event attendance');
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  const robert = page.getByRole('row', { name: /Roberts Priedīte/ });
  await expect(robert.getByRole('cell').nth(3)).toHaveText('nepiedalījās');
  await expect(
    page
      .getByRole('row', { name: /Inese Priedīte/ })
      .getByRole('cell')
      .nth(3),
  ).toHaveText('piedalījās');
  await expectAccessible(page, 'event page');

  // On a phone, taking the day's attendance: each person's choices fit beside no one else's, without scrolling sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Apmeklējums dienā' }).click();
  dialog = page.getByRole('dialog', { name: 'Apmeklējums dienā' });
  const choices = dialog.getByRole('radiogroup', { name: 'Apmeklējums: Roberts Priedīte' });
  await expect(choices).toBeVisible();
  for (const label of ['piedalījās', 'nepiedalījās']) {
    const box = await choices.getByLabel(label, { exact: true }).boundingBox();
    expect(box!.x, label).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, label).toBeLessThanOrEqual(390);
  }
  expect(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
