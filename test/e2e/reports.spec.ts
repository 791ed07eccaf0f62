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

  // Every report kind downloads from the same place: the budget as CSV.
  await page.getByRole('combobox', { name: 'Atskaite', exact: true }).click();
  await page.getByRole('option', { name: 'Budžets un līdzfinansējums' }).click();
  const budget = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Lejupielādēt CSV' }).click();
  expect((await budget).suggestedFilename()).toBe('2012.EEZ_PP_1_MAC_150_008-budget.csv');
  expect(readFileSync((await (await budget).path())!, 'utf8')).toContain(
    'Finansējuma avoti;pašu līdzekļi;Biedrības līdzfinansējums;6400,00',
  );

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

test('a centre manager sees her centre’s results for 2014 without a project, by the children’s age, and downloads them', async ({
  page,
}) => {
  await signIn(page, 'bauska.vaditaja@demo.atbalsts.lv', 'demo-atbalsts-2026');
  await page.getByRole('link', { name: 'Rezultāti', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rezultāti bez projekta');
  await page.getByRole('textbox', { name: 'No', exact: true }).fill('01.01.2014');
  await page.getByRole('textbox', { name: 'Līdz', exact: true }).fill('31.12.2014');
  await page.getByRole('button', { name: 'Rādīt periodu' }).click();
  await expect(page.getByText(/· 01\.01\.2014–31\.12\.2014$/)).toBeVisible();

  // What the screen shows is what the API computes for her (her centre only).
  const api = (await (
    await page.request.get('/api/reports/results?from=2014-01-01&to=2014-12-31')
  ).json()) as {
    indicators: { key: string; by: Record<string, string> | null; achieved: number; previous: number }[];
  };
  const families = api.indicators.find((i) => i.key === 'families_reached' && i.by === null)!;
  expect(families.achieved).toBeGreaterThan(0);
  expect(api.indicators.some((i) => i.by?.centre && i.by.centre !== 'Bauska')).toBe(false);
  await expect(
    page
      .getByRole('row', { name: /^Ģimenes, kas saņēmušas atbalstu/ })
      .first()
      .getByRole('cell'),
  ).toHaveText(['Ģimenes, kas saņēmušas atbalstu', String(families.achieved), String(families.previous)]);
  const ageCard = page.getByRole('heading', { name: 'Vecuma grupa', exact: true }).locator('..');
  const school = api.indicators.find(
    (i) => i.key === 'children_in_families_reached' && i.by?.age_band === '7-12',
  )!;
  await expect(
    ageCard.getByRole('row', { name: /^Bērni šajās ģimenēs 7–12 gadi/ }).getByRole('cell'),
  ).toHaveText(['Bērni šajās ģimenēs', '7–12 gadi', String(school.achieved)]);
  await expect(
    page.getByRole('figure', { name: 'Šis periods pret iepriekšējo' }).locator('.recharts-bar-rectangle'),
  ).not.toHaveCount(0);
  await expectAccessible(page, 'results without a project');

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Lejupielādēt XLSX' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('2014-01-01_2014-12-31-results.xlsx');
  expect(
    readFileSync((await download.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
});
