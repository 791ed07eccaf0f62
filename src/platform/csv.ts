/**
 * The one CSV writer (RFC 4180, UTF-8 with a byte-order mark, CRLF), for reports and import error files.
 * A text cell a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return: a project title or a name typed so) is opened with an apostrophe and shown as text; the importer
 * takes the apostrophe back. Numbers are written as given: the caller formats them for the reader's
 * spreadsheet (`csvNumber`).
 */
export type CsvSeparator = ',' | ';';

/** A number already written for the reader's spreadsheet: never taken for a formula (`-12,50`). */
export class CsvNumber {
  constructor(readonly text: string) {}
}

export type CsvValue = string | number | CsvNumber | null;

export function csvCell(value: CsvValue, separator: CsvSeparator): string {
  if (value instanceof CsvNumber) return value.text;
  const formulaLike = typeof value === 'string' && /^[=+\-@\t\r]/.test(value);
  const text = value === null ? '' : formulaLike ? `'${value}` : String(value);
  return /["\n\r]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(rows: CsvValue[][], separator: CsvSeparator): string {
  return `\ufeff${rows.map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join('\r\n')}\r\n`;
}

/**
 * A number as Latvian Excel reads it in a `;` file (a decimal comma) or as English Excel reads it in a
 * `,` file (a decimal point); never with thousands separators, which would make it text.
 */
export function csvNumber(value: number, separator: CsvSeparator, decimals?: number): CsvNumber {
  const text = decimals === undefined ? String(value) : value.toFixed(decimals);
  return new CsvNumber(separator === ';' ? text.replace('.', ',') : text);
}
