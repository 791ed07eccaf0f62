import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { flushAuditBuffer, recordAudit } from '../../platform/audit';
import type { Actor, ActorCtx } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { can, canSomewhere, satisfies } from '../../shared/access';
import {
  type ImportJobView,
  type ImportKind,
  type ImportMapping,
  importAccess,
  importFields,
  requiredImportFields,
} from '../../shared/contracts/imports';
import { translate } from '../../shared/i18n';
import { centres } from '../centres/tables';
import { familyMembers } from '../families/tables';
import { activitiesImport } from './activities';
import { familiesImport } from './families';
import {
  type Created,
  guessMapping,
  type ImportKindHandler,
  type ImportRecord,
  type RowProblem,
} from './kinds';
import { institutionsImport, volunteersImport } from './registers';
import type { Table } from './spreadsheet';
import { importMappings, importRecords, imports } from './tables';

/** Shown in full up to this many; the error file has them all. */
const shownProblems = 500;

export interface ImportRequest {
  kind: ImportKind;
  /** The centre families and activities go to; null for the organisation's registers. */
  centreId: string | null;
  fileName: string;
  fileSha256: string;
  table: Table;
  mapping: ImportMapping;
  mode: 'check' | 'run';
  skipProblems: boolean;
}

export type ImportResult = NonNullable<ImportJobView['result']> & {
  /** Every problem by spreadsheet row, in the caller's language, for the error file. */
  problemsByRow: Map<number, string>;
};

/** Each kind's reading and saving, fresh for every import (a handler keeps what it looked up). */
const handlers: Record<ImportKind, () => ImportKindHandler> = {
  families: familiesImport as () => ImportKindHandler,
  activities: activitiesImport as () => ImportKindHandler,
  institutions: institutionsImport as () => ImportKindHandler,
  volunteers: volunteersImport as () => ImportKindHandler,
};

/**
 * Whether the actor may import (or see an import of) this kind, into this centre (`importAccess`):
 * families and activities into a centre its manager manages, a register of the organisation with its
 * page's rights. Without a centre, for a centre's kind: whether she may somewhere.
 */
export function mayImportKind(actor: Actor, kind: ImportKind, centreId?: string | null): boolean {
  const rule = importAccess[kind];
  if (!('centre' in rule)) return satisfies(actor, { anyPermission: rule.anyPermission });
  return centreId ? can(actor, rule.centre, centreId) : canSomewhere(actor, rule.centre);
}

/**
 * The check before an import: the centre, of the organisation, for a centre's kind (none for a
 * register); refuses (403) whoever may not import there, (400) a centre named for a register or missing.
 */
export async function mayImport(ctx: ActorCtx, kind: ImportKind, centreId: string | null): Promise<void> {
  const perCentre = 'centre' in importAccess[kind];
  if (!perCentre) {
    if (centreId !== null) throw invalid({ field: 'centreId', key: 'validation.invalidValue' });
  } else {
    if (centreId === null) throw invalid({ field: 'centreId', key: 'validation.required' });
    const [centre] = await ctx.tx
      .select({ id: centres.id })
      .from(centres)
      .where(and(eq(centres.id, centreId), eq(centres.organisationId, ctx.actor.organisationId)));
    if (!centre) throw new AppError('FORBIDDEN');
  }
  if (!mayImportKind(ctx.actor, kind, centreId)) throw new AppError('FORBIDDEN');
}

/** A stable key for a spreadsheet's headers: the same columns in the same order. */
export const headersKey = (headers: string[]) =>
  createHash('sha256').update(JSON.stringify(headers)).digest('hex');

/** The mapping saved for these headers, or else one guessed from them. */
export async function mappingFor(
  ctx: ActorCtx,
  kind: ImportKind,
  headers: string[],
): Promise<{ mapping: ImportMapping; saved: boolean }> {
  const [saved] = await ctx.tx
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(
      and(
        eq(importMappings.organisationId, ctx.actor.organisationId),
        eq(importMappings.kind, kind),
        eq(importMappings.headersKey, headersKey(headers)),
      ),
    );
  return saved
    ? { mapping: saved.mapping as ImportMapping, saved: true }
    : { mapping: guessMapping(importFields[kind], handlers[kind]().headerWords, headers), saved: false };
}

/**
 * Reads every record of the file (a family, an activity) and saves it in the caller's transaction, each in
 * a savepoint, so that one record's refusal is that record's problem and not the end of the import. A
 * check (a dry run) then rolls everything back; so does a run that met problems, unless the user chose to
 * leave those records out. So an import is all or nothing: a failure at its last row leaves nothing
 * behind. Records whose rows were imported before (the same key) are counted and left alone.
 */
export async function runImport(
  ctx: ActorCtx,
  request: ImportRequest,
  onProgress: (processed: number, total: number) => void,
): Promise<ImportResult> {
  await mayImport(ctx, request.kind, request.centreId);
  const { table, mapping } = request;
  const fields: readonly string[] = importFields[request.kind];
  for (const [field, column] of Object.entries(mapping))
    if (column >= table.headers.length || !fields.includes(field))
      throw invalid({ field: `mapping.${field}`, key: 'validation.invalidValue' });
  const unmapped = requiredImportFields[request.kind].filter((field) => mapping[field] === undefined);
  if (unmapped.length > 0)
    throw new AppError('IMPORT_MAPPING_INCOMPLETE', {
      params: {
        fields: unmapped.map((field) => translate(ctx.language, `import.field.${field}`)).join(', '),
      },
    });

  // Imports of one kind in one organisation run one after the other: the same file sent twice (a double
  // click) then finds its records imported by the first, instead of failing on the first's keys.
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`import:${ctx.actor.organisationId}:${request.kind}`}))`,
  );
  const handler = handlers[request.kind]();
  const records = await handler.read(ctx, table.rows, mapping, request.centreId ?? '');
  // The records' audit entries are written together at the end, in this transaction.
  const audit: NonNullable<ActorCtx['auditBuffer']> = [];
  const bulk: ActorCtx = { ...ctx, auditBuffer: audit };
  const known = await importedKeys(
    ctx,
    request.kind,
    records.map((record) => record.key),
  );
  const problems: RowProblem[] = [];
  const done: { record: ImportRecord; created: Created }[] = [];
  let already = 0;
  let withProblems = 0;
  onProgress(0, records.length);
  // The records that need no word from their form, at once where the kind can; the rest one by one.
  const atOnce =
    (await handler.saveAtOnce?.(
      bulk,
      records.filter((record) => !known.has(record.key) && record.problems.length === 0),
    )) ?? new Map<string, Created>();
  if (atOnce.size > 0) onProgress(atOnce.size, records.length);
  for (const [index, record] of records.entries()) {
    const created = atOnce.get(record.key);
    if (known.has(record.key)) already += 1;
    else if (created) done.push({ record, created });
    else {
      const audited = audit.length;
      const outcome =
        record.problems.length > 0
          ? record.problems
          : await ctx.tx
              .transaction((savepoint) =>
                handler.save({ ...bulk, tx: savepoint }, record).then((value) => {
                  if (Array.isArray(value)) throw new RecordRefused(value);
                  return value;
                }),
              )
              .catch((error) => {
                if (error instanceof RecordRefused) return error.problems;
                throw error;
              });
      if (Array.isArray(outcome)) {
        audit.length = audited; // the record's savepoint was rolled back: so are its entries
        withProblems += 1;
        problems.push(...outcome);
      } else done.push({ record, created: outcome });
    }
    if (index % 50 === 49) onProgress(Math.max(index + 1, atOnce.size), records.length);
  }
  onProgress(records.length, records.length);

  const commit = request.mode === 'run' && (withProblems === 0 || request.skipProblems) && done.length > 0;
  let importId: string | null = null;
  if (commit) {
    await flushAuditBuffer(ctx, audit);
    importId = await saveImport(ctx, request, { imported: done, already, skipped: withProblems });
  }
  // Each problem in the caller's language, once: for the page (the first ones) and the error file (all).
  const described = problems
    .map((problem) => ({
      row: problem.row,
      column: problem.field === null ? null : columnName(problem.field, table.headers, mapping),
      message: translate(ctx.language, problem.key, problem.params?.(ctx.language)),
    }))
    .sort((a, b) => a.row - b.row);
  const problemsByRow = new Map<number, string>();
  for (const { row, column, message } of described) {
    const text = column ? `${column}: ${message}` : message;
    problemsByRow.set(row, [problemsByRow.get(row), text].filter(Boolean).join(' '));
  }
  const result: ImportResult = {
    rows: table.rows.length,
    records: records.length,
    imported: done.length,
    already,
    withProblems,
    problems: described.slice(0, shownProblems),
    problemCount: problems.length,
    preview: handler.preview(
      ctx.language,
      records.filter((record) => record.problems.length === 0),
    ),
    committed: commit,
    importId,
    problemsByRow,
  };
  // Anything not to keep is undone here: the caller's transaction then commits only a run's import.
  if (!commit) throw new ImportRolledBack(result);
  return result;
}

class RecordRefused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('record refused');
  }
}

/** Thrown to roll the import's transaction back; carries what the import found. */
export class ImportRolledBack extends Error {
  constructor(readonly result: ImportResult) {
    super('import rolled back');
  }
}

async function importedKeys(ctx: ActorCtx, kind: ImportKind, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 5000) {
    const rows = await ctx.tx
      .select({ key: importRecords.rowKey })
      .from(importRecords)
      .where(
        and(
          eq(importRecords.organisationId, ctx.actor.organisationId),
          eq(importRecords.kind, kind),
          inArray(importRecords.rowKey, keys.slice(i, i + 5000)),
        ),
      );
    for (const row of rows) found.add(row.key);
  }
  return found;
}

async function saveImport(
  ctx: ActorCtx,
  request: ImportRequest,
  outcome: {
    imported: { record: ImportRecord; created: Created }[];
    already: number;
    skipped: number;
  },
): Promise<string> {
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(imports).values({
    id,
    organisationId: ctx.actor.organisationId,
    centreId: request.centreId,
    kind: request.kind,
    fileName: request.fileName,
    fileSha256: request.fileSha256,
    rowsTotal: request.table.rows.length,
    familiesImported: outcome.imported.length,
    familiesAlready: outcome.already,
    familiesSkipped: outcome.skipped,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  // A family's people are its members once registered (new people and people already registered alike).
  const familyIds = outcome.imported.flatMap(({ created }) => (created.familyId ? [created.familyId] : []));
  const members = new Map<string, string[]>();
  for (let i = 0; i < familyIds.length; i += 5000) {
    const rows = await ctx.tx
      .select({ familyId: familyMembers.familyId, personId: familyMembers.personId })
      .from(familyMembers)
      .where(inArray(familyMembers.familyId, familyIds.slice(i, i + 5000)));
    for (const row of rows) members.set(row.familyId, [...(members.get(row.familyId) ?? []), row.personId]);
  }
  const records = outcome.imported.map(({ record, created }) => ({
    importId: id,
    organisationId: ctx.actor.organisationId,
    kind: request.kind,
    rowKey: record.key,
    familyId: created.familyId ?? null,
    caseId: created.caseId ?? null,
    personIds: created.familyId ? (members.get(created.familyId) ?? []) : [],
    activityId: created.activityId ?? null,
    groupMemberIds: created.groupMemberIds ?? [],
    recordId: created.recordId ?? null,
  }));
  for (let i = 0; i < records.length; i += 1000)
    await ctx.tx.insert(importRecords).values(records.slice(i, i + 1000));
  await ctx.tx
    .insert(importMappings)
    .values({
      organisationId: ctx.actor.organisationId,
      kind: request.kind,
      headersKey: headersKey(request.table.headers),
      mapping: request.mapping,
      updatedAt: ctx.now,
    })
    .onConflictDoUpdate({
      target: [importMappings.organisationId, importMappings.kind, importMappings.headersKey],
      set: { mapping: sql`excluded.mapping`, updatedAt: ctx.now },
    });
  await recordAudit(ctx, {
    action: 'import.run',
    entityType: 'import',
    entityId: id,
    details: {
      kind: request.kind,
      fileName: request.fileName,
      rows: request.table.rows.length,
      imported: outcome.imported.length,
      already: outcome.already,
      skipped: outcome.skipped,
    },
  });
  return id;
}

function columnName(field: string, headers: string[], mapping: ImportMapping): string | null {
  const column = mapping[field as keyof ImportMapping];
  return column === undefined ? null : (headers[column] ?? null);
}
