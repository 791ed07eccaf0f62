import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../server/audit';
import type { ActorCtx } from '../../server/context';
import { AppError, invalid, isUniqueViolation, notFound } from '../../server/errors';
import { newId } from '../../server/ids';
import { can } from '../../shared/access';
import type { openCaseInput, WorkerList } from '../../shared/contracts/registry';
import { toIsoDate } from '../../shared/i18n';
import { personSortKey } from '../../shared/names';
import { grantsOfUser } from '../users/queries';
import { roleGrants, users } from '../users/tables';
import { caseStatusChanges, cases, caseTeam } from './tables';

/** Whether a user may work on cases at a centre (holds `cases.read` there). */
export async function worksAtCentre(ctx: ActorCtx, userId: string, centreId: string): Promise<boolean> {
  return can({ roles: await grantsOfUser(ctx.tx, ctx.actor, userId) }, 'cases.read', centreId);
}

/** Active users holding `cases.read` at the centre, in Latvian order. Only for callers who work there. */
export async function workersAtCentre(ctx: ActorCtx, centreId: string): Promise<WorkerList> {
  if (!can(ctx.actor, 'cases.write', centreId)) throw notFound();
  const rows = await ctx.tx
    .selectDistinct({
      id: users.id,
      givenName: users.givenName,
      familyName: users.familyName,
      specialty: users.specialty,
      role: roleGrants.role,
      centreId: roleGrants.centreId,
    })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .where(and(eq(users.organisationId, ctx.actor.organisationId), isNull(users.disabledAt)));
  const byId = new Map<string, WorkerList['workers'][number] & { key: string }>();
  for (const row of rows) {
    if (!can({ roles: [{ role: row.role, centreId: row.centreId }] }, 'cases.read', centreId)) continue;
    byId.set(row.id, {
      id: row.id,
      name: `${row.givenName} ${row.familyName}`,
      specialty: row.specialty,
      key: personSortKey(row.familyName, row.givenName),
    });
  }
  return {
    workers: [...byId.values()]
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map(({ key: _, ...worker }) => worker),
  };
}

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
  const id = newId(ctx.now.getTime());
  try {
    await ctx.tx.insert(cases).values({
      id,
      organisationId: ctx.actor.organisationId,
      familyId,
      centreId: input.centreId,
      keyWorkerId,
      status: 'referred',
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
    });
  } catch (error) {
    if (isUniqueViolation(error, 'cases_open_unique')) throw new AppError('CASE_ALREADY_OPEN');
    throw error;
  }
  for (const userId of new Set([keyWorkerId, ctx.actor.userId])) {
    await ctx.tx
      .insert(caseTeam)
      .values({ caseId: id, userId, organisationId: ctx.actor.organisationId, addedAt: ctx.now });
  }
  await ctx.tx.insert(caseStatusChanges).values({
    id: newId(ctx.now.getTime()),
    organisationId: ctx.actor.organisationId,
    caseId: id,
    fromStatus: null,
    toStatus: 'referred',
    changedOn: today,
    changedAt: ctx.now,
    changedBy: ctx.actor.userId,
    note: '',
  });
  await recordAudit(ctx, {
    action: 'case.open',
    entityType: 'case',
    entityId: id,
    details: { centreId: input.centreId, restricted: input.restricted },
  });
  return id;
}
