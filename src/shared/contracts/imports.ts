import { z } from 'zod';
import { text } from './common';

export const importKinds = ['families'] as const;
export type ImportKind = (typeof importKinds)[number];

/** The fields of a families spreadsheet a column can be mapped to (one row per person). */
export const familyImportFields = [
  'family',
  'givenName',
  'familyName',
  'birth',
  'personalCode',
  'sex',
  'relation',
  'phone',
  'email',
  'municipality',
  'town',
  'street',
  'referralDate',
  'referralSource',
  'keyWorker',
] as const;
export type FamilyImportField = (typeof familyImportFields)[number];
export const requiredFamilyImportFields: readonly FamilyImportField[] = [
  'givenName',
  'familyName',
  'referralDate',
];

/** Field → the column (0-based) it is read from. */
export const importMapping = z.partialRecord(z.enum(familyImportFields), z.number().int().min(0).max(1000));
export type ImportMapping = z.infer<typeof importMapping>;

export const importFileQuery = z.object({ kind: z.enum(importKinds), name: text(200).min(1) });

/** What the file holds: its headers, its first rows, and the mapping guessed or used last time. */
export const importFileView = z.object({
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  rows: z.number().int(),
  mapping: importMapping,
  /** The mapping was the one saved for a file with these headers. */
  savedMapping: z.boolean(),
});

export const importStartQuery = importFileQuery.extend({
  centreId: z.uuid(),
  /** The mapping as JSON (the body is the file). */
  mapping: z
    .string()
    .max(4000)
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'validation.invalid' });
        return z.NEVER;
      }
    })
    .pipe(importMapping),
  mode: z.enum(['check', 'run']),
  /** Import the families without problems and leave the others out (the user chose so). */
  skipProblems: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const importProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});

/** A member of a family as it will be stored, for the preview. */
export const importPreviewMember = z.object({
  row: z.number().int(),
  name: z.string(),
  birth: z.string(),
  personalCode: z.string(),
  relation: z.string(),
  sex: z.string(),
});

export const importJobView = z.object({
  id: z.uuid(),
  mode: z.enum(['check', 'run']),
  state: z.enum(['running', 'done', 'failed']),
  /** Families processed so far, of all the file's families. */
  processed: z.number().int(),
  total: z.number().int(),
  result: z
    .object({
      rows: z.number().int(),
      families: z.number().int(),
      /** Families registered (a check: that would be). */
      imported: z.number().int(),
      /** Families found imported already (the same rows): left as they are. */
      already: z.number().int(),
      /** Families with a problem in one of their rows. */
      withProblems: z.number().int(),
      problems: z.array(importProblem),
      problemCount: z.number().int(),
      preview: z.array(importPreviewMember),
      /** The import was saved (a run without problems, or with them skipped as asked). */
      committed: z.boolean(),
      importId: z.uuid().nullable(),
    })
    .nullable(),
  error: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJobView>;

export const importView = z.object({
  id: z.uuid(),
  kind: z.enum(importKinds),
  fileName: z.string(),
  centreName: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  already: z.number().int(),
  skipped: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
  undoReason: z.string().nullable(),
});
export type ImportView = z.infer<typeof importView>;

export const undoImportInput = z.object({ reason: text(500).min(5) });
