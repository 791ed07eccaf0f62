import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './helpers';

const admin = { email: 'admin@example.org', password: 'rudens mežā sēņu laiks' };

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'E-pasts', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'Parole', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Pieteikties' }).click();
}

test('an administrator signs in, switches language, creates a centre and a user, and signs out', async ({
  page,
}) => {
  await signIn(page, admin.email, admin.password);
  await expect(page.getByRole('heading', { name: 'Sveicināti, Irēna!' })).toBeVisible();

  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Irēna!' })).toBeVisible();
  await page.getByText('LV', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sveicināti, Irēna!' })).toBeVisible();

  await page.getByRole('link', { name: 'Centri' }).click();
  await page.getByRole('button', { name: 'Jauns centrs' }).click();
  const centreDialog = page.getByRole('dialog', { name: 'Jauns centrs' });
  await centreDialog
    .getByRole('textbox', { name: 'Nosaukums', exact: true })
    .fill('Bauskas SOS ģimeņu atbalsta centrs');
  await centreDialog.getByRole('textbox', { name: 'Pašvaldība', exact: true }).fill('Bauskas novads');
  await centreDialog.getByRole('button', { name: 'Izveidot' }).click();
  await expect(
    page.getByRole('cell', { name: 'Bauskas SOS ģimeņu atbalsta centrs', exact: true }),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Lietotāji' }).click();
  await page.getByRole('button', { name: 'Jauns lietotājs' }).click();
  const userDialog = page.getByRole('dialog', { name: 'Jauns lietotājs' });
  await userDialog.getByRole('textbox', { name: 'E-pasts', exact: true }).fill('agita@example.org');
  await userDialog.getByRole('textbox', { name: 'Vārds', exact: true }).fill('Agita');
  await userDialog.getByRole('textbox', { name: 'Uzvārds', exact: true }).fill('Dreiblate');
  await userDialog.getByRole('combobox', { name: 'Specialitāte' }).click();
  await page.getByRole('option', { name: 'Sociālais darbinieks', exact: true }).click();
  await userDialog.getByRole('button', { name: 'Izveidot' }).click();
  const oneTimePassword = await userDialog.getByTestId('one-time-password').innerText();
  expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await userDialog.getByRole('button', { name: 'Aizvērt' }).first().click();

  await page.getByRole('button', { name: 'Labot: Agita Dreiblate' }).click();
  const editDialog = page.getByRole('dialog', { name: 'Labot lietotāju' });
  await editDialog.getByRole('combobox', { name: 'Loma' }).click();
  await page.getByRole('option', { name: 'Speciālists', exact: true }).click();
  await editDialog.getByRole('combobox', { name: 'Centrs' }).click();
  await page.getByRole('option', { name: 'Bauskas SOS ģimeņu atbalsta centrs', exact: true }).click();
  await editDialog.getByRole('button', { name: 'Pievienot lomu' }).click();
  await expect(editDialog.getByRole('cell', { name: 'Speciālists', exact: true })).toBeVisible();
  // A new one-time password is asked for first, and said when made.
  await editDialog.getByRole('button', { name: 'Atiestatīt paroli' }).click();
  const ask = page.getByRole('dialog', { name: 'Atiestatīt paroli' });
  await expect(ask).toContainText('Vai izveidot lietotājam Agita Dreiblate jaunu vienreizējo paroli?');
  await expectAccessible(page, 'password reset confirmation');
  await ask.getByRole('button', { name: 'Apstiprināt' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Jaunā vienreizējā parole' })).toBeVisible();
  const newPassword = await editDialog.getByTestId('one-time-password').innerText();
  expect(newPassword).not.toBe(oneTimePassword);
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('cell', { name: 'Speciālists (Bauskas SOS ģimeņu atbalsta centrs)', exact: true }),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Audita žurnāls' }).click();
  // The newest entries are the password reset and, before it, the role just granted, by the administrator.
  const newest = page.getByRole('row').nth(1);
  await expect(newest.getByRole('cell', { name: 'Paroles atiestatīšana', exact: true })).toBeVisible();
  const granted = page.getByRole('row').nth(2);
  await expect(granted.getByRole('cell', { name: 'Lomas piešķiršana', exact: true })).toBeVisible();
  await expect(granted.getByRole('cell', { name: 'Irēna Kalniņa', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Iziet' }).click();
  await expect(page.getByRole('heading', { name: 'Pieteikšanās' })).toBeVisible();

  // The new user signs in with the one-time password and must choose their own first.
  await signIn(page, 'agita@example.org', newPassword);
  await expect(page.getByText('Pirms darba sākšanas nomainiet vienreizējo paroli pret savu.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Pašreizējā parole', exact: true }).fill(newPassword);
  await page.getByRole('textbox', { name: 'Jaunā parole', exact: true }).fill('password1234');
  await page.getByRole('textbox', { name: 'Atkārtojiet jauno paroli', exact: true }).fill('password1234');
  await page.getByRole('button', { name: 'Mainīt paroli' }).click();
  await expect(page.getByText(/atrodama publiski nopludinātu paroļu sarakstos/)).toBeVisible();
  await page
    .getByRole('textbox', { name: 'Jaunā parole', exact: true })
    .fill('mūsu centrs strādā ar ģimenēm');
  await page
    .getByRole('textbox', { name: 'Atkārtojiet jauno paroli', exact: true })
    .fill('mūsu centrs strādā ar ģimenēm');
  await page.getByRole('button', { name: 'Mainīt paroli' }).click();
  await expect(page.getByRole('heading', { name: 'Sveicināti, Agita!' })).toBeVisible();
  await expect(page.getByText('Speciālists — Bauskas SOS ģimeņu atbalsta centrs')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lietotāji' })).toHaveCount(0);
});

test('repeated wrong passwords are throttled with a message that says how long to wait', async ({ page }) => {
  await page.goto('/');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByRole('textbox', { name: 'E-pasts', exact: true }).fill('someone@example.org');
    await page.getByRole('textbox', { name: 'Parole', exact: true }).fill(`wrong password ${attempt}`);
    await page.getByRole('button', { name: 'Pieteikties' }).click();
    await expect(page.getByRole('alert')).toHaveText('Nepareizs e-pasts vai parole.');
  }
  await page.getByRole('textbox', { name: 'Parole', exact: true }).fill('wrong password 6');
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    /Pārāk daudz neveiksmīgu mēģinājumu\. Mēģiniet vēlreiz pēc 15 minūtēm\./,
  );
});

test('the sign-in page works on a phone-sized screen and in English', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 700 });
  await page.goto('/');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(admin.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The administrator's saved language (Latvian) applies once signed in.
  await expect(page.getByRole('heading', { name: 'Sveicināti, Irēna!' })).toBeVisible();
  await page.getByRole('button', { name: 'Atvērt izvēlni' }).click();
  await page.getByRole('link', { name: 'Mans konts' }).click();
  await expect(page.getByRole('heading', { name: 'Mans konts' })).toBeVisible();
});
