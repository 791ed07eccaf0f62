import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

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
