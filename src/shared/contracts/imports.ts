import { z } from 'zod';
import type { Permission } from '../access';
import { text } from './common';

/**
 * What a spreadsheet can bring in: families with their members and cases, and activities with attendance,
 * into a centre; partner institutions and volunteers, the organisation's registers.
 */
export const importKinds = ['families', 'activities', 'institutions', 'volunteers'] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * Who may import what: the rights of the page where a person would type the same records in. Into a
 * centre, `cases.supervise` there (its manager); a register, any of its page's permissions.
 */
export const importAccess: Record<
  ImportKind,
  { centre: Permission } | { anyPermission: readonly Permission[] }
> = {
  families: { centre: 'cases.supervise' },
  activities: { centre: 'cases.supervise' },
  institutions: { anyPermission: ['catalogues.manage'] },
  volunteers: { anyPermission: ['projects.manage', 'mentoring.run', 'finance.manage'] },
};
/** Every permission that lets its holder import something: the imports' routes admit these. */
export const importPermissions = [
  ...new Set(
    Object.values(importAccess).flatMap((rule) => ('centre' in rule ? [rule.centre] : rule.anyPermission)),
  ),
];

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

/**
 * The fields of an activities spreadsheet (one row per participant of an activity). Rows with the same
 * value in the activity column are one activity; without that column, one activity is the rows of one
 * date, type, start time and group (and, for work with a family, of one family).
 */
export const activityImportFields = [
  'activity',
  'date',
  'type',
  'startsAt',
  'endsAt',
  'duration',
  'endDate',
  'place',
  'group',
  'programme',
  'project',
  'staff',
  'personalCode',
  'givenName',
  'familyName',
  'birth',
  'attendance',
] as const;
export type ActivityImportField = (typeof activityImportFields)[number];

/** A partner institution per row. */
export const institutionImportFields = [
  'name',
  'institutionType',
  'address',
  'contactPerson',
  'contactPhone',
  'contactEmail',
] as const;
/** A volunteer per row. */
export const volunteerImportFields = [
  'givenName',
  'familyName',
  'email',
  'phone',
  'screenedOn',
  'trainedOn',
  'active',
] as const;

export const importFields = {
  families: familyImportFields,
  activities: activityImportFields,
  institutions: institutionImportFields,
  volunteers: volunteerImportFields,
} as const satisfies Record<ImportKind, readonly string[]>;
export type ImportField = (typeof importFields)[ImportKind][number];
export const requiredImportFields: Record<ImportKind, readonly ImportField[]> = {
  families: requiredFamilyImportFields,
  activities: ['date', 'type'],
  institutions: ['name'],
  volunteers: ['givenName', 'familyName'],
};

/** Field → the column (0-based) it is read from; which fields a kind has is checked with the kind. */
export const importMapping = z.partialRecord(
  z.enum([...new Set<ImportField>(Object.values(importFields).flat())] as [ImportField, ...ImportField[]]),
  z.number().int().min(0).max(1000),
);
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
  /** The centre families and activities go to; none for the organisation's registers. */
  centreId: z.uuid().optional(),
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

/** The first records as they will be stored: translated column names, and one line per spreadsheet row. */
export const importPreview = z.object({
  columns: z.array(z.string()),
  lines: z.array(z.object({ row: z.number().int(), values: z.array(z.string()) })),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importJobView = z.object({
  id: z.uuid(),
  mode: z.enum(['check', 'run']),
  state: z.enum(['running', 'done', 'failed']),
  /** Records (families, activities) processed so far, of all the file's records. */
  processed: z.number().int(),
  total: z.number().int(),
  result: z
    .object({
      rows: z.number().int(),
      /** The file's records: families (of one or more rows) or activities (a row per participant). */
      records: z.number().int(),
      /** Records saved (a check: that would be). */
      imported: z.number().int(),
      /** Records found imported already (the same rows): left as they are. */
      already: z.number().int(),
      /** Records with a problem in one of their rows. */
      withProblems: z.number().int(),
      problems: z.array(importProblem),
      problemCount: z.number().int(),
      preview: importPreview,
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
  /** Null for a register of the organisation (institutions, volunteers). */
  centreName: z.string().nullable(),
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
