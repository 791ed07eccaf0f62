import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { EmergencyAccessView } from '../../shared/contracts/registry';
import { notify } from '../notices/notices';
import { canFindCase, canOpenCase } from './policy';
import { cases, emergencyAccess } from './tables';

/**
 * Emergency ("break-glass") access. Someone who works on cases at a centre (`cases.read` there) may open
 * a case of that centre they are not on the team of, when something cannot wait for its key worker or
 * manager, by saying why. The access lasts `EMERGENCY_ACCESS_HOURS` (4 by default), shows on every page
 * they see while it lasts, and is audited with the reason like every read that follows it. The case's key
 * worker, the centre's managers and the data protection officer each get a notice on their home page until
 * they acknowledge it.
 *
 * A restricted case cannot be opened this way: nobody outside its team even finds it, and its centre's
 * managers (who may decide on it) already open it.
 */
export async function openInEmergency(
  ctx: ActorCtx,
  caseId: string,
  reason: string,
  hours: number,
): Promise<EmergencyAccessView> {
  const [row] = await ctx.tx
    .select({
      id: cases.id,
      centreId: cases.centreId,
      keyWorkerId: cases.keyWorkerId,
      restricted: cases.restricted,
    })
    .from(cases)
    .where(and(eq(cases.id, caseId), canFindCase(ctx.actor)));
  if (!row || row.restricted) throw notFound();
  const [open] = await ctx.tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.id, caseId), canOpenCase(ctx.actor)));
  if (open) throw new AppError('EMERGENCY_NOT_NEEDED');
  const expiresAt = new Date(ctx.now.getTime() + hours * 3_600_000);
  await ctx.tx.insert(emergencyAccess).values({
    id: newId(ctx.now.getTime()),
    organisationId: ctx.actor.organisationId,
    caseId,
    userId: ctx.actor.userId,
    reason,
    grantedAt: ctx.now,
    expiresAt,
  });
  await recordAudit(ctx, {
    action: 'case.emergency_access',
    entityType: 'case',
    entityId: caseId,
    reason,
    details: { expiresAt: expiresAt.toISOString() },
  });
  const details = { caseId, reason, centreId: row.centreId, userId: ctx.actor.userId };
  const organisationId = ctx.actor.organisationId;
  await notify(ctx, organisationId, { kind: 'emergency_access', to: { userId: row.keyWorkerId }, details });
  await notify(ctx, organisationId, { kind: 'emergency_access', to: { centreId: row.centreId }, details });
  await notify(ctx, organisationId, {
    kind: 'emergency_access',
    to: { role: 'data_protection_officer' },
    details,
  });
  return { caseId, expiresAt: expiresAt.toISOString(), reason };
}

/** Ends the caller's emergency access to a case before it expires (404 when there is none). */
export async function endEmergencyAccess(ctx: ActorCtx, caseId: string): Promise<void> {
  const ended = await ctx.tx
    .update(emergencyAccess)
    .set({ expiresAt: ctx.now })
    .where(
      and(
        eq(emergencyAccess.caseId, caseId),
        eq(emergencyAccess.userId, ctx.actor.userId),
        gt(emergencyAccess.expiresAt, ctx.now),
      ),
    )
    .returning({ id: emergencyAccess.id });
  if (ended.length === 0) throw notFound();
  await recordAudit(ctx, { action: 'case.emergency_access_end', entityType: 'case', entityId: caseId });
}

/**
 * The cases a user holds emergency access to now: read with the session, so that every request's scope
 * includes them while they last and not a moment longer. (`canOpenCase` still wants `cases.read` at the
 * case's centre: a role taken away ends the access too.)
 */
export async function activeEmergencyCases(
  db: Db,
  userId: string,
  now: Date,
): Promise<EmergencyAccessView[]> {
  const rows = await db
    .select({
      caseId: emergencyAccess.caseId,
      expiresAt: emergencyAccess.expiresAt,
      reason: emergencyAccess.reason,
    })
    .from(emergencyAccess)
    .where(and(eq(emergencyAccess.userId, userId), gt(emergencyAccess.expiresAt, now)));
  return rows.map((r) => ({ caseId: r.caseId, expiresAt: r.expiresAt.toISOString(), reason: r.reason }));
}
