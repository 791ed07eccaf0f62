import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { changeStatusInput } from '../../shared/contracts/registry';
import { toIsoDate, translate } from '../../shared/i18n';
import { allowedTransitions } from '../../shared/registry';
import { findCase } from './policy';
import { caseStatusChanges, cases } from './tables';

/**
 * Moves a case along referred → intake → active → closed, or reopens a closed one.
 * Closing needs a reason; every change is kept in the status history.
 */
export async function changeStatus(
  ctx: ActorCtx,
  caseId: string,
  input: z.output<typeof changeStatusInput>,
): Promise<void> {
  const row = await findCase(ctx, caseId, 'write');
  const on = input.on ?? toIsoDate(ctx.now);
  if (on > toIsoDate(ctx.now)) throw invalid({ field: 'on', key: 'validation.dateFuture' });
  if (!allowedTransitions[row.status].includes(input.status)) {
    const label = (status: string) => translate(ctx.language, `status.${status as 'active'}`);
    throw new AppError('INVALID_TRANSITION', {
      params: { from: label(row.status), to: label(input.status) },
    });
  }
  const closing = input.status === 'closed';
  if (closing && !input.closureReason)
    throw invalid({ field: 'closureReason', key: 'validation.closureReason' });
  try {
    await ctx.tx
      .update(cases)
      .set({
        status: input.status,
        closedOn: closing ? on : null,
        closureReason: closing ? input.closureReason : null,
        outcomeNote: closing && input.note ? input.note : row.outcomeNote,
        updatedAt: ctx.now,
      })
      .where(eq(cases.id, caseId));
  } catch (error) {
    // Reopening while the family has another open case at the centre.
    if (isUniqueViolation(error, 'cases_open_unique')) throw new AppError('CASE_ALREADY_OPEN');
    throw error;
  }
  await ctx.tx.insert(caseStatusChanges).values({
    id: newId(ctx.now.getTime()),
    organisationId: row.organisationId,
    caseId,
    fromStatus: row.status,
    toStatus: input.status,
    changedOn: on,
    changedAt: ctx.now,
    changedBy: ctx.actor.userId,
    note: input.note,
  });
  const action = closing ? 'case.close' : row.status === 'closed' ? 'case.reopen' : 'case.change_status';
  await recordAudit(ctx, {
    action,
    entityType: 'case',
    entityId: caseId,
    details: { from: row.status, to: input.status, closureReason: input.closureReason ?? null },
  });
}
