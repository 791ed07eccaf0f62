import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import type { ImportKind } from '../../shared/contracts/imports';
import { mayImportKind } from './run-import';
import { importRecords, imports } from './tables';

/** A list of ids as one PostgreSQL array literal (drizzle would spread a JavaScript array into a list). */
const uuids = (ids: string[]) => `{${ids.join(',')}}`;

/** Tables a registration writes and an undo deletes, with the column that ties their rows to the import. */
const created = [
  { table: 'case_status_changes', column: 'case_id', of: 'cases' },
  { table: 'case_team', column: 'case_id', of: 'cases' },
  { table: 'cases', column: 'id', of: 'cases' },
  { table: 'family_members', column: 'family_id', of: 'families' },
  { table: 'persons', column: 'id', of: 'persons' },
  { table: 'families', column: 'id', of: 'families' },
] as const;

/**
 * Undoes an import as a whole, with a reason, while nothing was changed on top of it: its families,
 * people and cases (or its activities) are deleted, and the import stays listed as undone (who, when, why). Refused when any
 * record points at what it created (an activity, a plan, a document, a membership in another family, a
 * group…: found from the database's own foreign keys, so a table added later is covered too) or when one
 * of them was edited since. Audited.
 */
export async function undoImport(ctx: ActorCtx, importId: string, reason: string): Promise<void> {
  const [row] = await ctx.tx
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.organisationId, ctx.actor.organisationId)))
    .for('update');
  if (!row) throw notFound();
  if (!mayImportKind(ctx.actor, row.kind as ImportKind, row.centreId)) throw notFound();
  if (row.undoneAt) throw new AppError('IMPORT_ALREADY_UNDONE');
  const records = await ctx.tx.select().from(importRecords).where(eq(importRecords.importId, importId));
  const details =
    row.kind === 'activities'
      ? await undoActivities(ctx, records)
      : row.kind === 'families'
        ? await undoFamilies(ctx, records, row.createdAt)
        : await undoRegister(
            ctx,
            row.kind === 'institutions' ? 'institutions' : 'volunteers',
            records,
            row.createdAt,
          );
  await ctx.tx.delete(importRecords).where(eq(importRecords.importId, importId));
  await ctx.tx
    .update(imports)
    .set({ undoneAt: ctx.now, undoneBy: ctx.actor.userId, undoReason: reason })
    .where(eq(imports.id, importId));
  await recordAudit(ctx, {
    action: 'import.undo',
    entityType: 'import',
    entityId: importId,
    reason,
    details,
  });
}

type ImportRecordRow = typeof importRecords.$inferSelect;

async function undoFamilies(ctx: ActorCtx, records: ImportRecordRow[], at: Date) {
  const ids = {
    families: records.flatMap((r) => (r.familyId ? [r.familyId] : [])),
    cases: records.flatMap((r) => (r.caseId ? [r.caseId] : [])),
    persons: records.flatMap((r) => r.personIds),
  };
  const since = await changedSince(ctx, ids, at);
  if (since) throw new AppError('IMPORT_CHANGED_SINCE');
  for (const { table, column, of } of created) {
    await ctx.tx.execute(
      sql`DELETE FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} = ANY(${uuids(ids[of])}::uuid[])`,
    );
  }
  return { families: ids.families.length, persons: ids.persons.length };
}

/** What an activity's form writes besides the activity, deleted with it. */
const activityParts = [
  'activity_day_attendance',
  'activity_participants',
  'activity_projects',
  'activity_staff',
  'activity_institutions',
] as const;

/**
 * Deletes the activities an import created, with their attendance, projects and staff, and the group
 * memberships it added. Refused when one of them was corrected or voided since (the correction is
 * history to keep), or when anything else points at them (a document); or when a membership it added
 * has a session since that is not the import's.
 */
async function undoActivities(ctx: ActorCtx, records: ImportRecordRow[]) {
  const activityIds = uuids(records.flatMap((r) => (r.activityId ? [r.activityId] : [])));
  const memberIds = uuids(records.flatMap((r) => r.groupMemberIds));
  const [blocked] = await queryRows<{ found: boolean }>(
    ctx.tx,
    sql`SELECT EXISTS (SELECT 1 FROM activities WHERE id = ANY(${activityIds}::uuid[])
          AND (version > 1 OR voided_at IS NOT NULL))
        OR EXISTS (SELECT 1 FROM group_members gm JOIN activities a ON a.group_id = gm.group_id
          JOIN activity_participants ap ON ap.activity_id = a.id AND ap.person_id = gm.person_id
          WHERE gm.id = ANY(${memberIds}::uuid[]) AND NOT (a.id = ANY(${activityIds}::uuid[]))
            AND a.occurs_on >= gm.joined_on) AS found`,
  );
  if (blocked?.found) throw new AppError('IMPORT_CHANGED_SINCE');
  // Anything else pointing at them (a document), found from the database's own foreign keys.
  const references = await queryRows<{ table: string; column: string }>(
    ctx.tx,
    sql`SELECT c.conrelid::regclass::text AS table, a.attname AS column
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'activities'::regclass ORDER BY 1, 2`,
  );
  for (const { table, column } of references) {
    if ((activityParts as readonly string[]).includes(table)) continue;
    const [hit] = await queryRows<{ found: boolean }>(
      ctx.tx,
      sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(table)}
            WHERE ${sql.identifier(column)} = ANY(${activityIds}::uuid[])) AS found`,
    );
    if (hit?.found) throw new AppError('IMPORT_CHANGED_SINCE');
  }
  for (const table of activityParts)
    await ctx.tx.execute(
      sql`DELETE FROM ${sql.identifier(table)} WHERE activity_id = ANY(${activityIds}::uuid[])`,
    );
  await ctx.tx.execute(sql`DELETE FROM activities WHERE id = ANY(${activityIds}::uuid[])`);
  await ctx.tx.execute(sql`DELETE FROM group_members WHERE id = ANY(${memberIds}::uuid[])`);
  return { activities: records.length, groupMembers: records.flatMap((r) => r.groupMemberIds).length };
}

/**
 * The first table holding a row that points at what the import created (other than the rows the import
 * created itself), or a created row changed after the import; null when nothing did.
 */
async function changedSince(
  ctx: ActorCtx,
  ids: { families: string[]; cases: string[]; persons: string[] },
  at: Date,
): Promise<string | null> {
  const references = await queryRows<{ table: string; column: string; target: string }>(
    ctx.tx,
    sql`SELECT c.conrelid::regclass::text AS table, a.attname AS column, c.confrelid::regclass::text AS target
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid::regclass::text IN ('families', 'cases', 'persons')
        ORDER BY 1, 2`,
  );
  for (const { table, column, target } of references) {
    const targetIds = ids[target as keyof typeof ids];
    // The rows the import made itself do not count: a family's members and cases, a case's team.
    const own = created.find((c) => c.table === table);
    const exclude = own
      ? sql`AND NOT (${sql.identifier(own.column)} = ANY(${uuids(ids[own.of])}::uuid[]))`
      : sql``;
    const [hit] = await queryRows<{ found: boolean }>(
      ctx.tx,
      sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(table)}
            WHERE ${sql.identifier(column)} = ANY(${uuids(targetIds)}::uuid[]) ${exclude}) AS found`,
    );
    if (hit?.found) return table;
  }
  // A member added to an imported family, or a created record edited since.
  const [edited] = await queryRows<{ table: string | null }>(
    ctx.tx,
    sql`SELECT CASE
          WHEN EXISTS (SELECT 1 FROM family_members WHERE family_id = ANY(${uuids(ids.families)}::uuid[])
                        AND NOT (person_id = ANY(${uuids(ids.persons)}::uuid[]))) THEN 'family_members'
          WHEN EXISTS (SELECT 1 FROM persons WHERE id = ANY(${uuids(ids.persons)}::uuid[]) AND updated_at > ${at}) THEN 'persons'
          WHEN EXISTS (SELECT 1 FROM families WHERE id = ANY(${uuids(ids.families)}::uuid[]) AND updated_at > ${at}) THEN 'families'
          WHEN EXISTS (SELECT 1 FROM cases WHERE id = ANY(${uuids(ids.cases)}::uuid[]) AND updated_at > ${at}) THEN 'cases'
          WHEN EXISTS (SELECT 1 FROM case_status_changes WHERE case_id = ANY(${uuids(ids.cases)}::uuid[]) AND changed_at > ${at}) THEN 'case_status_changes'
        END AS table`,
  );
  return edited?.table ?? null;
}

/**
 * Deletes the institutions or volunteers an import created, while none was edited since and nothing
 * points at them (an activity naming an institution, a volunteer's hours: the database's foreign keys).
 */
async function undoRegister(
  ctx: ActorCtx,
  table: 'institutions' | 'volunteers',
  records: ImportRecordRow[],
  at: Date,
) {
  const ids = uuids(records.flatMap((r) => (r.recordId ? [r.recordId] : [])));
  const [edited] = await queryRows<{ found: boolean }>(
    ctx.tx,
    sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(table)} WHERE id = ANY(${ids}::uuid[]) AND updated_at > ${at}) AS found`,
  );
  if (edited?.found) throw new AppError('IMPORT_CHANGED_SINCE');
  const references = await queryRows<{ table: string; column: string }>(
    ctx.tx,
    sql`SELECT c.conrelid::regclass::text AS table, a.attname AS column
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = ${table}::regclass ORDER BY 1, 2`,
  );
  for (const reference of references) {
    const [hit] = await queryRows<{ found: boolean }>(
      ctx.tx,
      sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(reference.table)}
            WHERE ${sql.identifier(reference.column)} = ANY(${ids}::uuid[])) AS found`,
    );
    if (hit?.found) throw new AppError('IMPORT_CHANGED_SINCE');
  }
  await ctx.tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE id = ANY(${ids}::uuid[])`);
  return { [table]: records.length };
}
