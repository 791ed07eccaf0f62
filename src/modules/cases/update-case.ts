import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { invalid } from '../../platform/errors';
import { recordFieldChanges } from '../../platform/history';
import { requireVersion } from '../../platform/versions';
import type { updateCaseInput } from '../../shared/contracts/registry';
import { toIsoDate } from '../../shared/i18n';
import { users } from '../users/tables';
import { findCase, worksAtCentre } from './policy';
import { cases, caseTeam } from './tables';

/**
 * Edits a case: key worker, restriction, risk level (dated, with who set it), legal
 * basis, referral and outcome. Each changed field goes to the change history.
 */
export async function updateCase(
  ctx: ActorCtx,
  caseId: string,
  sent: z.output<typeof updateCaseInput>,
): Promise<void> {
  const { version, ...input } = sent;
  const row = await findCase(ctx, caseId, 'write');
  await requireVersion(ctx, row, version);
  if (input.referralDate && input.referralDate > toIsoDate(ctx.now)) {
    throw invalid({ field: 'referralDate', key: 'validation.dateFuture' });
  }
  if (input.keyWorkerId && input.keyWorkerId !== row.keyWorkerId) {
    if (!(await worksAtCentre(ctx, input.keyWorkerId, row.centreId))) {
      throw invalid({ field: 'keyWorkerId', key: 'validation.keyWorker' });
    }
    await ctx.tx
      .insert(caseTeam)
      .values({ caseId, userId: input.keyWorkerId, organisationId: row.organisationId, addedAt: ctx.now })
      .onConflictDoNothing();
  }
  const next: Partial<typeof cases.$inferInsert> = { ...input };
  if (input.riskLevel !== undefined && input.riskLevel !== row.riskLevel) {
    next.riskSetOn = input.riskLevel ? toIsoDate(ctx.now) : null;
    next.riskSetBy = input.riskLevel ? ctx.actor.userId : null;
  }
  const { keyWorkerId, ...fields } = input;
  const changed = await recordFieldChanges(ctx, 'case', caseId, row, fields);
  if (keyWorkerId && keyWorkerId !== row.keyWorkerId) {
    // Kept by name: the history is read by people.
    const names = await userNames(ctx, [row.keyWorkerId, keyWorkerId]);
    changed.push(
      ...(await recordFieldChanges(
        ctx,
        'case',
        caseId,
        { keyWorker: names.get(row.keyWorkerId) },
        { keyWorker: names.get(keyWorkerId) },
      )),
    );
  }
  if (changed.length === 0) return;
  await ctx.tx
    .update(cases)
    .set({ ...next, updatedAt: ctx.now, version: row.version + 1, updatedBy: ctx.actor.userId })
    .where(eq(cases.id, caseId));
  await recordAudit(ctx, {
    action: 'case.update',
    entityType: 'case',
    entityId: caseId,
    details: { fields: changed },
  });
}

async function userNames(ctx: ActorCtx, ids: string[]): Promise<Map<string, string>> {
  const rows = await ctx.tx
    .select({ id: users.id, givenName: users.givenName, familyName: users.familyName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, `${r.givenName} ${r.familyName}`]));
}
