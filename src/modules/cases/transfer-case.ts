import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation } from '../../platform/errors';
import { can } from '../../shared/access';
import { centres } from '../centres/tables';
import { findCase } from './policy';
import { cases, caseTeam } from './tables';

/**
 * Transfers go in two steps: the manager of the case's centre proposes another centre;
 * a manager there accepts (becoming key worker until they assign one) or declines.
 */
export async function requestTransfer(ctx: ActorCtx, caseId: string, toCentreId: string): Promise<void> {
  const row = await findCase(ctx, caseId, 'supervise');
  if (row.status === 'closed') throw invalid({ field: 'toCentreId', key: 'validation.transferClosed' });
  if (row.pendingCentreId) throw invalid({ field: 'toCentreId', key: 'validation.transferPending' });
  if (toCentreId === row.centreId)
    throw invalid({ field: 'toCentreId', key: 'validation.transferSameCentre' });
  const [target] = await ctx.tx
    .select()
    .from(centres)
    .where(
      and(
        eq(centres.id, toCentreId),
        eq(centres.organisationId, row.organisationId),
        eq(centres.active, true),
      ),
    );
  if (!target) throw invalid({ field: 'toCentreId', key: 'validation.unknownCentre' });
  await ctx.tx
    .update(cases)
    .set({ pendingCentreId: toCentreId, updatedAt: ctx.now })
    .where(eq(cases.id, caseId));
  await recordAudit(ctx, {
    action: 'case.transfer_request',
    entityType: 'case',
    entityId: caseId,
    details: { fromCentreId: row.centreId, toCentreId },
  });
}

export async function decideTransfer(ctx: ActorCtx, caseId: string, accept: boolean): Promise<void> {
  const row = await findCase(ctx, caseId);
  if (!row.pendingCentreId || !can(ctx.actor, 'cases.supervise', row.pendingCentreId))
    throw new AppError('FORBIDDEN');
  const toCentreId = row.pendingCentreId;
  if (!accept) {
    await ctx.tx.update(cases).set({ pendingCentreId: null, updatedAt: ctx.now }).where(eq(cases.id, caseId));
    await recordAudit(ctx, {
      action: 'case.transfer_decline',
      entityType: 'case',
      entityId: caseId,
      details: { toCentreId },
    });
    return;
  }
  try {
    await ctx.tx
      .update(cases)
      .set({ centreId: toCentreId, pendingCentreId: null, keyWorkerId: ctx.actor.userId, updatedAt: ctx.now })
      .where(eq(cases.id, caseId));
  } catch (error) {
    if (isUniqueViolation(error, 'cases_open_unique')) throw new AppError('CASE_ALREADY_OPEN');
    throw error;
  }
  // The old centre's team no longer works on it; the accepting manager does.
  await ctx.tx.delete(caseTeam).where(eq(caseTeam.caseId, caseId));
  await ctx.tx
    .insert(caseTeam)
    .values({ caseId, userId: ctx.actor.userId, organisationId: row.organisationId, addedAt: ctx.now });
  await recordAudit(ctx, {
    action: 'case.transfer_accept',
    entityType: 'case',
    entityId: caseId,
    details: { fromCentreId: row.centreId, toCentreId },
  });
}
