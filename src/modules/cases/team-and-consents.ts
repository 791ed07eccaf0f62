import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { consentInput } from '../../shared/contracts/registry';
import { toIsoDate } from '../../shared/i18n';
import { type CaseRow, findCase, worksAtCentre } from './policy';
import { caseTeam, consents } from './tables';

async function editableCase(ctx: ActorCtx, caseId: string): Promise<CaseRow> {
  const row = await findCase(ctx, caseId, 'write');
  return row;
}

/** Adds a colleague who works at the case's centre to its team. */
export async function addTeamMember(ctx: ActorCtx, caseId: string, userId: string): Promise<void> {
  const row = await editableCase(ctx, caseId);
  if (!(await worksAtCentre(ctx, userId, row.centreId)))
    throw invalid({ field: 'userId', key: 'validation.keyWorker' });
  const inserted = await ctx.tx
    .insert(caseTeam)
    .values({ caseId, userId, organisationId: row.organisationId, addedAt: ctx.now })
    .onConflictDoNothing()
    .returning();
  if (inserted.length > 0) {
    await recordAudit(ctx, {
      action: 'case.add_team_member',
      entityType: 'case',
      entityId: caseId,
      details: { userId },
    });
  }
}

/** Removes someone from the team; the key worker stays (change the key worker first). */
export async function removeTeamMember(ctx: ActorCtx, caseId: string, userId: string): Promise<void> {
  const row = await editableCase(ctx, caseId);
  if (userId === row.keyWorkerId) throw invalid({ field: 'userId', key: 'validation.keyWorkerStays' });
  const removed = await ctx.tx
    .delete(caseTeam)
    .where(and(eq(caseTeam.caseId, caseId), eq(caseTeam.userId, userId)))
    .returning();
  if (removed.length === 0) throw notFound();
  await recordAudit(ctx, {
    action: 'case.remove_team_member',
    entityType: 'case',
    entityId: caseId,
    details: { userId },
  });
}

/** Records a consent (purpose, who gave it, when). */
export async function recordConsent(
  ctx: ActorCtx,
  caseId: string,
  input: z.output<typeof consentInput>,
): Promise<void> {
  const row = await editableCase(ctx, caseId);
  if (input.givenOn > toIsoDate(ctx.now)) throw invalid({ field: 'givenOn', key: 'validation.dateFuture' });
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(consents).values({
    id,
    organisationId: row.organisationId,
    caseId,
    purpose: input.purpose,
    givenBy: input.givenBy,
    givenOn: input.givenOn,
    recordedBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'case.record_consent',
    entityType: 'case',
    entityId: caseId,
    details: { consentId: id },
  });
}

/** Marks a consent withdrawn on a date; the record stays. */
export async function withdrawConsent(
  ctx: ActorCtx,
  caseId: string,
  consentId: string,
  withdrawnOn: string,
): Promise<void> {
  await editableCase(ctx, caseId);
  const [consent] = await ctx.tx
    .select()
    .from(consents)
    .where(and(eq(consents.id, consentId), eq(consents.caseId, caseId), isNull(consents.withdrawnOn)));
  if (!consent) throw notFound();
  if (withdrawnOn < consent.givenOn)
    throw invalid({ field: 'withdrawnOn', key: 'validation.withdrawnBeforeGiven' });
  if (withdrawnOn > toIsoDate(ctx.now)) throw invalid({ field: 'withdrawnOn', key: 'validation.dateFuture' });
  await ctx.tx.update(consents).set({ withdrawnOn }).where(eq(consents.id, consentId));
  await recordAudit(ctx, {
    action: 'case.withdraw_consent',
    entityType: 'case',
    entityId: caseId,
    details: { consentId },
  });
}
