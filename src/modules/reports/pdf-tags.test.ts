import { describe, expect, it } from 'vitest';
import { type PdfElement, pdfStructure } from '../../../test/helpers/pdf-text';
import { pdfDocument, renderPdf, toPdf } from './pdf';

const elements = (role: string, from: PdfElement[]): PdfElement[] =>
  from.flatMap((e) => [...(e.role === role ? [e] : []), ...elements(role, e.children)]);

describe('tagged PDF', () => {
  it('reads a table over three pages once, its header row repeated on each page skipped', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`Rinda ${i + 1}`, i + 1]);
    const bytes = await toPdf({
      kind: 'budget',
      rendered: {
        title: 'PRJ-1 · Projekts',
        subtitle: '01.01.2024–31.12.2024',
        sections: [{ title: 'Izdevumi', headers: ['Pozīcija', 'Summa'], rows, kinds: ['text', 'number'] }],
      },
      report: {},
      language: 'lv',
      organisation: 'Biedrība',
      generatedAt: new Date('2026-03-02T09:00:00Z'),
      extras: {},
    });
    const { marked, pages, artifacts, untagged } = await pdfStructure(bytes);
    expect(marked).toBe(true);
    expect(pages.length).toBe(3);
    expect(untagged).toEqual([]);
    expect(elements('TH', pages).map((e) => e.text)).toEqual(['Pozīcija', 'Summa']);
    const cells = elements('TD', pages).map((e) => e.text);
    expect(cells.filter((text) => text.startsWith('Rinda'))).toEqual(rows.map((row) => row[0]));
    expect(elements('H2', pages).map((e) => e.text)).toEqual(['Izdevumi', 'Paraksts']);
    // Page furniture: the header row's copies, the running header and the page numbers.
    const furniture = artifacts.join(' ');
    expect(furniture.match(/Pozīcija/g)).toHaveLength(2);
    expect(furniture).toContain('3. lapa no 3');
  });

  it('keeps text drawn without tags readable, as paragraphs', async () => {
    const bytes = await renderPdf(
      pdfDocument(
        { title: 'Apstrādes reģistrs', author: 'Biedrība', creationDate: new Date(0) },
        [{ text: 'Pirmā rinda' }, { text: 'Otrā rinda' }],
        9,
      ),
    );
    const { pages, untagged } = await pdfStructure(bytes);
    expect(untagged).toEqual([]);
    expect(elements('P', pages).map((e) => e.text)).toEqual(['Pirmā rinda', 'Otrā rinda']);
  });
});
