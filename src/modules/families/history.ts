import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ActorCtx } from '../../platform/context';
import { newId } from '../../platform/ids';
import { users } from '../users/tables';
import { fieldChanges, type HistoryEntity } from './tables';

export type { HistoryEntity };

type Entity = HistoryEntity;

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
  entityType: Entity,
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

const changer = alias(users, 'history_changer');

/** The change history of a case, its family and the family's people, oldest first. */
export async function historyOf(ctx: ActorCtx, entities: { type: Entity; ids: string[] }[]) {
  const conditions = entities
    .filter((e) => e.ids.length > 0)
    .map((e) => and(eq(fieldChanges.entityType, e.type), inArray(fieldChanges.entityId, e.ids)));
  if (conditions.length === 0) return [];
  return ctx.tx
    .select({
      id: fieldChanges.id,
      entityType: fieldChanges.entityType,
      entityId: fieldChanges.entityId,
      field: fieldChanges.field,
      oldValue: fieldChanges.oldValue,
      newValue: fieldChanges.newValue,
      changedAt: fieldChanges.changedAt,
      changedByName: sql<string | null>`${changer.givenName} || ' ' || ${changer.familyName}`,
    })
    .from(fieldChanges)
    .leftJoin(changer, eq(changer.id, fieldChanges.changedBy))
    .where(and(eq(fieldChanges.organisationId, ctx.actor.organisationId), or(...conditions)))
    .orderBy(asc(fieldChanges.changedAt), asc(fieldChanges.id));
}
