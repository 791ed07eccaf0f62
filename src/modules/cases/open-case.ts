import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { can } from '../../shared/access';
import type { openCaseInput } from '../../shared/contracts/registry';
import { toIsoDate } from '../../shared/i18n';
import { worksAtCentre } from './policy';
import { caseStatusChanges, cases, caseTeam } from './tables';

/**
 * Opens a case for a family at a centre, status `referred`, with the key worker (the
 * caller unless another is named) and the caller on its team. One open case per family
 * and centre.
 */
export async function openCase(
  ctx: ActorCtx,
  familyId: string,
  input: z.output<typeof openCaseInput>,
  fieldPrefix = 'case.',
): Promise<string> {
  if (!can(ctx.actor, 'cases.write', input.centreId)) throw new AppError('FORBIDDEN');
  const today = toIsoDate(ctx.now);
  if (input.referralDate > today)
    throw invalid({ field: `${fieldPrefix}referralDate`, key: 'validation.dateFuture' });
  const keyWorkerId = input.keyWorkerId ?? ctx.actor.userId;
  if (!(await worksAtCentre(ctx, keyWorkerId, input.centreId))) {
    throw invalid({ field: `${fieldPrefix}keyWorkerId`, key: 'validation.keyWorker' });
  }
  const rows = newCaseRows(ctx, familyId, input, keyWorkerId);
  try {
    await ctx.tx.insert(cases).values(rows.case);
  } catch (error) {
    if (isUniqueViolation(error, 'cases_open_unique')) throw new AppError('CASE_ALREADY_OPEN');
    throw error;
  }
  await ctx.tx.insert(caseTeam).values(rows.team);
  await ctx.tx.insert(caseStatusChanges).values(rows.statusChange);
  const id = rows.case.id;
  await recordAudit(ctx, {
    action: 'case.open',
    entityType: 'case',
    entityId: id,
    details: { centreId: input.centreId, restricted: input.restricted },
  });
  return id;
}

/**
 * The rows a newly opened case is written as: the case (status `referred`, opened today), its team (the
 * key worker and the caller) and its first status change. For `openCase`, and for an import that writes
 * many families' cases at once (`src/modules/imports/families.ts`).
 */
export function newCaseRows(
  ctx: ActorCtx,
  familyId: string,
  input: z.output<typeof openCaseInput>,
  keyWorkerId: string,
) {
  const today = toIsoDate(ctx.now);
  const id = newId(ctx.now.getTime());
  const organisationId = ctx.actor.organisationId;
  return {
    case: {
      id,
      organisationId,
      familyId,
      centreId: input.centreId,
      keyWorkerId,
      status: 'referred' as const,
      openedOn: today,
      outcomeNote: '',
      restricted: input.restricted,
      legalBasis: input.legalBasis,
      referralDate: input.referralDate,
      referralSource: input.referralSource,
      referralInstitution: input.referralInstitution,
      referralContact: input.referralContact,
      referralReasons: [...new Set(input.referralReasons)],
      createdAt: ctx.now,
      updatedAt: ctx.now,
    },
    team: [...new Set([keyWorkerId, ctx.actor.userId])].map((userId) => ({
      caseId: id,
      userId,
      organisationId,
      addedAt: ctx.now,
    })),
    statusChange: {
      id: newId(ctx.now.getTime()),
      organisationId,
      caseId: id,
      fromStatus: null,
      toStatus: 'referred' as const,
      changedOn: today,
      changedAt: ctx.now,
      changedBy: ctx.actor.userId,
      note: '',
    },
  };
}
