import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('a kindergarten teachers’ training is recorded with two kindergartens and their staff counts', async ({
  page,
}) => {
  await signIn(page, 'liene@example.org');
  await page.getByRole('link', { name: 'Iestādes', exact: true }).click();
  for (const name of ['PII "Pasaciņa"', 'PII "Zīlīte"']) {
    await page.getByRole('button', { name: 'Jauna iestāde' }).click();
    const dialog = page.getByRole('dialog', { name: 'Jauna iestāde' });
    await dialog.getByRole('textbox', { name: 'Nosaukums' }).fill(name);
    await dialog.getByRole('button', { name: 'Izveidot' }).click();
    await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  }
  await expectAccessible(page, 'institutions');

  await page.getByRole('link', { name: 'Apmācības un pasākumi' }).click();
  await page.getByRole('button', { name: 'Reģistrēt apmācības vai pasākumu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reģistrēt apmācības vai pasākumu' });
  await dialog.getByRole('textbox', { name: 'Datums' }).fill('14.03.2018');
  await page.keyboard.press('Tab');
  await dialog.getByRole('textbox', { name: 'Ilgums, min' }).fill('180');
  for (const [index, name, staff] of [
    [1, 'PII "Pasaciņa"', '12'],
    [2, 'PII "Zīlīte"', '9'],
  ] as const) {
    await dialog.getByRole('button', { name: 'Pievienot iestādi' }).click();
    await dialog.getByRole('combobox', { name: `Iestādes ${index}` }).click();
    await page.getByRole('option', { name, exact: true }).click();
    await dialog.getByRole('textbox', { name: `Darbinieku skaits ${index}` }).fill(staff);
  }
  // A row added by mistake is removed again, before it can fail the form.
  await dialog.getByRole('button', { name: 'Pievienot iestādi' }).click();
  await dialog.getByRole('button', { name: 'Noņemt: Iestādes 3' }).click();
  await expect(dialog.getByRole('combobox', { name: 'Iestādes 3' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(page.getByText('Apmācības · 180 minūšu')).toBeVisible();
  await expect(page.getByText('PII "Pasaciņa": 12; PII "Zīlīte": 9')).toBeVisible();
  await expectAccessible(page, 'trainings');
});
