import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/*
 * Issue 15, volunteers: the mentoring coordinator registers a volunteer, records the screening that lets
 * them mentor a child, edits and ends their work, and finds them by status.
 */
test('a volunteer is registered, screened until they may mentor, edited, ended and found by status', async ({
  page,
}) => {
  await signIn(page, 'mentori@example.org');
  await page.goto('/volunteers');
  await page.getByRole('button', { name: 'Jauns brīvprātīgais' }).click();
  const form = page.getByRole('dialog', { name: 'Jauns brīvprātīgais' });
  await form.getByRole('textbox', { name: 'Vārds', exact: true }).fill('Elīza');
  await form.getByRole('textbox', { name: 'Uzvārds' }).fill('Pārbaudīte');
  await form.getByRole('textbox', { name: 'Kā uzzināja par mums' }).fill('Skolas avīze');
  await form.getByRole('button', { name: 'Izveidot' }).click();
  await expect(form).toBeHidden();

  const row = page.getByRole('row', { name: /Pārbaudīte Elīza/ });
  await expect(row.getByText('Trūkst: Izziņa no Sodu reģistra, Intervija')).toBeVisible();

  // The screening: a certificate and an interview, both passed today.
  await row.getByRole('button', { name: 'Pārbaudes: Elīza Pārbaudīte' }).click();
  const checks = page.getByRole('dialog', { name: 'Elīza Pārbaudīte: pārbaudes' });
  await expect(checks.getByText('Vēl nav nevienas pārbaudes.')).toBeVisible();
  await checks.getByRole('button', { name: 'Pievienot pārbaudi' }).click();
  await expect(checks.getByRole('cell', { name: 'Izziņa no Sodu reģistra', exact: true })).toBeVisible();
  await checks.getByRole('combobox', { name: 'Pārbaude' }).click();
  await page.getByRole('option', { name: 'Intervija' }).click();
  await checks.getByRole('button', { name: 'Pievienot pārbaudi' }).click();
  await expect(checks.getByText('Drīkst darboties ar bērniem')).toBeVisible();
  await expectAccessible(page, 'a volunteer’s screening');
  await page.keyboard.press('Escape');
  await expect(row.getByText('Drīkst darboties ar bērniem')).toBeVisible();

  // Edited, then ended with a reason; found under "left", not under "active".
  await row.getByRole('button', { name: 'Labot: Elīza Pārbaudīte' }).click();
  const edit = page.getByRole('dialog', { name: 'Labot: Elīza Pārbaudīte' });
  await edit.getByRole('textbox', { name: 'Kad var darboties' }).fill('Sestdienas');
  await edit.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(edit).toBeHidden();
  await row.getByRole('button', { name: 'Beigt darbu: Elīza Pārbaudīte' }).click();
  const end = page.getByRole('dialog', { name: 'Brīvprātīgā darba beigas: Elīza Pārbaudīte' });
  await end.getByRole('textbox', { name: 'Iemesls' }).fill('Sāka studijas citā pilsētā');
  await end.getByRole('button', { name: 'Beigt darbu' }).click();
  await expect(end).toBeHidden();
  await expect(row.getByText(/Beidzis darbu/)).toBeVisible();

  await page.getByRole('combobox', { name: 'Statuss' }).click();
  await page.getByRole('option', { name: 'Darbojas', exact: true }).click();
  await expect(page.getByRole('row', { name: /Pārbaudīte Elīza/ })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Statuss' }).click();
  await page.getByRole('option', { name: 'Beidzis darbu' }).click();
  await expect(page.getByRole('row', { name: /Pārbaudīte Elīza/ })).toBeVisible();
});
