import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { latvianAsc } from '../../db/latvian-order';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { voidedByName, voidMarkOf } from '../../platform/corrections';
import { AppError, type FieldProblem, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { can, centresWith } from '../../shared/access';
import type { Attendance } from '../../shared/activities';
import type {
  EventView,
  eventCorrection,
  eventDayInput,
  eventFamilyInput,
  eventInput,
  FamilyRoster,
} from '../../shared/contracts/activities';
import { dayCount, daysBetween } from '../../shared/dates';
import { canFindCase } from '../cases/policy';
import { centres } from '../centres/tables';
import { visibleFamilyName, visiblePersonName } from '../families/policy';
import { families, familyMembers, persons } from '../families/tables';
import { attributionOf, checkAttribution, writeAttribution } from './common-checks';
import { findCorrectable, saveActivityCorrection } from './corrections';
import { findEvent } from './policy';
import { activities, activityDayAttendance, activityParticipants, activityTypes } from './tables';

/** The longest event accepted: a camp or a training of a few days, not a season. */
const maxEventDays = 31;

/** The checks of an event's form: a centre where the caller works on cases, an event type, sensible dates. */
async function checkEvent(ctx: ActorCtx, input: z.output<typeof eventInput>) {
  const [centre] = await ctx.tx
    .select({ id: centres.id })
    .from(centres)
    .where(and(eq(centres.id, input.centreId), eq(centres.organisationId, ctx.actor.organisationId)));
  if (!centre) throw invalid({ field: 'centreId', key: 'validation.unknownCentre' });
  if (!can(ctx.actor, 'cases.write', centre.id)) throw new AppError('FORBIDDEN');
  const { problems, type, projectIds, staffIds } = await checkAttribution(ctx, centre.id, input);
  if (type && type.kind !== 'event') problems.push({ field: 'typeId', key: 'validation.notAnEventType' });
  if (input.endsOn < input.startsOn) problems.push({ field: 'endsOn', key: 'validation.endBeforeStart' });
  else if (dayCount(input.startsOn, input.endsOn) > maxEventDays)
    problems.push({ field: 'endsOn', key: 'validation.eventTooLong' });
  return { centreId: centre.id, problems, projectIds, staffIds };
}

export async function createEvent(ctx: ActorCtx, input: z.output<typeof eventInput>): Promise<string> {
  const { centreId, problems, projectIds, staffIds } = await checkEvent(ctx, input);
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(activities).values({
    id,
    organisationId: ctx.actor.organisationId,
    typeId: input.typeId,
    centreId,
    programmeId: input.programmeId,
    caseId: null,
    occursOn: input.startsOn,
    endsOn: input.endsOn,
    startsAt: null,
    durationMinutes: input.durationMinutes,
    place: input.place,
    location: input.location,
    capacity: input.capacity,
    status: input.status,
    notes: input.notes,
    notesConfidential: false,
    notesAuthorId: input.notes ? ctx.actor.userId : null,
    followUpOn: null,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await writeAttribution(ctx, id, projectIds, staffIds);
  await recordAudit(ctx, { action: 'event.create', entityType: 'activity', entityId: id });
  return id;
}

/**
 * Corrects an event: the whole form again (a planned camp becomes held or cancelled, wrong dates or
 * capacity are put right). Refused when the new dates leave out a day with attendance already marked, or
 * the new capacity is below the people already registered: those are corrected first.
 */
export async function correctEvent(
  ctx: ActorCtx,
  eventId: string,
  input: z.output<typeof eventCorrection>,
): Promise<void> {
  const { activity } = await findCorrectable(ctx, eventId, input.version, ['event']);
  const { centreId, problems, projectIds, staffIds } = await checkEvent(ctx, input);
  const [marked] = await queryRows<{ outside: number; people: number }>(
    ctx.tx,
    sql`select (select count(*)::int from activity_day_attendance where activity_id = ${eventId}
                  and (day < ${input.startsOn}::date or day > ${input.endsOn}::date)) as outside,
               (select count(*)::int from activity_participants where activity_id = ${eventId}) as people`,
  );
  if ((marked?.outside ?? 0) > 0) problems.push({ field: 'startsOn', key: 'validation.markedDaysOutside' });
  if (input.capacity !== null && input.capacity < (marked?.people ?? 0))
    problems.push({
      field: 'capacity',
      key: 'validation.capacityBelowRegistered',
      params: { people: marked?.people ?? 0 },
    });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  await saveActivityCorrection(
    ctx,
    activity,
    { reason: input.reason, projectIds, staffIds },
    {
      centreId,
      typeId: input.typeId,
      occursOn: input.startsOn,
      endsOn: input.endsOn,
      durationMinutes: input.durationMinutes,
      place: input.place,
      location: input.location,
      capacity: input.capacity,
      status: input.status,
      notes: input.notes,
      programmeId: input.programmeId,
    },
  );
}

/** Members of a family the caller can find, current on `on`: the people who may come with it. */
async function currentMembers(ctx: ActorCtx, familyId: string, on: string) {
  return ctx.tx
    .select({
      personId: persons.id,
      givenName: persons.givenName,
      familyName: persons.familyName,
      relation: familyMembers.relation,
    })
    .from(familyMembers)
    .innerJoin(persons, eq(persons.id, familyMembers.personId))
    .where(
      and(
        eq(familyMembers.familyId, familyId),
        lte(familyMembers.joinedOn, on),
        or(isNull(familyMembers.leftOn), gte(familyMembers.leftOn, on)),
        isNull(persons.mergedInto),
      ),
    )
    .orderBy(asc(persons.sortKey));
}

async function findableFamily(ctx: ActorCtx, familyId: string) {
  const [family] = await ctx.tx
    .select({ id: families.id, name: families.name })
    .from(families)
    .where(
      and(
        eq(families.id, familyId),
        eq(families.organisationId, ctx.actor.organisationId),
        sql`exists (select 1 from cases where cases.family_id = families.id and ${canFindCase(ctx.actor)})`,
      ),
    );
  return family ?? null;
}

/** Names of a family's current members, for choosing who came to an event. */
export async function familyRosterOf(ctx: ActorCtx, familyId: string, on: string): Promise<FamilyRoster> {
  const family = await findableFamily(ctx, familyId);
  if (!family) throw notFound();
  const members = await currentMembers(ctx, familyId, on);
  await recordAudit(ctx, {
    action: 'family.read_roster',
    entityType: 'family',
    entityId: familyId,
    details: { shown: members.map((m) => m.personId) },
  });
  return {
    familyId,
    name: family.name,
    members: members.map((m) => ({
      personId: m.personId,
      name: `${m.givenName} ${m.familyName}`,
      relation: m.relation,
    })),
  };
}

/**
 * Adds a family to an event with the members who came (all current members when none
 * are named). Refused beyond the event's capacity (people), for a family the caller
 * cannot find, or for someone who is not a member of that family.
 */
export async function addEventFamily(
  ctx: ActorCtx,
  eventId: string,
  input: z.output<typeof eventFamilyInput>,
): Promise<void> {
  const { activity } = await findEvent(ctx, eventId, 'change');
  if (!can(ctx.actor, 'cases.write', activity.centreId)) throw new AppError('FORBIDDEN');
  const family = await findableFamily(ctx, input.familyId);
  if (!family) throw invalid({ field: 'familyId', key: 'validation.unknownFamily' });
  const members = await currentMembers(ctx, family.id, activity.endsOn ?? activity.occursOn);
  const problems: FieldProblem[] = [];
  input.personIds.forEach((personId, index) => {
    if (!members.some((m) => m.personId === personId))
      problems.push({ field: `personIds.${index}`, key: 'validation.notFamilyMember' });
  });
  const coming = input.personIds.length > 0 ? [...new Set(input.personIds)] : members.map((m) => m.personId);
  const already = await ctx.tx
    .select({ personId: activityParticipants.personId })
    .from(activityParticipants)
    .where(eq(activityParticipants.activityId, eventId));
  if (coming.some((id) => already.some((a) => a.personId === id)))
    problems.push({ field: 'familyId', key: 'validation.alreadyAtEvent' });
  if (activity.capacity !== null && already.length + coming.length > activity.capacity)
    problems.push({
      field: 'personIds',
      key: 'validation.overCapacity',
      params: { capacity: activity.capacity, free: Math.max(0, activity.capacity - already.length) },
    });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  for (const personId of coming) {
    await ctx.tx.insert(activityParticipants).values({
      id: newId(ctx.now.getTime()),
      organisationId: activity.organisationId,
      activityId: eventId,
      familyId: null,
      personId,
      viaFamilyId: family.id,
      attendance: 'present',
    });
  }
  await recordAudit(ctx, {
    action: 'event.add_family',
    entityType: 'activity',
    entityId: eventId,
    details: { familyId: family.id, people: coming.length },
  });
}

/**
 * Records attendance on one day of an event. A participant's overall attendance follows:
 * present when present on any day, otherwise excused when excused on any day, else absent.
 */
export async function recordEventDay(
  ctx: ActorCtx,
  eventId: string,
  input: z.output<typeof eventDayInput>,
): Promise<void> {
  const { activity } = await findEvent(ctx, eventId, 'change');
  if (!can(ctx.actor, 'cases.write', activity.centreId)) throw new AppError('FORBIDDEN');
  const problems: FieldProblem[] = [];
  if (!daysBetween(activity.occursOn, activity.endsOn ?? activity.occursOn).includes(input.day))
    problems.push({ field: 'day', key: 'validation.dayOutsideEvent' });
  const participants = await ctx.tx
    .select({ personId: activityParticipants.personId })
    .from(activityParticipants)
    .where(eq(activityParticipants.activityId, eventId));
  input.attendance.forEach((row, index) => {
    if (!participants.some((p) => p.personId === row.personId))
      problems.push({ field: `attendance.${index}.personId`, key: 'validation.notEventParticipant' });
  });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  for (const row of input.attendance) {
    await ctx.tx
      .insert(activityDayAttendance)
      .values({ activityId: eventId, personId: row.personId, day: input.day, attendance: row.attendance })
      .onConflictDoUpdate({
        target: [activityDayAttendance.activityId, activityDayAttendance.personId, activityDayAttendance.day],
        set: { attendance: row.attendance },
      });
  }
  await ctx.tx.execute(
    sql`
    update activity_participants p set attendance = case
      when bool_or_present then 'present' when bool_or_excused then 'excused' else 'absent' end
    from (
      select person_id, bool_or(attendance = 'present') as bool_or_present,
             bool_or(attendance = 'excused') as bool_or_excused
      from activity_day_attendance where activity_id = ${eventId} group by person_id
    ) d
    where p.activity_id = ${eventId} and p.person_id = d.person_id`,
  );
  await recordAudit(ctx, {
    action: 'event.attendance',
    entityType: 'activity',
    entityId: eventId,
    details: { day: input.day, rows: input.attendance.length },
  });
}

export async function getEvent(ctx: ActorCtx, eventId: string): Promise<EventView> {
  const { activity, type } = await findEvent(ctx, eventId);
  const participants = await ctx.tx
    .select({
      personId: persons.id,
      name: visiblePersonName(ctx.actor),
      familyId: families.id,
      familyName: visibleFamilyName(ctx.actor),
      attendance: activityParticipants.attendance,
    })
    .from(activityParticipants)
    .innerJoin(persons, eq(persons.id, activityParticipants.personId))
    .innerJoin(families, eq(families.id, activityParticipants.viaFamilyId))
    .where(and(eq(activityParticipants.activityId, eventId), isNotNull(activityParticipants.viaFamilyId)))
    .orderBy(latvianAsc(families.name), asc(persons.sortKey));
  const marks = await ctx.tx
    .select()
    .from(activityDayAttendance)
    .where(eq(activityDayAttendance.activityId, eventId));
  const { projectIdsOf, staffIdsOf } = await attributionOf(ctx, [eventId]);
  const [voider] = await ctx.tx
    .select({ name: voidedByName(activities.voidedBy) })
    .from(activities)
    .where(eq(activities.id, eventId));
  const grouped: EventView['families'] = [];
  for (const p of participants) {
    let family = grouped.find((f) => f.familyId === p.familyId);
    if (!family) {
      family = { familyId: p.familyId, name: p.familyName, members: [] };
      grouped.push(family);
    }
    const days: Record<string, Attendance> = {};
    for (const mark of marks.filter((m) => m.personId === p.personId)) days[mark.day] = mark.attendance;
    family.members.push({ personId: p.personId, name: p.name, attendance: p.attendance, days });
  }
  const endsOn = activity.endsOn ?? activity.occursOn;
  await recordAudit(ctx, {
    action: 'event.read',
    entityType: 'activity',
    entityId: activity.id,
    details: { shown: participants.map((p) => p.personId) },
  });
  return {
    id: activity.id,
    centreId: activity.centreId,
    typeId: type.id,
    typeCode: type.code,
    typeNameLv: type.nameLv,
    typeNameEn: type.nameEn,
    startsOn: activity.occursOn,
    endsOn,
    days: daysBetween(activity.occursOn, endsOn),
    durationMinutes: activity.durationMinutes,
    place: activity.place,
    location: activity.location,
    capacity: activity.capacity,
    status: activity.status,
    notes: activity.notes,
    programmeId: activity.programmeId,
    projectIds: projectIdsOf(eventId),
    staffIds: staffIdsOf(eventId),
    version: activity.version,
    voided: voidMarkOf(activity, voider?.name ?? null),
    families: grouped,
    abilities: { edit: can(ctx.actor, 'cases.write', activity.centreId) },
  };
}

/** Events (camps, closing and information events) of the caller's centres, newest first. */
export async function listEvents(ctx: ActorCtx) {
  const centreIds = centresWith(ctx.actor, 'cases.read');
  const conditions: (SQL | undefined)[] = [
    eq(activities.organisationId, ctx.actor.organisationId),
    isNull(activities.caseId),
    eq(activityTypes.kind, 'event'),
    centreIds === 'all' ? undefined : centreIds.length ? inArray(activities.centreId, centreIds) : sql`false`,
  ];
  const rows = await ctx.tx
    .select({
      activity: activities,
      type: activityTypes,
      families: sql<number>`(select count(distinct via_family_id)::int from activity_participants p where p.activity_id = activities.id)`,
      participants: sql<number>`(select count(*)::int from activity_participants p where p.activity_id = activities.id)`,
    })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .where(and(...conditions))
    .orderBy(desc(activities.occursOn), desc(activities.createdAt))
    .limit(500);
  return rows.map(({ activity: a, type, families: familyCount, participants }) => ({
    id: a.id,
    centreId: a.centreId,
    typeCode: type.code,
    typeNameLv: type.nameLv,
    typeNameEn: type.nameEn,
    startsOn: a.occursOn,
    endsOn: a.endsOn ?? a.occursOn,
    location: a.location,
    capacity: a.capacity,
    families: familyCount,
    participants,
    voided: a.voidedAt !== null,
  }));
}
