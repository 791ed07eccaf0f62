import { and, count, desc, eq, gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActorCtx } from '../../platform/context';
import type { AuditPage, auditQuery } from '../../shared/contracts/audit';
import { addDays } from '../../shared/dates';
import { users } from '../users/tables';
import { auditLog } from './tables';

/** Midnight in Riga of a calendar date, as an instant. */
function rigaMidnight(isoDate: string): Date {
  const guess = new Date(`${isoDate}T00:00:00Z`);
  const riga = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/Riga' }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (riga.getTime() - utc.getTime()));
}

/** A page of the organisation's audit log, newest first; dates are Riga calendar days. */
export async function browseAudit(ctx: ActorCtx, query: z.output<typeof auditQuery>): Promise<AuditPage> {
  const conditions: (SQL | undefined)[] = [
    or(eq(auditLog.organisationId, ctx.actor.organisationId), isNull(auditLog.organisationId)),
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.actorId ? eq(auditLog.actorUserId, query.actorId) : undefined,
    query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.outcome ? eq(auditLog.outcome, query.outcome) : undefined,
    query.from ? gte(auditLog.occurredAt, rigaMidnight(query.from)) : undefined,
    query.to ? lt(auditLog.occurredAt, rigaMidnight(addDays(query.to, 1))) : undefined,
  ];
  const where = and(...conditions);
  const [total] = await ctx.tx.select({ n: count() }).from(auditLog).where(where);
  const rows = await ctx.tx
    .select({ entry: auditLog, givenName: users.givenName, familyName: users.familyName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    entries: rows.map(({ entry, givenName, familyName }) => ({
      id: entry.id,
      occurredAt: entry.occurredAt.toISOString(),
      actorId: entry.actorUserId,
      actorName: givenName === null ? null : `${givenName} ${familyName}`,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      outcome: entry.outcome,
      ip: entry.ip,
      reason: entry.reason,
    })),
  };
}
