import { expect, test } from '@playwright/test';
import { expectAccessible, registerMother, signIn } from './helpers';

test('the header finds a family by name or case number from any page, with the families opened lately', async ({
  page,
}) => {
  await signIn(page, 'liene@example.org');
  const caseId = await registerMother(page, 'Sarmīte', 'Bērzkalne');
  const opened = (await (await page.request.get(`/api/cases/${caseId}`)).json()) as {
    family: { name: string };
    case: { number: string };
  };
  const family = { name: opened.family.name, number: opened.case.number };
  const search = page.getByRole('textbox', { name: 'Meklēt ģimeni' });

  // From another page, by a part of the name without diacritics; the keyboard opens it.
  await page.getByRole('link', { name: 'Atbalsta grupas' }).click();
  await search.fill('berzkal');
  const option = page.getByRole('option').filter({ hasText: family.name });
  await expect(option).toContainText(`Lieta ${family.number}`);
  await expect(option).toContainText('1 pieaugušais');
  await expect(option).toContainText('vēl nav kontaktu');
  await expectAccessible(page, 'header search with results');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.getByRole('heading', { name: family.name, level: 1 })).toBeVisible();
  await expect(page.getByText(`Lietas nr. ${family.number}`)).toBeVisible();
  await expect(search).toHaveValue('');

  // By its case number, and, with nothing typed, among the families opened lately (this one first).
  await page.getByRole('link', { name: 'Sākums' }).click();
  await search.fill(family.number);
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('option')).toContainText(family.name);
  await search.fill('');
  await expect(page.getByRole('group', { name: 'Nesen atvērtās' }).getByRole('option').first()).toContainText(
    family.name,
  );
  await search.press('Escape');
  await search.fill('nav-tādas-ģimenes');
  await expect(page.getByText('Neviena ģimene netika atrasta.')).toBeVisible();
});

test('the header fits a phone: the search box without scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'liene@example.org');
  await expect(page.getByRole('textbox', { name: 'Meklēt ģimeni' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('on a phone: registration, the family page’s day’s action and the activity dialog fit 390 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'liene@example.org');
  const fits = async (what: string) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(390);
  await page.goto('/register');
  await expect(page.getByRole('heading', { name: 'Reģistrēt ģimeni', level: 1 })).toBeVisible();
  await fits('registration');
  for (const name of ['Vārds', 'Uzvārds', 'Dzimšanas datums']) {
    const field = await page.getByRole('textbox', { name, exact: true }).first().boundingBox();
    expect(field!.x + field!.width, name).toBeLessThanOrEqual(390);
    expect(field!.width, name).toBeGreaterThan(100);
  }
  const caseId = await registerMother(page, 'Rūta', 'Telefone');
  await page.goto(`/cases/${caseId}`);
  // The day's action without scrolling.
  await expect(page.getByRole('button', { name: 'Reģistrēt aktivitāti' })).toBeInViewport();
  await fits('family page');
  await page.getByRole('button', { name: 'Reģistrēt aktivitāti' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reģistrēt aktivitāti' });
  await expect(dialog.getByRole('textbox', { name: 'Datums' })).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  for (const name of ['Datums', 'Sākums (hh:mm)', 'Beigas (hh:mm)']) {
    const field = await dialog.getByRole('textbox', { name, exact: true }).boundingBox();
    expect(field!.x + field!.width, name).toBeLessThanOrEqual(390);
    expect(field!.width, name).toBeGreaterThan(100);
  }
});
