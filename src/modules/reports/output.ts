import ExcelJS from 'exceljs';
import type { Language } from '../../shared/i18n';
import { type PdfExtras, toPdf } from './pdf';
import { generatedLine, type RenderedReport, type ReportKind, sectionsOf, toCsv, toText } from './sections';

export { pdfDocument, renderPdf } from './pdf';
export { generatedLine } from './sections';

export const outputFormats = ['json', 'csv', 'xlsx', 'pdf', 'text'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export const mediaTypes: Record<OutputFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  text: 'text/plain; charset=utf-8',
};

/**
 * A sheet's name: the section's title, whole when it fits Excel's 31 characters, else cut at a word; a
 * repeated one numbered "(2)".
 */
function sheetName(title: string, used: Set<string>): string {
  const shorten = (text: string, room: number) => {
    if (text.length <= room) return text;
    const cut = text.slice(0, room);
    const space = cut.lastIndexOf(' ');
    return (space > room / 2 ? cut.slice(0, space) : cut).trim();
  };
  const base = title.replace(/[:\\/?*[\]]/g, ' ').trim() || 'Sheet';
  let name = shorten(base, 31);
  for (let i = 2; used.has(name); i++) {
    const suffix = ` (${i})`;
    name = `${shorten(base, 31 - suffix.length)}${suffix}`;
  }
  used.add(name);
  return name;
}

/**
 * XLSX: one sheet per section, numbers as numbers, money in euros, shares as percentages; whole numbers
 * without a decimal separator ("129", not "129."); the header row frozen and filterable, for people who
 * pivot (issue 18, item 2).
 */
export async function toXlsx(
  rendered: RenderedReport,
  organisation: string,
  generated: string,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = organisation;
  workbook.created = new Date(0); // fixed: the same report gives the same file
  const used = new Set<string>();
  for (const section of rendered.sections) {
    const sheet = workbook.addWorksheet(sheetName(section.sheet ?? section.title, used));
    sheet.addRow([rendered.title]).font = { bold: true, size: 13 };
    sheet.addRow([rendered.subtitle]);
    sheet.addRow([generated]);
    sheet.addRow([]);
    const header = sheet.addRow(section.headers);
    header.font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: header.number }];
    if (section.headers.length > 0)
      sheet.autoFilter = {
        from: { row: header.number, column: 1 },
        to: { row: header.number, column: section.headers.length },
      };
    for (const row of section.rows) {
      sheet.addRow(
        row.map((value, i) =>
          section.kinds?.[i] === 'money' && typeof value === 'number' ? value / 100 : value,
        ),
      );
    }
    section.headers.forEach((heading, i) => {
      const column = sheet.getColumn(i + 1);
      const kind = section.kinds?.[i] ?? 'text';
      column.width = Math.min(
        80,
        Math.max(12, heading.length + 2, ...section.rows.map((r) => String(r[i] ?? '').length + 2)),
      );
      if (kind === 'money') column.numFmt = '#,##0.00 "€"';
      if (kind === 'percent') column.numFmt = '0.0%';
      if (kind === 'number') {
        const whole = section.rows.every((r) => typeof r[i] !== 'number' || Number.isInteger(r[i]));
        column.numFmt = whole ? '#,##0' : '#,##0.0#';
      }
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Renders a report object in one of the output formats (JSON is the object itself). */
export async function renderReport(
  kind: ReportKind,
  report: unknown,
  format: OutputFormat,
  language: Language,
  organisation: string,
  generatedAt: Date,
  extras: PdfExtras = {},
): Promise<string | Uint8Array> {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const rendered = sectionsOf(kind, report, language);
  const generated = generatedLine(language, generatedAt);
  switch (format) {
    case 'csv':
      return toCsv(rendered, language);
    case 'text':
      return `${toText(rendered, language)}\n`;
    case 'xlsx':
      return toXlsx(rendered, organisation, generated);
    case 'pdf':
      return toPdf({ kind, rendered, report, language, organisation, generatedAt, extras });
  }
}
