import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers';

const admin = { email: 'admin@example.org', password: 'rudens mežā sēņu laiks' };

test('the main pages meet WCAG 2.1 AA checks and work from the keyboard', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Pieteikšanās' })).toBeVisible();
  await expectAccessible(page, 'sign-in');

  // Sign in with the keyboard alone: the language switch first, then the email.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'LV' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'E-pasts', exact: true })).toBeFocused();
  await page.keyboard.type(admin.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(admin.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sveicināti, Irēna!' })).toBeVisible();
  await expectAccessible(page, 'home');

  // Each link leads to a page whose heading has the same name.
  for (const name of ['Centri', 'Lietotāji', 'Audita žurnāls', 'Mans konts']) {
    await page.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expectAccessible(page, name);
  }
  await page.getByRole('link', { name: 'Lietotāji' }).click();
  await page.getByRole('button', { name: 'Jauns lietotājs' }).click();
  await expect(page.getByRole('dialog', { name: 'Jauns lietotājs' })).toBeVisible();
  await expectAccessible(page, 'new user dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
