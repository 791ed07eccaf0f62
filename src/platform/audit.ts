import type { AuditAction, AuditOutcome } from '../shared/contracts/audit';
import { auditLog } from './audit-table';
import type { Ctx } from './context';
import { newId } from './ids';

export interface AuditEntry {
  action: AuditAction;
  entityType?: string;
  entityId?: string | null;
  outcome?: AuditOutcome;
  reason?: string;
  details?: Record<string, unknown>;
  /** Who acted when there is no signed-in actor yet (a sign-in). */
  actorUserId?: string | null;
  organisationId?: string | null;
}

/**
 * Writes one audit entry inside the caller's transaction, so the entry exists exactly
 * when the change it describes does. With `evenIfRolledBack`, the entry is written again
 * in a transaction of its own if the use case fails after it (a disclosure or refusal
 * that must stay on record). Details never hold passwords or case content.
 */
export async function recordAudit(
  ctx: Ctx,
  entry: AuditEntry,
  options: { evenIfRolledBack?: boolean } = {},
): Promise<void> {
  if (options.evenIfRolledBack) ctx.keepOnRollback?.push(entry);
  const row = {
    id: newId(ctx.now.getTime()),
    organisationId: entry.organisationId ?? ctx.actor?.organisationId ?? null,
    occurredAt: ctx.now,
    actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : (ctx.actor?.userId ?? null),
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    outcome: entry.outcome ?? 'success',
    ip: ctx.ip,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  };
  if (ctx.auditBuffer) ctx.auditBuffer.push(row);
  else await ctx.tx.insert(auditLog).values(row);
}

/**
 * Writes the entries a bulk job held back (`ctx.auditBuffer`), many to a statement, in the job's
 * transaction: they exist exactly when its changes do, as `recordAudit`'s do, in the order they were made.
 */
export async function flushAuditBuffer(ctx: Ctx, rows: NonNullable<Ctx['auditBuffer']>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await ctx.tx.insert(auditLog).values(rows.slice(i, i + 1000));
}
