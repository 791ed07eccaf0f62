/* Reading the change history; it is written by src/platform/history.ts. */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ActorCtx } from '../../platform/context';
import { fieldChanges, type HistoryEntity } from '../../platform/history';
import { users } from '../users/tables';

type Entity = HistoryEntity;

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
