import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { latvianAsc } from '../../db/latvian-order';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { voidedByName, voidMarkOf } from '../../platform/corrections';
import { AppError, type FieldProblem, invalid, isUniqueViolation, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { can, centresWith } from '../../shared/access';
import type {
  GroupView,
  groupInput,
  groupMemberInput,
  groupSessionCorrection,
  groupSessionInput,
} from '../../shared/contracts/activities';
import { formatDate } from '../../shared/i18n';
import { centres } from '../centres/tables';
import { findVisiblePerson, visiblePersonName } from '../families/policy';
import { persons } from '../families/tables';
import { users } from '../users/tables';
import { attributionOf, checkAttribution, loggedAlready, writeAttribution } from './common-checks';
import { findCorrectable, saveActivityCorrection } from './corrections';
import { canFacilitate, findGroup, type GroupRow } from './policy';
import {
  activities,
  activityParticipants,
  activityStaff,
  activityTypes,
  groupFacilitators,
  groupMembers,
  supportGroups,
} from './tables';

export async function createGroup(ctx: ActorCtx, input: z.output<typeof groupInput>): Promise<string> {
  const [centre] = await ctx.tx
    .select({ id: centres.id })
    .from(centres)
    .where(and(eq(centres.id, input.centreId), eq(centres.organisationId, ctx.actor.organisationId)));
  if (!centre) throw invalid({ field: 'centreId', key: 'validation.unknownCentre' });
  if (!can(ctx.actor, 'cases.supervise', centre.id)) throw new AppError('FORBIDDEN');
  const problems: FieldProblem[] = [];
  for (const [index, userId] of input.facilitatorIds.entries()) {
    if (!(await canFacilitate(ctx, userId, centre.id)))
      problems.push({ field: `facilitatorIds.${index}`, key: 'validation.keyWorker' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(supportGroups).values({
    id,
    organisationId: ctx.actor.organisationId,
    centreId: centre.id,
    programmeId: input.programmeId,
    name: input.name,
    open: input.open,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  for (const userId of new Set(input.facilitatorIds))
    await ctx.tx.insert(groupFacilitators).values({ groupId: id, userId });
  await recordAudit(ctx, { action: 'group.create', entityType: 'group', entityId: id });
  return id;
}

/** Adds a person the caller works with to a group (specialists and managers of the centre). */
export async function addGroupMember(
  ctx: ActorCtx,
  groupId: string,
  input: z.output<typeof groupMemberInput>,
): Promise<void> {
  const group = await findGroup(ctx, groupId);
  if (!can(ctx.actor, 'cases.write', group.centreId)) throw new AppError('FORBIDDEN');
  if (!(await findVisiblePerson(ctx.tx, ctx.actor, input.personId, 'find')))
    throw invalid({ field: 'personId', key: 'validation.unknownPerson' });
  try {
    await ctx.tx.insert(groupMembers).values({
      id: newId(ctx.now.getTime()),
      organisationId: group.organisationId,
      groupId,
      personId: input.personId,
      joinedOn: input.joinedOn,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'group_members_current'))
      throw invalid({ field: 'personId', key: 'validation.groupMemberTwice' });
    throw error;
  }
  await recordAudit(ctx, {
    action: 'group.add_member',
    entityType: 'group',
    entityId: groupId,
    details: { personId: input.personId },
  });
}

/** Ends a membership on a date (kept as history; the person can join again later). */
export async function endGroupMembership(
  ctx: ActorCtx,
  groupId: string,
  memberId: string,
  leftOn: string,
): Promise<void> {
  const group = await findGroup(ctx, groupId);
  if (!can(ctx.actor, 'cases.write', group.centreId)) throw new AppError('FORBIDDEN');
  const [member] = await ctx.tx
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.id, memberId), eq(groupMembers.groupId, groupId)));
  if (!member) throw notFound();
  if (member.leftOn) throw invalid({ field: 'leftOn', key: 'validation.alreadyLeft' });
  if (leftOn < member.joinedOn) throw invalid({ field: 'leftOn', key: 'validation.leftBeforeJoined' });
  await ctx.tx.update(groupMembers).set({ leftOn }).where(eq(groupMembers.id, memberId));
  await recordAudit(ctx, {
    action: 'group.end_membership',
    entityType: 'group',
    entityId: groupId,
    details: { personId: member.personId, leftOn },
  });
}

/**
 * The checks of a session's form: attribution (the facilitator need not hold a case role at the centre),
 * attendance only for members on that day, guests the caller can find, and a warning (409) when the group
 * already has a session that day (`except`: the session being corrected).
 */
async function checkGroupSession(
  ctx: ActorCtx,
  group: GroupRow,
  input: z.output<typeof groupSessionInput>,
  except?: string,
) {
  const [type] = await ctx.tx
    .select()
    .from(activityTypes)
    .where(eq(activityTypes.code, 'support_group_session'));
  const { problems, projectIds } = await checkAttribution(ctx, group.centreId, {
    typeId: type!.id,
    programmeId: input.programmeId ?? group.programmeId,
    projectIds: input.projectIds,
    staffIds: [ctx.actor.userId],
  });
  const relevant = problems.filter((p) => !p.field.startsWith('staffIds'));
  const members = await ctx.tx
    .select({ personId: groupMembers.personId })
    .from(groupMembers)
    .where(
      and(
        eq(groupMembers.groupId, group.id),
        lte(groupMembers.joinedOn, input.occursOn),
        or(isNull(groupMembers.leftOn), gte(groupMembers.leftOn, input.occursOn)),
      ),
    );
  const sameDay = and(
    eq(activities.groupId, group.id),
    eq(activities.occursOn, input.occursOn),
    except ? ne(activities.id, except) : undefined,
  )!;
  if (!input.confirmDuplicate && (await loggedAlready(ctx, sameDay)))
    throw new AppError('DUPLICATE_SESSION', { params: { date: formatDate(input.occursOn) } });

  const memberIds = new Set(members.map((m) => m.personId));
  input.attendance.forEach((row, index) => {
    if (!memberIds.has(row.personId))
      relevant.push({ field: `attendance.${index}.personId`, key: 'validation.notGroupMember' });
  });
  for (const [index, guest] of input.guests.entries()) {
    if (!(await findVisiblePerson(ctx.tx, ctx.actor, guest.personId, 'find'))) {
      relevant.push({ field: `guests.${index}.personId`, key: 'validation.unknownPerson' });
    }
  }
  if (relevant.length > 0) throw new AppError('VALIDATION', { fields: relevant });
  return { typeId: type!.id, projectIds };
}

/** One attendance row per person (members, then guests; a person named twice counts once). */
async function writeAttendance(
  ctx: ActorCtx,
  group: GroupRow,
  activityId: string,
  input: z.output<typeof groupSessionInput>,
) {
  const seen = new Set<string>();
  for (const row of [...input.attendance, ...input.guests]) {
    if (seen.has(row.personId)) continue;
    seen.add(row.personId);
    await ctx.tx.insert(activityParticipants).values({
      id: newId(ctx.now.getTime()),
      organisationId: group.organisationId,
      activityId,
      familyId: null,
      personId: row.personId,
      attendance: row.attendance,
    });
  }
}

const mayRunSessions = (ctx: ActorCtx, group: GroupRow & { facilitates: boolean }) =>
  group.facilitates || can(ctx.actor, 'cases.supervise', group.centreId);

/**
 * Records a session (an activity of type `support_group_session`) with one attendance
 * row per member on that day; a person who is not a member must come as a guest.
 */
export async function logGroupSession(
  ctx: ActorCtx,
  groupId: string,
  input: z.output<typeof groupSessionInput>,
): Promise<string> {
  const group = await findGroup(ctx, groupId);
  if (!mayRunSessions(ctx, group)) throw new AppError('FORBIDDEN');
  const { typeId, projectIds } = await checkGroupSession(ctx, group, input);
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(activities).values({
    id,
    organisationId: group.organisationId,
    typeId,
    centreId: group.centreId,
    programmeId: input.programmeId ?? group.programmeId,
    caseId: null,
    groupId,
    occursOn: input.occursOn,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    place: input.place,
    status: input.status,
    notes: '',
    notesConfidential: false,
    notesAuthorId: null,
    followUpOn: null,
    forOwnStaff: false,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await writeAttribution(ctx, id, projectIds, [ctx.actor.userId]);
  await writeAttendance(ctx, group, id, input);
  await recordAudit(ctx, {
    action: 'group.session',
    entityType: 'group',
    entityId: groupId,
    details: { activityId: id },
  });
  return id;
}

/**
 * Corrects a group session: date, time, duration, place, status (a planned session becomes held or
 * cancelled), projects and the attendance as a whole, by its facilitators and the centre's managers.
 */
export async function correctGroupSession(
  ctx: ActorCtx,
  activityId: string,
  input: z.output<typeof groupSessionCorrection>,
): Promise<void> {
  const { activity } = await findCorrectable(ctx, activityId, input.version, ['session']);
  const group = await findGroup(ctx, activity.groupId!);
  const { projectIds } = await checkGroupSession(ctx, group, input, activity.id);
  const staff = await ctx.tx
    .select({ userId: activityStaff.userId })
    .from(activityStaff)
    .where(eq(activityStaff.activityId, activity.id));
  await saveActivityCorrection(
    ctx,
    activity,
    { reason: input.reason, projectIds, staffIds: staff.map((s) => s.userId) },
    {
      occursOn: input.occursOn,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
      place: input.place,
      status: input.status,
      programmeId: input.programmeId ?? group.programmeId,
    },
    { groupId: group.id },
  );
  await ctx.tx.delete(activityParticipants).where(eq(activityParticipants.activityId, activity.id));
  await writeAttendance(ctx, group, activity.id, input);
}

export async function getGroup(ctx: ActorCtx, groupId: string): Promise<GroupView> {
  const group = await findGroup(ctx, groupId);
  const name = visiblePersonName(ctx.actor);
  const facilitators = await ctx.tx
    .select({
      userId: groupFacilitators.userId,
      name: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
    })
    .from(groupFacilitators)
    .innerJoin(users, eq(users.id, groupFacilitators.userId))
    .where(eq(groupFacilitators.groupId, groupId));
  const members = await ctx.tx
    .select({
      id: groupMembers.id,
      personId: groupMembers.personId,
      name,
      joinedOn: groupMembers.joinedOn,
      leftOn: groupMembers.leftOn,
    })
    .from(groupMembers)
    .innerJoin(persons, eq(persons.id, groupMembers.personId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(persons.sortKey));
  const sessions = await ctx.tx
    .select({ session: activities, byName: voidedByName(activities.voidedBy) })
    .from(activities)
    .where(eq(activities.groupId, groupId))
    .orderBy(desc(activities.occursOn));
  const ids = sessions.map((s) => s.session.id);
  const { projectIdsOf } = await attributionOf(ctx, ids);
  const attendance = ids.length
    ? await ctx.tx
        .select({
          activityId: activityParticipants.activityId,
          personId: activityParticipants.personId,
          name,
          attendance: activityParticipants.attendance,
        })
        .from(activityParticipants)
        .innerJoin(persons, eq(persons.id, activityParticipants.personId))
        .where(inArray(activityParticipants.activityId, ids))
        .orderBy(asc(persons.sortKey))
    : [];
  await recordAudit(ctx, {
    action: 'group.read',
    entityType: 'group',
    entityId: group.id,
    details: { shown: members.map((m) => m.personId) },
  });
  return {
    id: group.id,
    name: group.name,
    centreId: group.centreId,
    programmeId: group.programmeId,
    open: group.open,
    facilitators,
    members,
    abilities: { manageMembers: can(ctx.actor, 'cases.write', group.centreId) },
    sessions: sessions.map(({ session: s, byName }) => ({
      activityId: s.id,
      occursOn: s.occursOn,
      startsAt: s.startsAt ? s.startsAt.slice(0, 5) : null,
      durationMinutes: s.durationMinutes,
      place: s.place,
      status: s.status,
      programmeId: s.programmeId,
      projectIds: projectIdsOf(s.id),
      version: s.version,
      voided: voidMarkOf(s, byName),
      attendance: attendance
        .filter((a) => a.activityId === s.id)
        .map((a) => ({ personId: a.personId!, name: a.name, attendance: a.attendance })),
    })),
  };
}

/** Groups the caller facilitates, or that run at centres where they work on cases. */
export async function listGroups(ctx: ActorCtx) {
  const centreIds = centresWith(ctx.actor, 'cases.read');
  const atCentres =
    centreIds === 'all'
      ? sql`true`
      : centreIds.length
        ? inArray(supportGroups.centreId, centreIds)
        : sql`false`;
  const rows = await ctx.tx
    .select({
      id: supportGroups.id,
      name: supportGroups.name,
      centreId: supportGroups.centreId,
      open: supportGroups.open,
      members:
        sql<number>`(select count(*) from group_members m where m.group_id = support_groups.id and m.left_on is null)`.mapWith(
          Number,
        ),
    })
    .from(supportGroups)
    .where(
      and(
        eq(supportGroups.organisationId, ctx.actor.organisationId),
        or(
          atCentres,
          sql`exists (select 1 from group_facilitators f where f.group_id = support_groups.id and f.user_id = ${ctx.actor.userId})`,
        ),
      ),
    )
    .orderBy(latvianAsc(supportGroups.name));
  return { groups: rows };
}
