import ExcelJS from 'exceljs';
import { csvText } from '../../platform/csv';
import { AppError } from '../../platform/errors';

/** A spreadsheet as text: its header row and its data rows (each as long as the header). */
export interface Table {
  headers: string[];
  rows: string[][];
  format: 'csv' | 'xlsx';
  /** CSV only: the separator found, kept for the error file. */
  separator?: ',' | ';';
}

export const maxImportRows = 100_000;

/** XLSX (a zip) or CSV, told apart by the bytes, not the name. */
export async function readSpreadsheet(bytes: Buffer): Promise<Table> {
  const table = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
    ? await readXlsx(bytes)
    : readCsv(decodeText(bytes));
  if (table.headers.length === 0 || table.headers.every((h) => h === ''))
    throw new AppError('IMPORT_UNREADABLE', { params: { reason: 'no header row' } });
  if (table.rows.length > maxImportRows)
    throw new AppError('IMPORT_TOO_LARGE', { params: { max: maxImportRows } });
  return table;
}

/**
 * UTF-8 (with or without a byte-order mark), or else Windows-1257, which Latvian Excel writes CSV in:
 * a file that is not valid UTF-8 is read as Windows-1257 (every byte is a character there).
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1257').decode(bytes);
  }
}

/** RFC 4180 CSV with `,` or `;` (whichever the header row has more of), quotes doubled inside quotes. */
export function readCsv(text: string): Table {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...rest] = records;
  return { ...shape(header, rest), format: 'csv', separator };
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_UNREADABLE', { params: { reason: 'not a readable XLSX workbook' } });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_UNREADABLE', { params: { reason: 'the workbook has no sheet' } });
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++)
      values.push(cellText(row.getCell(column).value));
    records.push(values);
  });
  const [header = [], ...rest] = records;
  return { ...shape(header, rest), format: 'xlsx' };
}

/** A cell's value as the text a person typed: dates as dd.mm.yyyy, formulas as their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  }
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/**
 * Trims every cell, drops wholly empty rows, pads rows to the header's width, and takes back the apostrophe
 * our own error files put before a cell that looks like a formula (`'+371…` is read as `+371…`).
 */
function shape(header: string[], rows: string[][]): Pick<Table, 'headers' | 'rows'> {
  const headers = header.map((h) => h.trim());
  while (headers.length > 0 && headers.at(-1) === '') headers.pop();
  const width = headers.length;
  const clean = (cell: string | undefined) => (cell ?? '').trim().replace(/^'(?=[=+\-@])/, '');
  const kept = rows
    .map((row) => Array.from({ length: width }, (_, i) => clean(row[i])))
    .filter((row) => row.some((cell) => cell !== ''));
  return { headers, rows: kept };
}

/**
 * The same spreadsheet with a column added that says, for each row, what was wrong with it (empty where
 * nothing was): the user fixes the rows in place and imports the file again.
 */
export async function errorSpreadsheet(
  table: Table,
  errors: Map<number, string>,
  errorHeader: string,
): Promise<{ bytes: Buffer; mediaType: string; extension: string }> {
  const headers = [...table.headers, errorHeader];
  const rows = table.rows.map((row, index) => [...row, errors.get(index + 2) ?? '']);
  if (table.format === 'csv') {
    const text = csvText([headers, ...rows], table.separator ?? ',');
    return { bytes: Buffer.from(text, 'utf8'), mediaType: 'text/csv; charset=utf-8', extension: 'csv' };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(errorHeader.slice(0, 31));
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row); // text cells: a spreadsheet does not run them
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.getColumn(headers.length).width = 60;
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    bytes,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  };
}
