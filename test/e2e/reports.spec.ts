import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { referencePort } from '../../playwright.config';
import { expectAccessible, signIn } from './helpers';

test.use({ baseURL: `http://localhost:${referencePort}` });

test('a project manager opens the results of the reference project: 129 families against 116; downloads XLSX and PDF', async ({
  page,
}) => {
  await signIn(page, 'projekti@demo.atbalsts.lv', 'demo-atbalsts-2026');

  await page.getByRole('link', { name: 'Projekti', exact: true }).click();
  await page.getByRole('link', { name: '2012.EEZ/PP/1/MAC/150/008' }).click();
  await page.getByRole('button', { name: 'Rezultāti un atskaites' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rezultāti un atskaites');
  const families = page.getByRole('row', { name: /^Ģimenes, kas saņēmušas atbalstu/ });
  await expect(families.getByRole('cell')).toHaveText([
    'Ģimenes, kas saņēmušas atbalstu',
    '116',
    '129',
    '111,2%',
    'Ieraksti',
  ]);
  await expect(page.getByRole('row', { name: /^Bērni šajās ģimenēs/ }).getByRole('cell')).toHaveText([
    'Bērni šajās ģimenēs',
    '250',
    '271',
    '108,4%',
    'Ieraksti',
  ]);
  await expect(
    page.getByRole('figure', { name: 'Plānots un sasniegts' }).locator('.recharts-bar-rectangle'),
  ).toHaveCount(4);
  await expect(
    page.getByText(
      'Projekta aktivitāšu nodrošināto atbalstu saņēmušas 129 ģimenes (plānots 116), kurās ir 271 bērns (plānots 250).',
    ),
  ).toBeVisible();
  await expect(
    page.getByRole('figure', { name: 'Ceturkšņu progress' }).locator('.recharts-line'),
  ).toHaveCount(2);
  // Every indicator says what it counts and what it does not.
  const definitions = page.getByRole('heading', { name: 'Rādītāju definīcijas' }).locator('..');
  await expect(definitions.getByRole('term')).toHaveCount(9);
  await expect(definitions).toContainText('Katru ģimeni skaita vienreiz.');
  await expectAccessible(page, 'project results');

  // The records behind the figure: 129 families, coded (a project manager sees no names).
  await page.getByRole('button', { name: 'Ieraksti: Ģimenes, kas saņēmušas atbalstu', exact: true }).click();
  const records = page.getByRole('dialog', { name: 'Ieraksti: Ģimenes, kas saņēmušas atbalstu' });
  await expect(records.getByText(/^129 ieraksti\./)).toBeVisible();
  await expect(records.getByRole('cell', { name: /^Ģ-[0-9A-F]{8}$/ })).toHaveCount(129);
  await page.keyboard.press('Escape');

  for (const [format, start] of [
    ['XLSX', 'PK'],
    ['PDF', '%PDF-'],
  ] as const) {
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: `Lejupielādēt ${format}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(
      `2012.EEZ_PP_1_MAC_150_008-project-results.${format.toLowerCase()}`,
    );
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, start.length).toString()).toBe(start);
  }

  // The Riga project: the delegation contract's quota against the families served.
  await page.getByRole('link', { name: 'Projekti', exact: true }).click();
  await page.getByRole('link', { name: 'SOS-RKC-2017' }).click();
  await page.getByRole('button', { name: 'Rezultāti un atskaites' }).click();
  await expect(page.getByRole('row', { name: /^RSD-2014-DL-01/ }).getByRole('cell')).toHaveText([
    'RSD-2014-DL-01',
    'Rīgas Sociālais dienests',
    '100',
    '96',
    '96%',
  ]);
});
