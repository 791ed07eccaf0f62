import type { ActorCtx } from '../../platform/context';
import { AppError, type FieldProblem } from '../../platform/errors';
import type { ImportField, ImportMapping, ImportPreview } from '../../shared/contracts/imports';
import type { Language, MessageKey } from '../../shared/i18n';
import { foldForSearch } from '../../shared/names';
import type { CellProblem } from './values';

/**
 * What each kind of import (families, activities) gives the common import run: how it recognises its
 * columns, how it reads the file into records (a family of several rows, an activity with its
 * participants), and how it saves one record with the same use case as the form a person would fill in.
 * The run does the rest the same way for every kind: savepoints, all or nothing, keys against importing
 * twice, progress, problems in the user's language, the error file and the audit.
 */
export interface ImportKindHandler<R extends ImportRecord = ImportRecord> {
  /** Headers people write for each field, besides the field's own label (folded on comparison). */
  headerWords: Partial<Record<ImportField, string[]>>;
  /** Reads the file's rows into records; may look things up, writes nothing. */
  read(ctx: ActorCtx, rows: string[][], mapping: ImportMapping, centreId: string): Promise<R[]>;
  /**
   * Saves at once the records that need no word from their form (optional, for speed): answers what each
   * saved record became, by key; the rest are then saved one by one.
   */
  saveAtOnce?(ctx: ActorCtx, records: R[]): Promise<Map<string, Created>>;
  /** Saves one record as the caller; a refusal is returned as the problems of the rows it concerns. */
  save(ctx: ActorCtx, record: R): Promise<Created | RowProblem[]>;
  /** The first records as they will be stored. */
  preview(language: Language, records: R[]): ImportPreview;
}

/** One record of the file: the spreadsheet rows it came from, and what reading them found wrong. */
export interface ImportRecord {
  rows: number[];
  /** The same rows give the same key in every file: re-importing them finds them imported. */
  key: string;
  problems: RowProblem[];
}

/** What saving a record created, kept for undoing the import. */
export interface Created {
  familyId?: string;
  caseId?: string;
  personIds?: string[];
  activityId?: string;
  groupMemberIds?: string[];
  /** A register's new row (an institution, a volunteer). */
  recordId?: string;
}

/** A problem of one spreadsheet row: its number as the spreadsheet shows it, and the column if one. */
export interface RowProblem {
  row: number;
  field: ImportField | null;
  key: MessageKey;
  params?: CellProblem['params'];
}

/** Guesses which column holds which field from the headers; each column and field used once. */
export function guessMapping(
  fields: readonly ImportField[],
  headerWords: Partial<Record<ImportField, string[]>>,
  headers: string[],
): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  const folded = headers.map((header) => foldForSearch(header).replace(/[:*]$/, ''));
  for (const exact of [true, false]) {
    for (const field of fields) {
      if (mapping[field] !== undefined) continue;
      const words = (headerWords[field] ?? []).map(foldForSearch);
      const index = folded.findIndex(
        (header, i) =>
          !used.has(i) &&
          header !== '' &&
          (exact ? words.includes(header) : words.some((word) => word.length > 3 && header.startsWith(word))),
      );
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
      }
    }
  }
  return mapping;
}

/** The cell of a row that a field is mapped to ('' when the field is not in the file). */
export const cellOf = (mapping: ImportMapping) => (row: string[], field: ImportField) =>
  mapping[field] === undefined ? '' : (row[mapping[field]] ?? '');

/**
 * A use case's refusal as problems of spreadsheet rows: its field problems placed by `whereIs`, or one
 * problem of the record's first row. Anything but a refusal (a database failure, a permission) is thrown
 * on and ends the import.
 */
export function refusalProblems(
  error: unknown,
  firstRow: number,
  whereIs: (field: string) => { row: number; field: ImportField | null },
): RowProblem[] {
  if (!(error instanceof AppError) || error.code === 'FORBIDDEN') throw error;
  const fields: FieldProblem[] = error.fields ?? [];
  if (fields.length === 0)
    return [
      {
        row: firstRow,
        field: null,
        key: `error.${error.code}` as MessageKey,
        params: error.params ? () => error.params! : undefined,
      },
    ];
  return fields.map((problem) => ({
    ...whereIs(problem.field),
    key: problem.key,
    params: problem.params ? () => problem.params! : undefined,
  }));
}
