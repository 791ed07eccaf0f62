import { expect, test } from '@playwright/test';
import { expectAccessible, registerMother, signIn } from './helpers';

test('a colleague opens a case in an emergency with a reason; the key worker is told', async ({
  page,
  browser,
}) => {
  await signIn(page, 'marta@example.org');
  const caseId = await registerMother(page, 'Gita', 'Steidzamā');

  const context = await browser.newContext();
  const colleague = await context.newPage();
  await signIn(colleague, 'liene@example.org');
  await colleague.goto('/search');
  await colleague.getByRole('textbox', { name: 'Vārds vai uzvārds' }).fill('Steidzamā');
  await colleague.getByRole('button', { name: 'Meklēt', exact: true }).click();
  await colleague.getByRole('button', { name: 'Ārkārtas piekļuve: Steidzamā Gita' }).click();
  const dialog = colleague.getByRole('dialog', { name: 'Atvērt lietu ārkārtas kārtā' });
  await dialog
    .getByRole('textbox', { name: 'Iemesls' })
    .fill('Skola ziņo par vardarbību, lietas vadītāja nav sasniedzama');
  await expectAccessible(colleague, 'emergency access dialog');
  await dialog.getByRole('button', { name: 'Atvērt ārkārtas kārtā' }).click();
  await expect(colleague).toHaveURL(new RegExp(`/cases/${caseId}$`));
  const banner = colleague.getByRole('status').filter({ hasText: 'Ārkārtas piekļuve lietai līdz' });
  await expect(banner).toBeVisible();
  await expect(colleague.getByRole('heading', { level: 1 })).toContainText('Steidzam');
  await expectAccessible(colleague, 'case opened in an emergency');
  // The banner stays on every page while the access lasts, and ends it on request.
  await colleague.goto('/');
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Beigt piekļuvi' }).click();
  await expect(banner).toBeHidden();
  expect((await colleague.request.get(`/api/cases/${caseId}`)).status()).toBe(404);
  await context.close();

  await page.goto('/');
  const notice = page.getByRole('listitem').filter({ hasText: 'atvēra lietu ārkārtas kārtā' });
  await expect(notice).toContainText('Skola ziņo par vardarbību');
  await notice.getByRole('button', { name: 'Apstiprināt' }).click();
  await expect(notice).toBeHidden();
});

test('the administrator checks that the audit trail is intact', async ({ page }) => {
  await signIn(page, 'admin@example.org', 'rudens mežā sēņu laiks');
  await page.goto('/audit');
  await page.getByRole('button', { name: 'Pārbaudīt audita žurnāla veselumu' }).click();
  await expect(
    page.getByText(/^Audita žurnāls ir vesels: \d+ ierakst(s|i|u) ķēdē bez pārrāvuma\.$/),
  ).toBeVisible();
  await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
  await expectAccessible(page, 'audit trail check');
});
