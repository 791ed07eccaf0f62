import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { personalCode } from '../helpers/personal-codes';
import { expectAccessible, signIn } from './helpers';

test('a centre manager imports a spreadsheet, downloads its problems, fixes them and imports it', async ({
  page,
}) => {
  await signIn(page, 'anda@example.org');
  await page.getByRole('link', { name: 'Imports no tabulām' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Imports no tabulām');

  const csv = [
    'Ģimene;Vārds;Uzvārds;Dzimšanas datums;Personas kods;Loma;Tālrunis;Nosūtījuma datums',
    `1;Vija;Importa;02.03.1984;${personalCode('1984-03-02', 11)};māte;+371 29000000;01.02.2026`,
    '1;Kārlis;Importa;2016;;dēls;;',
    '2;Dina;Tabula;31.02.1990;;māte;;01.02.2026',
    '3;Juris;Rinda;05.05.1979;;krusttēvs;;01.02.2026',
  ].join('\r\n');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'ģimenes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByText('Failā ir 4 rindas.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Loma ģimenē' })).toHaveValue('Loma');
  await page.getByRole('button', { name: 'Pārbaudīt' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Pārbaudīts' });
  await expect(status).toHaveText(
    'Pārbaudīts. Ģimenes: 3; importējamas: 1; jau importētas: 0; ar kļūdām: 2. Nekas nav saglabāts.',
  );
  await expect(page.getByRole('table', { name: '2 kļūdas' })).toContainText('Dzimšanas datums');
  await expect(page.getByRole('button', { name: 'Importēt', exact: true })).toBeDisabled();
  await expectAccessible(page, 'import checked with problems');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Lejupielādēt failu ar kļūdu kolonnu' }).click();
  const problems = readFileSync(await (await download).path());
  const text = problems.toString('utf8').replace(/^\ufeff/, '');
  const lines = text.split('\r\n');
  expect(lines[0]).toBe(
    'Ģimene;Vārds;Uzvārds;Dzimšanas datums;Personas kods;Loma;Tālrunis;Nosūtījuma datums;Kļūdas',
  );
  expect(lines[3]).toMatch(/^2;Dina;Tabula;31\.02\.1990;;māte;;01\.02\.2026;Dzimšanas datums: /);
  expect(lines[4]).toMatch(/^3;Juris;Rinda;.*;Loma: Nezināma vērtība/);

  // Fixed in place, as a person would in Excel, and sent back with its problems column.
  const fixed = text.replace('31.02.1990', '28.02.1990').replace('krusttēvs', 'tēvs');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'ģimenes-labots.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
  await page.getByRole('button', { name: 'Pārbaudīt' }).click();
  await expect(status).toHaveText(
    'Pārbaudīts. Ģimenes: 3; importējamas: 3; jau importētas: 0; ar kļūdām: 0. Nekas nav saglabāts.',
  );
  await expect(page.getByRole('table', { name: 'Tā tiks saglabāts (pirmās ģimenes)' })).toContainText(
    'Importa Vija',
  );
  await page.getByRole('button', { name: 'Importēt', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Importēts' })).toHaveText(
    'Importēts. Ģimenes: 3; jau importētas: 0; izlaistas ar kļūdām: 0.',
  );
  await expect(page.getByRole('button', { name: 'Atsaukt importu: ģimenes-labots.csv' })).toBeVisible();
  await expectAccessible(page, 'import done');

  const search = await page.request.get(`/api/search?${new URLSearchParams({ q: 'Tabula' })}`);
  expect(search.status()).toBe(200);
  expect(JSON.stringify(await search.json())).toContain('Dina');

  // Then their activities: a consultation with mother and son, found by code and by name and year.
  await page.getByText('Aktivitātes ar apmeklējumu').click();
  await expect(page.getByText(/Ievediet konsultācijas, mājas vizītes/)).toBeVisible();
  const activities = [
    'Datums;Veids;Ilgums;Personas kods;Vārds;Uzvārds;Dzimšanas datums;Apmeklējums',
    `10.02.2026;Konsultācija;1 h;${personalCode('1984-03-02', 11)};;;;jā`,
    '10.02.2026;Konsultācija;1 h;;Kārlis;Importa;2016;jā',
  ].join('\r\n');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'aktivitātes.csv', mimeType: 'text/csv', buffer: Buffer.from(activities) });
  await expect(page.getByRole('combobox', { name: 'Apmeklējums' })).toHaveValue('Apmeklējums');
  await page.getByRole('button', { name: 'Pārbaudīt' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pārbaudīts' })).toHaveText(
    'Pārbaudīts. Aktivitātes: 1; importējamas: 1; jau importētas: 0; ar kļūdām: 0. Nekas nav saglabāts.',
  );
  const preview = page.getByRole('table', { name: 'Tā tiks saglabāts (pirmās aktivitātes)' });
  await expect(preview).toContainText('Importa Kārlis');
  await expect(preview).toContainText('60');
  await page.getByRole('button', { name: 'Importēt', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Importēts' })).toHaveText(
    'Importēts. Aktivitātes: 1; jau importētas: 0; izlaistas ar kļūdām: 0.',
  );
  await expect(page.getByRole('button', { name: 'Atsaukt importu: aktivitātes.csv' })).toBeVisible();
  await expectAccessible(page, 'activities imported');
});
