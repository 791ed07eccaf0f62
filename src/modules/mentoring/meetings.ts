import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import {
  corrected,
  countedInPublishedReport,
  recordCorrection,
  recordVoid,
  requireCorrectable,
  requireReason,
  voided,
  voidedByName,
  voidMarkOf,
} from '../../platform/corrections';
import { AppError, type FieldProblem, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Attendance } from '../../shared/activities';
import type { voidInput } from '../../shared/contracts/common';
import type {
  MeetingOutcome,
  MeetingView,
  meetingCorrection,
  meetingInput,
} from '../../shared/contracts/mentoring';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { activities, activityParticipants, activityProjects, activityTypes } from '../activities/tables';
import { volunteerHours } from '../volunteers/tables';
import { findMatch, type MatchRow } from './policy';
import { mentoringMeetings } from './tables';

/** How the mentee's attendance of the meeting's activity follows from how the meeting went. */
const attendanceOf: Record<MeetingOutcome, Attendance> = {
  held: 'present',
  absent: 'absent',
  cancelled: 'excused',
};

type MeetingFacts = { heldOn: string; durationMinutes: number; outcome: MeetingOutcome };

/** The project the meeting counts for: the match's, when the day is within the project's period. */
async function projectFor(ctx: ActorCtx, match: MatchRow, heldOn: string): Promise<string | null> {
  if (!match.projectId) return null;
  const [inPeriod] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select id from projects where id = ${match.projectId} and ${heldOn}::date between starts_on and ends_on`,
  );
  return inPeriod?.id ?? null;
}

/** The volunteer gave time: a meeting that took place, even if the young person did not come. */
const gaveTime = (outcome: MeetingOutcome) => outcome !== 'cancelled';

/** The checks of a meeting's facts: a day from the match's start to its end (or today). */
function checkDay(ctx: ActorCtx, match: MatchRow, heldOn: string): FieldProblem[] {
  if (!match.startedOn) return [{ field: 'heldOn', key: 'validation.matchNotStarted' }];
  const last = match.endedOn ?? toIsoDate(ctx.now);
  if (heldOn < match.startedOn || heldOn > last)
    return [
      {
        field: 'heldOn',
        key: 'validation.outsideMatch',
        params: { from: formatDate(match.startedOn), to: formatDate(last) },
      },
    ];
  return [];
}

/** Hours for the volunteer, project and day entered by hand (not from a meeting), if any. */
async function hoursByHand(ctx: ActorCtx, match: MatchRow, projectId: string, on: string): Promise<number> {
  const [row] = await queryRows<{ hours: string | null }>(
    ctx.tx,
    sql`select sum(hours)::text as hours from volunteer_hours
        where volunteer_id = ${match.volunteerId} and project_id = ${projectId} and worked_on = ${on}::date
          and activity_id is null and voided_at is null`,
  );
  return Number(row?.hours ?? 0);
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/**
 * Logs a meeting of a started match: also an activity of type "mentoring meeting" on the case with the
 * mentee as its participant (so every indicator counts it), attributed to the match's project, whose
 * in-kind co-financing gets the volunteer's hours. Hours the coordinator already entered by hand for that
 * day are never counted twice: the meeting is refused until they say whether those include it.
 */
export async function logMeeting(
  ctx: ActorCtx,
  matchId: string,
  input: z.output<typeof meetingInput>,
): Promise<string> {
  const match = await findMatch(ctx, matchId, true);
  if (match.voidedAt) throw notFound();
  const problems = checkDay(ctx, match, input.heldOn);
  const projectId = await projectFor(ctx, match, input.heldOn);
  const countHours = projectId !== null && gaveTime(input.outcome) && !input.hoursEnteredByHand;
  if (countHours) {
    const byHand = await hoursByHand(ctx, match, projectId, input.heldOn);
    if (byHand > 0)
      problems.push({
        field: 'hoursEnteredByHand',
        key: 'validation.hoursByHand',
        params: { hours: byHand },
      });
  }
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  const [twice] = await ctx.tx
    .select({ id: mentoringMeetings.id })
    .from(mentoringMeetings)
    .where(
      and(
        eq(mentoringMeetings.matchId, matchId),
        eq(mentoringMeetings.heldOn, input.heldOn),
        isNull(mentoringMeetings.voidedAt),
      ),
    );
  if (twice && !input.confirmDuplicate)
    throw new AppError('DUPLICATE_ACTIVITY', { params: { date: formatDate(input.heldOn) } });

  const [type] = await ctx.tx
    .select({ id: activityTypes.id })
    .from(activityTypes)
    .where(and(eq(activityTypes.code, 'mentoring_meeting'), isNull(activityTypes.organisationId)));
  const activityId = newId(ctx.now.getTime());
  await ctx.tx.insert(activities).values({
    id: activityId,
    organisationId: match.organisationId,
    typeId: type!.id,
    centreId: match.centreId,
    programmeId: match.programmeId,
    caseId: match.caseId,
    occursOn: input.heldOn,
    durationMinutes: input.durationMinutes,
    place: 'other',
    status: input.outcome === 'cancelled' ? 'cancelled' : 'held',
    notes: input.what,
    notesConfidential: false,
    notesAuthorId: input.what ? ctx.actor.userId : null,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  if (projectId) await ctx.tx.insert(activityProjects).values({ activityId, projectId });
  await ctx.tx.insert(activityParticipants).values({
    id: newId(ctx.now.getTime()),
    organisationId: match.organisationId,
    activityId,
    personId: match.menteeId,
    attendance: attendanceOf[input.outcome],
  });
  const hoursId = countHours ? await writeHours(ctx, match, projectId, activityId, input) : null;
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(mentoringMeetings).values({
    id,
    organisationId: match.organisationId,
    matchId,
    activityId,
    hoursId,
    heldOn: input.heldOn,
    durationMinutes: input.durationMinutes,
    outcome: input.outcome,
    what: input.what,
    note: input.note,
    recordedBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'mentoring.log_meeting',
    entityType: 'mentoring_match',
    entityId: matchId,
    details: { meetingId: id, activityId },
  });
  return id;
}

async function writeHours(
  ctx: ActorCtx,
  match: MatchRow,
  projectId: string,
  activityId: string,
  facts: MeetingFacts,
): Promise<string> {
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(volunteerHours).values({
    id,
    organisationId: match.organisationId,
    volunteerId: match.volunteerId,
    projectId,
    activityId,
    workedOn: facts.heldOn,
    hours: hoursOf(facts.durationMinutes),
    description: '',
    recordedBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  return id;
}

async function findMeeting(ctx: ActorCtx, matchId: string, meetingId: string, version: number) {
  const match = await findMatch(ctx, matchId, true);
  const [meeting] = await ctx.tx
    .select()
    .from(mentoringMeetings)
    .where(and(eq(mentoringMeetings.id, meetingId), eq(mentoringMeetings.matchId, match.id)))
    .for('update');
  if (!meeting) throw notFound();
  await requireCorrectable(ctx, meeting, version, meeting.recordedBy);
  const [activity] = await ctx.tx
    .select()
    .from(activities)
    .where(eq(activities.id, meeting.activityId))
    .for('update');
  return { match, meeting, activity: activity! };
}

/**
 * Corrects a meeting (day, length, how it went, what they did), with a reason when it is old or counted in a
 * published report; its activity and hours follow, so the figures and the co-financing change with it.
 */
export async function correctMeeting(
  ctx: ActorCtx,
  matchId: string,
  meetingId: string,
  input: z.output<typeof meetingCorrection>,
): Promise<void> {
  const { match, meeting, activity } = await findMeeting(ctx, matchId, meetingId, input.version);
  const problems = checkDay(ctx, match, input.heldOn);
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  const projectId = await projectFor(ctx, match, input.heldOn);
  requireReason(
    ctx,
    meeting.createdAt,
    input.reason,
    match.projectId !== null &&
      (await countedInPublishedReport(
        ctx,
        [match.projectId],
        meeting.heldOn < input.heldOn ? meeting.heldOn : input.heldOn,
      )),
  );
  const after = {
    heldOn: input.heldOn,
    durationMinutes: input.durationMinutes,
    outcome: input.outcome,
    what: input.what,
    note: input.note,
  };
  let hoursId = meeting.hoursId;
  await recordCorrection(
    ctx,
    { entity: 'mentoring_meeting', id: meeting.id, reason: input.reason, before: meeting, after },
    async () => {
      await ctx.tx
        .update(activities)
        .set({
          occursOn: input.heldOn,
          durationMinutes: input.durationMinutes,
          status: input.outcome === 'cancelled' ? 'cancelled' : 'held',
          notes: input.what,
          ...corrected(ctx, activity),
        })
        .where(eq(activities.id, activity.id));
      await ctx.tx
        .update(activityParticipants)
        .set({ attendance: attendanceOf[input.outcome] })
        .where(eq(activityParticipants.activityId, activity.id));
      await ctx.tx.delete(activityProjects).where(eq(activityProjects.activityId, activity.id));
      if (projectId) await ctx.tx.insert(activityProjects).values({ activityId: activity.id, projectId });
      hoursId = await followHours(ctx, match, meeting, projectId, input);
      await ctx.tx
        .update(mentoringMeetings)
        .set({ ...after, hoursId, ...corrected(ctx, meeting) })
        .where(eq(mentoringMeetings.id, meeting.id));
    },
    {
      action: 'mentoring.correct_meeting',
      entityType: 'mentoring_match',
      entityId: match.id,
      details: { meetingId: meeting.id },
    },
  );
}

/** A corrected meeting's hours: changed with it, voided when it no longer gives any, added when it now does. */
async function followHours(
  ctx: ActorCtx,
  match: MatchRow,
  meeting: typeof mentoringMeetings.$inferSelect,
  projectId: string | null,
  facts: MeetingFacts,
): Promise<string | null> {
  const counts = projectId !== null && gaveTime(facts.outcome);
  const [hours] = meeting.hoursId
    ? await ctx.tx.select().from(volunteerHours).where(eq(volunteerHours.id, meeting.hoursId))
    : [];
  if (hours && !hours.voidedAt && counts) {
    await ctx.tx
      .update(volunteerHours)
      .set({
        projectId,
        workedOn: facts.heldOn,
        hours: hoursOf(facts.durationMinutes),
        ...corrected(ctx, hours),
      })
      .where(eq(volunteerHours.id, hours.id));
    return hours.id;
  }
  if (hours && !hours.voidedAt) {
    await ctx.tx
      .update(volunteerHours)
      .set(voided(ctx, hours, 'mentoring meeting corrected'))
      .where(eq(volunteerHours.id, hours.id));
    return null;
  }
  // A meeting logged without hours (cancelled, or entered by hand) that now gives them: only if it was
  // cancelled before; hours said to be entered by hand stay so.
  if (counts && meeting.outcome === 'cancelled')
    return writeHours(ctx, match, projectId!, meeting.activityId, facts);
  return null;
}

/** Voids a meeting logged in error: it, its activity and its hours are kept, marked, and count nowhere. */
export async function voidMeeting(
  ctx: ActorCtx,
  matchId: string,
  meetingId: string,
  input: z.output<typeof voidInput>,
): Promise<void> {
  const { match, meeting, activity } = await findMeeting(ctx, matchId, meetingId, input.version);
  await recordVoid(
    ctx,
    { entity: 'mentoring_meeting', id: meeting.id, reason: input.reason },
    async () => {
      await ctx.tx
        .update(mentoringMeetings)
        .set(voided(ctx, meeting, input.reason))
        .where(eq(mentoringMeetings.id, meeting.id));
      await ctx.tx
        .update(activities)
        .set(voided(ctx, activity, input.reason))
        .where(eq(activities.id, activity.id));
      if (meeting.hoursId)
        await ctx.tx
          .update(volunteerHours)
          .set({
            voidedAt: ctx.now,
            voidedBy: ctx.actor.userId,
            voidReason: input.reason,
            updatedAt: ctx.now,
            updatedBy: ctx.actor.userId,
            version: sql`${volunteerHours.version} + 1`,
          })
          .where(and(eq(volunteerHours.id, meeting.hoursId), isNull(volunteerHours.voidedAt)));
    },
    {
      action: 'mentoring.void_meeting',
      entityType: 'mentoring_match',
      entityId: match.id,
      details: { meetingId: meeting.id },
    },
  );
}

/** The meetings of a match, by day, voided ones marked; with the hours they count. */
export async function meetingsOf(ctx: ActorCtx, matchId: string): Promise<MeetingView[]> {
  const rows = await ctx.tx
    .select({
      m: mentoringMeetings,
      hours: sql<
        string | null
      >`(select hours::text from volunteer_hours h where h.id = ${mentoringMeetings.hoursId} and h.voided_at is null)`,
      byName: voidedByName(mentoringMeetings.voidedBy),
    })
    .from(mentoringMeetings)
    .where(eq(mentoringMeetings.matchId, matchId))
    .orderBy(asc(mentoringMeetings.heldOn), asc(mentoringMeetings.id));
  return rows.map(({ m, hours, byName }) => ({
    id: m.id,
    heldOn: m.heldOn,
    durationMinutes: m.durationMinutes,
    outcome: m.outcome,
    what: m.what,
    note: m.note,
    hours: hours === null ? null : Number(hours),
    version: m.version,
    voided: voidMarkOf(m, byName),
  }));
}
