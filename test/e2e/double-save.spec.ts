import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a double click on Save in the activity dialog logs one activity', async ({ page }) => {
  await signIn(page, 'marta@example.org');
  const centres = (await (await page.request.get('/api/centres')).json()) as { centres: { id: string }[] };
  const registered = await page.request.post('/api/families', {
    data: {
      members: [
        { relation: 'mother', person: { givenName: 'Dace', familyName: 'Dubulta', birthYear: 1987 } },
      ],
      case: {
        centreId: centres.centres[0]!.id,
        referralDate: '2026-02-01',
        referralSource: 'social_service',
      },
      confirmSimilar: true,
    },
  });
  expect(registered.status()).toBe(201);
  const { caseId } = (await registered.json()) as { caseId: string };

  await page.goto(`/cases/${caseId}`);
  await page.getByRole('button', { name: 'Reģistrēt aktivitāti' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reģistrēt aktivitāti' });
  await dialog.getByRole('button', { name: 'Saglabāt' }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Konsultācija · centrā · 60 minūšu/)).toHaveCount(1);

  const logged = (await (await page.request.get(`/api/cases/${caseId}/activities`)).json()) as {
    activities: unknown[];
  };
  expect(logged.activities).toHaveLength(1);
});
