import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound } from '../../platform/errors';
import { recordFieldChanges } from '../../platform/history';
import { newId } from '../../platform/ids';
import { requireVersion } from '../../platform/versions';
import { can } from '../../shared/access';
import type { addMemberInput, membershipCorrection } from '../../shared/contracts/registry';
import { toIsoDate } from '../../shared/i18n';
import { openableCentresOfFamily } from '../cases/policy';
import { checkDuplicates, flagProtectedDuplicate } from './check-duplicates';
import { checkPerson } from './person-rules';
import { personToLink } from './policy';
import { familyMembers, persons } from './tables';

/** A family whose membership the caller may change: one of its cases is open to them and writable. */
async function editableFamily(ctx: ActorCtx, familyId: string): Promise<string> {
  const centreIds = await openableCentresOfFamily(ctx.tx, ctx.actor, familyId);
  if (centreIds.length === 0) throw notFound();
  const writable = centreIds.find((centreId) => can(ctx.actor, 'cases.write', centreId));
  if (!writable) throw new AppError('FORBIDDEN');
  return writable;
}

/**
 * Adds a member to a family: an existing person the caller can find (who may still
 * belong to another family: people move between households) or a new one.
 */
export async function addMember(
  ctx: ActorCtx,
  familyId: string,
  input: z.output<typeof addMemberInput>,
): Promise<void> {
  const centreId = await editableFamily(ctx, familyId);
  const joinedOn = input.joinedOn ?? toIsoDate(ctx.now);
  let personId = input.personId;
  if (personId) {
    await personToLink(ctx, personId, 'personId');
  } else if (input.person) {
    const person = checkPerson(input.person, ctx.now, 'person.');
    const found = await checkDuplicates(ctx, person);
    if (found.existing)
      throw new AppError('PERSON_EXISTS', {
        fields: [{ field: 'person.personalCode', key: 'error.PERSON_EXISTS' }],
      });
    if (found.existsElsewhere) {
      throw new AppError('PERSON_EXISTS_ELSEWHERE', {
        params: { centres: found.existsElsewhere.centreNames.join(', ') },
      });
    }
    if (found.similar.length > 0 && !input.confirmSimilar) throw new AppError('SIMILAR_PERSONS');
    personId = newId(ctx.now.getTime());
    await ctx.tx.insert(persons).values({
      id: personId,
      organisationId: ctx.actor.organisationId,
      ...person,
      mergedInto: null,
      duplicateOf: found.protectedPersonId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await recordAudit(ctx, { action: 'person.create', entityType: 'person', entityId: personId });
    if (found.protectedPersonId)
      await flagProtectedDuplicate(ctx, found.protectedPersonId, personId, centreId);
  } else {
    throw invalid({ field: 'personId', key: 'validation.memberPerson' });
  }
  const [current] = await ctx.tx
    .select({ id: familyMembers.id })
    .from(familyMembers)
    .where(
      and(
        eq(familyMembers.familyId, familyId),
        eq(familyMembers.personId, personId),
        isNull(familyMembers.leftOn),
      ),
    );
  if (current) throw invalid({ field: 'personId', key: 'validation.memberTwice' });
  const memberId = newId(ctx.now.getTime());
  await ctx.tx.insert(familyMembers).values({
    id: memberId,
    organisationId: ctx.actor.organisationId,
    familyId,
    personId,
    relation: input.relation,
    joinedOn,
  });
  await recordFieldChanges<{ member: string | null }>(
    ctx,
    'family',
    familyId,
    { member: null },
    {
      member: `${await nameOf(ctx, personId)} (${input.relation}) ${joinedOn}`,
    },
  );
  await recordAudit(ctx, {
    action: 'family.add_member',
    entityType: 'family',
    entityId: familyId,
    details: { memberId, personId },
  });
}

/** A membership of a family the caller may change, locked until the transaction ends, at the version read. */
async function findMembership(ctx: ActorCtx, familyId: string, memberId: string, version?: number) {
  await editableFamily(ctx, familyId);
  const [member] = await ctx.tx
    .select()
    .from(familyMembers)
    .where(and(eq(familyMembers.id, memberId), eq(familyMembers.familyId, familyId)))
    .for('update');
  if (!member) throw notFound();
  await requireVersion(ctx, { ...member, updatedAt: member.updatedAt ?? ctx.now }, version);
  return member;
}

/**
 * Corrects a membership: the relation, the day the person joined the household and the day she left (or
 * that she has not left). Dates decide whom the family's activities reached, so every change keeps its
 * history and the reason given.
 */
export async function correctMembership(
  ctx: ActorCtx,
  familyId: string,
  memberId: string,
  input: z.output<typeof membershipCorrection>,
): Promise<void> {
  const member = await findMembership(ctx, familyId, memberId, input.version);
  if (input.leftOn && input.leftOn < input.joinedOn)
    throw invalid({ field: 'leftOn', key: 'validation.leftBeforeJoined' });
  if (input.leftOn && input.leftOn > toIsoDate(ctx.now))
    throw invalid({ field: 'leftOn', key: 'validation.dateFuture' });
  const after = { relation: input.relation, joinedOn: input.joinedOn, leftOn: input.leftOn };
  const changed = await recordFieldChanges(ctx, 'family_member', member.id, member, after);
  try {
    await ctx.tx
      .update(familyMembers)
      .set({ ...after, version: member.version + 1, updatedBy: ctx.actor.userId, updatedAt: ctx.now })
      .where(eq(familyMembers.id, member.id));
  } catch (error) {
    if (isUniqueViolation(error, 'family_members_current'))
      throw invalid({ field: 'leftOn', key: 'validation.memberTwice' });
    throw error;
  }
  await recordAudit(ctx, {
    action: 'family.correct_member',
    entityType: 'family',
    entityId: familyId,
    reason: input.reason || undefined,
    details: { memberId, fields: changed },
  });
}

/** Ends a membership on a date; the row stays as history. */
export async function leaveFamily(
  ctx: ActorCtx,
  familyId: string,
  memberId: string,
  leftOn: string,
  version?: number,
): Promise<void> {
  const member = await findMembership(ctx, familyId, memberId, version);
  if (member.leftOn) throw notFound();
  if (leftOn < member.joinedOn) throw invalid({ field: 'leftOn', key: 'validation.leftBeforeJoined' });
  if (leftOn > toIsoDate(ctx.now)) throw invalid({ field: 'leftOn', key: 'validation.dateFuture' });
  await ctx.tx
    .update(familyMembers)
    .set({ leftOn, version: member.version + 1, updatedBy: ctx.actor.userId, updatedAt: ctx.now })
    .where(eq(familyMembers.id, memberId));
  const name = await nameOf(ctx, member.personId);
  await recordFieldChanges<{ member: string | null }>(
    ctx,
    'family',
    familyId,
    { member: `${name} (${member.relation}) ${member.joinedOn}` },
    { member: `${name} (${member.relation}) ${member.joinedOn} – ${leftOn}` },
  );
  await recordAudit(ctx, {
    action: 'family.member_left',
    entityType: 'family',
    entityId: familyId,
    details: { memberId },
  });
}

async function nameOf(ctx: ActorCtx, personId: string): Promise<string> {
  const [row] = await ctx.tx
    .select({ givenName: persons.givenName, familyName: persons.familyName })
    .from(persons)
    .where(eq(persons.id, personId));
  return row ? `${row.givenName} ${row.familyName}` : '';
}
