import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { HistoryEntity } from '../shared/contracts/common';
import type { ActorCtx } from './context';
import { newId } from './ids';

export type { HistoryEntity };

/** Field-level change history: who changed which field of which record, when, from what to what. */
export const fieldChanges = pgTable('field_changes', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  entityType: text('entity_type').$type<HistoryEntity>().notNull(),
  entityId: uuid('entity_id').notNull(),
  field: text().notNull(),
  oldValue: text('old_value'),
  newValue: text('new_value'),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  changedBy: uuid('changed_by'),
});

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * Compares `before` and `after` on the given fields and keeps one history row per
 * changed field. Returns the names of the changed fields (for the audit entry, which
 * must not hold the personal data itself).
 */
export async function recordFieldChanges<T extends Record<string, unknown>>(
  ctx: ActorCtx,
  entityType: HistoryEntity,
  entityId: string,
  before: T,
  after: Partial<T>,
): Promise<string[]> {
  const changed: string[] = [];
  for (const field of Object.keys(after)) {
    const from = asText(before[field]);
    const to = asText(after[field]);
    if (after[field] === undefined || from === to) continue;
    changed.push(field);
    await ctx.tx.insert(fieldChanges).values({
      id: newId(ctx.now.getTime()),
      organisationId: ctx.actor.organisationId,
      entityType,
      entityId,
      field,
      oldValue: from,
      newValue: to,
      changedAt: ctx.now,
      changedBy: ctx.actor.userId,
    });
  }
  return changed;
}
