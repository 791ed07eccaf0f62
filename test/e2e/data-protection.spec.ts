import { expect, test } from '@playwright/test';
import { stepAt, totpAt } from '../../src/modules/auth/totp';
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

  await page.getByRole('link', { name: 'Apstrādes reģistrs' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Apstrādes darbību reģistrs (VDAR 30. pants)',
  );
  await expect(page.getByRole('heading', { name: 'Ģimeņu atbalsts un lietvedība' })).toBeVisible();
  await expectAccessible(page, 'records of processing');
});

test('a user turns on two-step sign-in with an authenticator app and signs in with a code', async ({
  page,
}) => {
  // A user of this test's own, so that no other test meets the second step.
  await signIn(page, 'admin@example.org', 'rudens mežā sēņu laiks');
  const created = await page.request.post('/api/users', {
    data: { email: 'divi@example.org', givenName: 'Dace', familyName: 'Drošā' },
  });
  expect(created.status()).toBe(201);
  const { oneTimePassword } = (await created.json()) as { oneTimePassword: string };
  await page.request.post('/api/auth/logout');
  const password = 'zaļš ābols uz galda vakarā';
  expect(
    (
      await page.request.post('/api/auth/login', {
        data: { email: 'divi@example.org', password: oneTimePassword },
      })
    ).status(),
  ).toBe(200);
  expect(
    (
      await page.request.post('/api/auth/password', {
        data: { currentPassword: oneTimePassword, newPassword: password },
      })
    ).status(),
  ).toBe(200);

  await page.goto('/account');
  await page.getByRole('button', { name: 'Iestatīt divpakāpju pieteikšanos' }).click();
  await expect(page.getByRole('img', { name: 'QR kods divpakāpju pieteikšanās iestatīšanai' })).toBeVisible();
  const secret = (await page.getByTestId('mfa-secret').textContent())!.trim();
  await expectAccessible(page, 'two-step set-up');
  await page.getByRole('textbox', { name: 'Kods no lietotnes' }).fill(totpAt(secret, stepAt(new Date())));
  await page.getByRole('button', { name: 'Apstiprināt' }).click();
  const codes = page.getByRole('list', { name: 'Rezerves kodi' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await page.getByRole('button', { name: 'Kodi ir saglabāti' }).click();
  await expect(page.getByText('Ieslēgta: pieteikoties tiek prasīts kods')).toBeVisible();

  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.getByRole('textbox', { name: 'E-pasts', exact: true }).fill('divi@example.org');
  await page.getByRole('textbox', { name: 'Parole', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  const code = page.getByRole('textbox', { name: 'Kods no autentifikatora lietotnes vai rezerves kods' });
  await expect(code).toBeVisible();
  await expect(page.getByText('Ievadiet kodu no autentifikatora lietotnes.')).toBeVisible();
  await expectAccessible(page, 'sign-in second step');
  // The code of the next half minute: the one that confirmed the set-up is not accepted twice.
  await code.fill(totpAt(secret, stepAt(new Date()) + 1));
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await expect(page.getByRole('button', { name: 'Iziet' })).toBeVisible();
  await expect(page.getByText('Ieslēgta: pieteikoties tiek prasīts kods')).toBeVisible();
});

test('the administrator sets retention rules; the data protection officer answers a request and is told why she cannot erase', async ({
  page,
  browser,
}) => {
  await signIn(page, 'admin@example.org', 'rudens mežā sēņu laiks');
  await page.goto('/admin/users');
  // The server backed itself up when it started (BACKUP_DIR defaults to DATA_DIR/backups).
  await expect(
    page.getByText(/^Pēdējā rezerves kopija: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} \(\d+,\d MB\)\.$/),
  ).toBeVisible();
  const rules = page.getByRole('region', { name: 'Glabāšanas noteikumi' });
  await expect(rules.getByText('Tagad spēkā servera noklusējums.')).toBeVisible();
  await rules.getByRole('textbox', { name: 'Personas anonimizē pēc (gadi)' }).fill('4');
  await rules.getByRole('textbox', { name: 'Dokumentus dzēš pēc (gadi)' }).fill('6');
  await rules.getByRole('button', { name: 'Saglabāt noteikumus' }).click();
  await expect(
    rules.getByText(
      'Dokumentus nevar glabāt ilgāk par lietas personu datiem: ievadiet ne vairāk gadu kā lietām.',
    ),
  ).toBeVisible();
  await expectAccessible(page, 'retention rules refused');
  await rules.getByRole('textbox', { name: 'Dokumentus dzēš pēc (gadi)' }).fill('3');
  await rules.getByRole('button', { name: 'Saglabāt noteikumus' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Glabāšanas noteikumi saglabāti.' })).toBeVisible();
  await expect(rules.getByText('Tagad spēkā servera noklusējums.')).toBeHidden();

  const worker = await browser.newContext();
  const workerPage = await worker.newPage();
  await signIn(workerPage, 'marta@example.org');
  await registerMother(workerPage, 'Ilze', 'Pieprasītāja');
  await worker.close();

  const context = await browser.newContext();
  const dpo = await context.newPage();
  await signIn(dpo, 'dati@example.org');
  await dpo.goto('/subject-access');
  await expect(
    dpo.getByText(
      'Personas anonimizē 4 gadus pēc lietas slēgšanas. Dokumentus dzēš 3 gadus pēc lietas slēgšanas.',
    ),
  ).toBeVisible();
  await dpo.getByRole('textbox', { name: 'Vārds, uzvārds vai personas kods' }).fill('Pieprasītāja');
  await dpo.getByRole('button', { name: 'Meklēt', exact: true }).click();
  const download = dpo.waitForEvent('download');
  await dpo.getByRole('link', { name: 'Lejupielādēt datu izrakstu: Pieprasītāja Ilze' }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toMatch(/^personas-dati.*\.zip$/);
  await expectAccessible(dpo, 'subject access search');

  await dpo.getByRole('button', { name: 'Dzēst personas datus: Pieprasītāja Ilze' }).click();
  const dialog = dpo.getByRole('dialog', { name: 'Dzēst personas datus' });
  await dialog.getByRole('textbox', { name: 'Pamats' }).fill('Persona lūdz dzēst savus datus');
  await dialog.getByRole('button', { name: 'Dzēst personas datus' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Datus nevar dzēst: lieta centrā Bauska vēl nav slēgta.',
  );
  await expectAccessible(dpo, 'erasure refused');
  await context.close();
});
