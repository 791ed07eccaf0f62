import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('intake and review assessments show the change per domain as a table and a chart', async ({ page }) => {
  await signIn(page, 'liene@example.org');
  const me = await (await page.request.get('/api/auth/me')).json();
  const registered = await page.request.post('/api/families', {
    data: {
      members: [
        {
          relation: 'mother',
          person: { givenName: 'Ruta', familyName: 'Vērtētāja', birthDate: '1987-07-07' },
        },
      ],
      case: { centreId: me.roles[0].centreId, referralDate: '2026-01-10', referralSource: 'social_service' },
      confirmSimilar: true,
    },
  });
  const { caseId } = await registered.json();
  await page.goto(`/cases/${caseId}`);

  const domains = [
    'Aprūpe',
    'Pārtikas nodrošinājums',
    'Mājoklis',
    'Fiziskā veselība',
    'Izglītība un prasmes',
    'Iztika',
    'Aizsardzība un sociālā iekļaušanās',
    'Sociāli emocionālā labklājība',
  ];
  const assess = async (date: string, scores: number[]) => {
    await page.getByRole('button', { name: 'Jauns novērtējums' }).click();
    const dialog = page.getByRole('dialog', { name: 'Jauns novērtējums' });
    await dialog.getByRole('textbox', { name: 'Novērtējuma datums' }).fill(date);
    await page.keyboard.press('Tab');
    for (const [index, domain] of domains.entries())
      await dialog
        .getByRole('radiogroup', { name: domain, exact: true })
        .getByRole('radio', { name: new RegExp(`^${domain}: ${scores[index]},`) })
        .check();
    if (date === '15.01.2026') await expectAccessible(page, 'assessment form');
    await dialog.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(dialog).toBeHidden();
  };
  await assess('15.01.2026', [2, 3, 2, 4, 3, 1, 2, 2]);
  await expect(page.getByText(/15\.01\.2026 · sākotnējais/)).toBeVisible();
  await assess('01.03.2026', [4, 3, 3, 4, 4, 2, 3, 3]);
  await expect(page.getByText(/01\.03\.2026 · atkārtots/)).toBeVisible();

  await expect(page.getByRole('heading', { name: 'Izmaiņas no 15.01.2026 līdz 01.03.2026' })).toBeVisible();
  const care = page.getByRole('row', { name: /^Aprūpe/ });
  await expect(care.getByRole('cell')).toHaveText(['Aprūpe', '2', '4', '+2']);
  await expect(
    page
      .getByRole('row', { name: /^Pārtikas nodrošinājums/ })
      .getByRole('cell')
      .nth(3),
  ).toHaveText('0');
  const chart = page.getByRole('figure', { name: 'Vērtējumi pa jomām: sākumā un pēdējā novērtējumā' });
  await expect(chart.locator('.recharts-bar-rectangle')).toHaveCount(16);
  await expectAccessible(page, 'assessment change');

  // The timeline lists both assessments under their own filter.
  await page.getByRole('radiogroup', { name: 'Rādīt' }).getByText('Novērtējumi').click();
  await expect(page.getByText(/^Novērtējums \((sākotnējais|atkārtots)\)/)).toHaveCount(2);

  // The signed assessment form is attached as a PDF and listed with a download link.
  await page.getByRole('button', { name: 'Pievienot dokumentu' }).click();
  const upload = page.getByRole('dialog', { name: 'Pievienot dokumentu' });
  await upload.locator('input[type="file"]').setInputFiles({
    name: 'Novērtējums 01.03.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'),
  });
  await upload.getByRole('button', { name: 'Saglabāt' }).click();
  const link = page.getByRole('link', { name: 'Lejupielādēt: Novērtējums 01.03.pdf' });
  await expect(link).toBeVisible();
  const download = await page.request.get((await link.getAttribute('href'))!);
  expect(download.headers()['content-type']).toBe('application/pdf');
});
