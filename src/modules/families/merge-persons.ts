import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid, notFound } from '../../platform/errors';
import { recordFieldChanges } from '../../platform/history';
import { can } from '../../shared/access';
import { personFieldNames } from '../../shared/contracts/registry';
import { toIsoDate } from '../../shared/i18n';
import { findVisiblePerson, openableCentresOfPerson } from './policy';
import { familyMembers, persons } from './tables';

/**
 * Merges two records of the same person (a manager's decision). The kept record gets
 * the other's memberships and fills its empty fields from it; the merged record stays,
 * marked `merged_into`, so nothing is lost and the audit entry lists what moved.
 */
export async function mergePersons(ctx: ActorCtx, keepId: string, mergeId: string): Promise<void> {
  if (keepId === mergeId) throw invalid({ field: 'mergeId', key: 'validation.mergeSame' });
  const keep = await findVisiblePerson(ctx.tx, ctx.actor, keepId, 'open');
  const merge = await findVisiblePerson(ctx.tx, ctx.actor, mergeId, 'open');
  if (!keep || !merge) throw notFound();
  // A manager's decision: the caller supervises a centre where both records are open to them.
  const keepCentres = await openableCentresOfPerson(ctx, keep.id);
  const mergeCentres = new Set(await openableCentresOfPerson(ctx, merge.id));
  const supervised = keepCentres.filter((c) => mergeCentres.has(c) && can(ctx.actor, 'cases.supervise', c));
  if (supervised.length === 0) throw new AppError('FORBIDDEN');
  if (keep.personalCode && merge.personalCode && keep.personalCode !== merge.personalCode) {
    throw invalid({ field: 'mergeId', key: 'validation.mergeCodes' });
  }

  // The merged record steps aside first, so its personal code may pass to the kept one.
  await ctx.tx
    .update(persons)
    .set({ mergedInto: keep.id, updatedAt: ctx.now })
    .where(eq(persons.id, merge.id));

  const filled: Record<string, unknown> = {};
  for (const field of personFieldNames) {
    const empty = keep[field] === null || keep[field] === '' || (field === 'sex' && keep.sex === 'unknown');
    const offered =
      merge[field] !== null && merge[field] !== '' && !(field === 'sex' && merge.sex === 'unknown');
    if (empty && offered) filled[field] = merge[field];
  }
  if (filled.birthDate && !filled.birthYear) filled.birthYear = Number(String(filled.birthDate).slice(0, 4));
  if (Object.keys(filled).length > 0) {
    await recordFieldChanges(ctx, 'person', keep.id, keep, filled);
    await ctx.tx
      .update(persons)
      .set({ ...filled, updatedAt: ctx.now })
      .where(eq(persons.id, keep.id));
  }

  const moved: string[] = [];
  const ended: string[] = [];
  const memberships = await ctx.tx.select().from(familyMembers).where(eq(familyMembers.personId, merge.id));
  for (const membership of memberships) {
    if (membership.leftOn === null) {
      const [duplicate] = await ctx.tx
        .select({ id: familyMembers.id })
        .from(familyMembers)
        .where(
          and(
            eq(familyMembers.familyId, membership.familyId),
            eq(familyMembers.personId, keep.id),
            isNull(familyMembers.leftOn),
          ),
        );
      if (duplicate) {
        // Both records were current members of one family: the merged one's row becomes history.
        await ctx.tx
          .update(familyMembers)
          .set({
            leftOn: toIsoDate(ctx.now) < membership.joinedOn ? membership.joinedOn : toIsoDate(ctx.now),
          })
          .where(eq(familyMembers.id, membership.id));
        ended.push(membership.id);
      }
    }
    await ctx.tx.update(familyMembers).set({ personId: keep.id }).where(eq(familyMembers.id, membership.id));
    moved.push(membership.id);
  }
  await recordAudit(ctx, {
    action: 'person.merge',
    entityType: 'person',
    entityId: keep.id,
    details: {
      keepId: keep.id,
      mergeId: merge.id,
      movedMemberships: moved,
      endedMemberships: ended,
      filledFields: Object.keys(filled),
    },
  });
}
