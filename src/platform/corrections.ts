import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { queryRows } from '../db/raw';
import { type AuditEntry, recordAudit } from './audit';
import type { ActorCtx } from './context';
import { invalid } from './errors';
import { type HistoryEntity, recordFieldChanges } from './history';
import { requireVersion } from './versions';

/*
 * Correcting the record (issue 13). Every logged fact (activities of every kind, money spent, volunteer
 * hours, assessments, plan reviews) can be corrected and voided by those who may log it:
 * - a correction sends the version it was read at; a save based on an older one is refused (409);
 * - a reason is required when the record is older than the configured days or counted in a published
 *   report, and always to void;
 * - voiding keeps the row, marked with who, when and why; every figure leaves voided rows out.
 * `recordCorrection` and `recordVoid` keep the field-level history (src/platform/history.ts) and write the
 * audit entry in the use case's transaction.
 */

/** The columns of a record that can be corrected and voided (migrations 0018 and 0020). */
export const correctionColumns = () => ({
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: uuid('voided_by'),
  voidReason: text('void_reason'),
});

/** What a correction needs to know of the record as stored. */
export interface Correctable {
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
  createdAt: Date;
  voidedAt: Date | null;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * A record that may still be changed: not voided, and at the version the caller read (409 otherwise, naming
 * who saved since). `createdBy`: who saved it when no one has changed it since.
 */
export async function requireCorrectable(
  ctx: ActorCtx,
  row: Correctable,
  sent: number | undefined,
  createdBy: string | null,
): Promise<void> {
  if (row.voidedAt) throw invalid({ field: 'version', key: 'validation.voided' });
  await requireVersion(
    ctx,
    {
      version: row.version,
      updatedBy: row.updatedBy ?? createdBy,
      updatedAt: row.updatedAt ?? row.createdAt,
    },
    sent,
  );
}

/**
 * A reason is required to change a record older than the configured number of days, or one counted in a
 * published report (`published`, which the caller works out for its kind of record).
 */
export function requireReason(ctx: ActorCtx, createdAt: Date, reason: string, published: boolean): void {
  if (reason) return;
  const days = ctx.correctionReasonDays ?? 7;
  const old = ctx.now.getTime() - createdAt.getTime() > days * dayMs;
  if (old || published)
    throw invalid({ field: 'reason', key: 'validation.reasonRequired', params: { days } });
}

/**
 * Whether a record of the given projects dated `from`..`to` is counted in a published report: a snapshot of
 * one of those projects whose period (the project's when none was chosen) overlaps those dates.
 */
export async function countedInPublishedReport(
  ctx: ActorCtx,
  projectIds: string[],
  from: string,
  to: string = from,
): Promise<boolean> {
  if (projectIds.length === 0) return false;
  const [row] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from report_snapshots s join projects p on p.id = s.project_id
      where s.project_id in (${sql.join(
        projectIds.map((id) => sql`${id}`),
        sql`, `,
      )})
        and ${from}::date <= coalesce((s.parameters->'period'->>'to')::date, p.ends_on)
        and ${to}::date >= coalesce((s.parameters->'period'->>'from')::date, p.starts_on)`,
  );
  return (row?.n ?? 0) > 0;
}

/** The columns a correction sets: the next version, who saved and when. */
export function corrected(ctx: ActorCtx, row: { version: number }) {
  return { version: row.version + 1, updatedBy: ctx.actor.userId, updatedAt: ctx.now };
}

/** The columns voiding sets: marked with who, when and why (and a new version). */
export function voided(ctx: ActorCtx, row: { version: number }, reason: string) {
  return { ...corrected(ctx, row), voidedAt: ctx.now, voidedBy: ctx.actor.userId, voidReason: reason };
}

/** The name of the user who voided a record, selected beside it. */
export const voidedByName = (column: AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(select given_name || ' ' || family_name from users where users.id = ${column})`;

/** How a voided record is shown (null: not voided). */
export function voidMarkOf(
  row: { voidedAt: Date | null; voidReason: string | null },
  byName: string | null,
): { at: string; byName: string; reason: string } | null {
  return row.voidedAt
    ? { at: row.voidedAt.toISOString(), byName: byName ?? '', reason: row.voidReason ?? '' }
    : null;
}

/**
 * Voids a record in one step: `mark` sets its void columns (`voided(...)`), the change history shows it voided
 * with the reason, and the audit entry carries the reason, all in the caller's transaction.
 */
export async function recordVoid(
  ctx: ActorCtx,
  record: { entity: HistoryEntity; id: string; reason: string },
  mark: () => Promise<unknown>,
  audit: Omit<AuditEntry, 'reason'>,
): Promise<void> {
  await mark();
  await recordFieldChanges<{ voided: string | null }>(
    ctx,
    record.entity,
    record.id,
    { voided: null },
    { voided: record.reason },
  );
  await recordAudit(ctx, { ...audit, reason: record.reason });
}

/**
 * Saves a correction in one step: one history row per changed field, `write` (the update with `corrected(...)`),
 * and the audit entry naming the changed fields (never their values) and the reason. Returns the fields.
 */
export async function recordCorrection<T extends Record<string, unknown>>(
  ctx: ActorCtx,
  record: { entity: HistoryEntity; id: string; reason: string; before: T; after: Partial<T> },
  write: () => Promise<unknown>,
  audit: Omit<AuditEntry, 'reason'>,
): Promise<string[]> {
  const fields = await recordFieldChanges(ctx, record.entity, record.id, record.before, record.after);
  await write();
  await recordAudit(ctx, {
    ...audit,
    reason: record.reason || undefined,
    details: { ...audit.details, fields },
  });
  return fields;
}
