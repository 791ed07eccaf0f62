import { expect, test } from '@playwright/test';
import { expectAccessible, registerMother, signIn } from './helpers';

/* Issue 17, item 8: the home page opens with what waits for the user, each kind a link to its list. */
test('the home page says what waits: a follow-up due leads to its family; with nothing waiting, it says so', async ({
  page,
}) => {
  await signIn(page, 'liene@example.org');
  const caseId = await registerMother(page, 'Ilona', 'Gaidīte');
  const types = (await (await page.request.get('/api/activity-types')).json()) as {
    types: { id: string; code: string | null }[];
  };
  const today = new Date().toISOString().slice(0, 10);
  const logged = await page.request.post(`/api/cases/${caseId}/activities`, {
    data: {
      typeId: types.types.find((x) => x.code === 'consultation')!.id,
      occursOn: '2026-02-02',
      durationMinutes: 60,
      place: 'centre',
      followUpOn: today,
    },
  });
  expect(logged.status()).toBe(201);
  await page.goto('/');
  const inbox = page.getByRole('region', { name: 'Jūs gaida' });
  const followUps = inbox.getByRole('link', { name: /^\d+ sazināšanās/ });
  await expect(followUps).toBeVisible();
  await expectAccessible(page, 'home page with its inbox');
  await followUps.click();
  await expect(page).toHaveURL(/#follow-ups$/);
  await expect(page.locator('#follow-ups').getByRole('link', { name: 'Gaidīšu ģimene' })).toBeVisible();

  await page.getByRole('button', { name: 'Iziet' }).click();
  await signIn(page, 'finanses@example.org');
  await expect(
    page.getByRole('region', { name: 'Jūs gaida' }).getByText('Šobrīd nekas negaida.', { exact: false }),
  ).toBeVisible();
});
