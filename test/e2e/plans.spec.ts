import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('a specialist writes a plan with two goals and the centre manager approves it', async ({ page }) => {
  await signIn(page, 'liene@example.org');
  const me = await (await page.request.get('/api/auth/me')).json();
  const registered = await page.request.post('/api/families', {
    data: {
      members: [
        { relation: 'mother', person: { givenName: 'Dace', familyName: 'Plānīte', birthDate: '1990-02-02' } },
        { relation: 'child', person: { givenName: 'Toms', familyName: 'Plānītis', birthDate: '2020-04-04' } },
      ],
      case: { centreId: me.roles[0].centreId, referralDate: '2026-01-10', referralSource: 'social_service' },
      confirmSimilar: true,
    },
  });
  const { caseId } = await registered.json();
  await page.goto(`/cases/${caseId}`);

  await page.getByRole('button', { name: 'Jauns plāns' }).click();
  const dialog = page.getByRole('dialog', { name: 'Jauns plāns' });
  await dialog.getByRole('textbox', { name: 'Plāna nosaukums' }).fill('Plāns 2026. gadam');
  await dialog.getByRole('textbox', { name: 'Mērķis 1' }).fill('Toms apmeklē bērnudārzu');
  await dialog.getByRole('combobox', { name: 'Mērķa 1 joma' }).click();
  await page.getByRole('option', { name: 'Izglītība un prasmes' }).click();
  await dialog.getByRole('textbox', { name: 'Darbība 1.1' }).fill('Pieteikt bērnudārzā');
  await dialog.getByRole('textbox', { name: 'Kas dara 1.1' }).fill('Māte');
  await dialog.getByRole('button', { name: 'Pievienot mērķi' }).click();
  await dialog.getByRole('textbox', { name: 'Mērķis 2', exact: true }).fill('Mātei ir darbs');
  await dialog.getByRole('combobox', { name: 'Mērķa 2 joma' }).click();
  await page.getByRole('option', { name: 'Iztika' }).click();
  await dialog.getByRole('textbox', { name: 'Darbība 2.1' }).fill('Reģistrēties NVA');
  await dialog.getByRole('textbox', { name: 'Kas dara 2.1' }).fill('Māte');
  await expectAccessible(page, 'plan form');
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(page.getByText('melnraksts')).toBeVisible();
  await page.getByRole('button', { name: 'Iesniegt apstiprināšanai' }).click();
  await expect(page.getByText('iesniegts apstiprināšanai', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Iziet' }).click();

  await signIn(page, 'anda@example.org');
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByText('1. Izglītība un prasmes: Toms apmeklē bērnudārzu')).toBeVisible();
  await expect(page.getByText('2. Iztika: Mātei ir darbs')).toBeVisible();
  await page.getByRole('button', { name: 'Izskatīt plānu' }).click();
  await page
    .getByRole('dialog', { name: 'Izskatīt plānu' })
    .getByRole('button', { name: 'Apstiprināt' })
    .click();
  await expect(page.getByText('apstiprināts', { exact: true })).toBeVisible();
  await expect(page.getByText(/apstiprināja Anda/)).toBeVisible();
  await expectAccessible(page, 'approved plan');
});
