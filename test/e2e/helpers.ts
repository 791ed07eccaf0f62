import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.1 A and AA rules that axe can check automatically; serious and critical findings fail. */
export async function expectAccessible(page: Page, what: string) {
  // Checked at rest: a dialog still fading in has its text at part opacity, which axe reads as low contrast.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, what).toEqual([]);
}

/** Signs in from the start page and waits for the home page (staff share one password in the e2e server). */
export async function signIn(page: Page, email: string, password = 'ziema pie jūras 2026') {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'E-pasts', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'Parole', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sveicināti');
}

/**
 * Registers a family of one mother at the signed-in user's first centre through the API (set-up for tests
 * about what happens next), returning the case's id.
 */
export async function registerMother(page: Page, givenName: string, familyName: string): Promise<string> {
  const centres = (await (await page.request.get('/api/centres')).json()) as { centres: { id: string }[] };
  const registered = await page.request.post('/api/families', {
    data: {
      members: [{ relation: 'mother', person: { givenName, familyName, birthYear: 1986 } }],
      case: { centreId: centres.centres[0]!.id, referralDate: '2026-02-01', referralSource: 'school' },
      confirmSimilar: true,
    },
  });
  expect(registered.status()).toBe(201);
  return ((await registered.json()) as { caseId: string }).caseId;
}
