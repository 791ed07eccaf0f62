import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActorCtx } from '../../platform/context';
import {
  corrected,
  countedInPublishedReport,
  recordCorrection,
  recordVoid,
  requireCorrectable,
  requireReason,
  voided,
} from '../../platform/corrections';
import { notFound } from '../../platform/errors';
import type { activityCorrection, activityVoid } from '../../shared/contracts/activities';
import { attributionOf, writeAttribution } from './common-checks';
import { checkCaseActivity, writeParticipants } from './log-case-activity';
import { type ActivityKindToChange, type ActivityRow, findActivityToChange, mayReadNotes } from './policy';
import { activities, activityParticipants, activityProjects, activityStaff } from './tables';

/*
 * Correcting and voiding activities of every kind (case activities, group sessions, events, trainings and
 * other centre activities), by the people who may log them (findActivityToChange). The rules shared by
 * every correctable record are in src/platform/corrections.ts.
 */

/** The fields of an activity as its history shows them. */
type HistoryFields = Partial<{
  [K in
    | 'typeId'
    | 'occursOn'
    | 'endsOn'
    | 'startsAt'
    | 'durationMinutes'
    | 'place'
    | 'location'
    | 'capacity'
    | 'status'
    | 'notes'
    | 'notesConfidential'
    | 'followUpOn'
    | 'programmeId'
    | 'forOwnStaff'
    | 'centreId']: ActivityRow[K];
}>;

function historyOf(a: ActivityRow): HistoryFields {
  return {
    typeId: a.typeId,
    occursOn: a.occursOn,
    endsOn: a.endsOn,
    startsAt: a.startsAt ? a.startsAt.slice(0, 5) : null,
    durationMinutes: a.durationMinutes,
    place: a.place,
    location: a.location,
    capacity: a.capacity,
    status: a.status,
    notes: a.notes,
    notesConfidential: a.notesConfidential,
    followUpOn: a.followUpOn,
    programmeId: a.programmeId,
    forOwnStaff: a.forOwnStaff,
    centreId: a.centreId,
  };
}

/**
 * An activity of the expected kind the caller may change, not voided, at the version she read (409
 * otherwise). Another kind answers 404: each kind is corrected through its own form.
 */
export async function findCorrectable(
  ctx: ActorCtx,
  activityId: string,
  version: number,
  kinds: ActivityKindToChange[],
) {
  const found = await findActivityToChange(ctx, activityId);
  if (!kinds.includes(found.kind)) throw notFound();
  const { activity } = found;
  await requireCorrectable(ctx, activity, version, activity.createdBy);
  return found;
}

/**
 * Saves a corrected activity: a reason when it is old or published, one history row per changed field, the
 * next version, and the audit entry (field names and reason, never the values). Attribution (projects and
 * staff) is written again as a whole when given.
 */
export async function saveActivityCorrection(
  ctx: ActorCtx,
  activity: ActivityRow,
  input: { reason: string; projectIds?: string[]; staffIds?: string[] },
  after: HistoryFields,
  details: Record<string, unknown> = {},
  /** Columns written with the correction but kept out of its history (who wrote the notes). */
  unrecorded: Partial<Pick<ActivityRow, 'notesAuthorId'>> = {},
): Promise<void> {
  const { projectIdsOf } = await attributionOf(ctx, [activity.id]);
  const published = await countedInPublishedReport(
    ctx,
    projectIdsOf(activity.id),
    activity.occursOn,
    activity.endsOn ?? activity.occursOn,
  );
  requireReason(ctx, activity.createdAt, input.reason, published);
  const { projectIds, staffIds } = input;
  await recordCorrection(
    ctx,
    { entity: 'activity', id: activity.id, reason: input.reason, before: historyOf(activity), after },
    async () => {
      await ctx.tx
        .update(activities)
        .set({ ...after, ...unrecorded, ...corrected(ctx, activity) })
        .where(eq(activities.id, activity.id));
      if (projectIds && staffIds) {
        await ctx.tx.delete(activityProjects).where(eq(activityProjects.activityId, activity.id));
        await ctx.tx.delete(activityStaff).where(eq(activityStaff.activityId, activity.id));
        await writeAttribution(ctx, activity.id, projectIds, staffIds);
      }
    },
    {
      action: 'activity.correct',
      entityType: 'activity',
      entityId: activity.id,
      details: { ...details, version: activity.version + 1 },
    },
  );
}

/**
 * Corrects an activity on a case: the whole form again (a planned one becomes held or cancelled, a wrong
 * date, duration, type, place, programme, projects, staff or participants are put right), by those who
 * may log one on that case. Confidential notes the caller may not read are kept as they are.
 */
export async function correctCaseActivity(
  ctx: ActorCtx,
  activityId: string,
  input: z.output<typeof activityCorrection>,
): Promise<void> {
  const { activity, case: row } = await findCorrectable(ctx, activityId, input.version, ['case']);
  const { duration, participants, projectIds, staffIds } = await checkCaseActivity(ctx, row!, input);
  const readable = mayReadNotes(ctx, activity);
  const notes = readable ? input.notes : activity.notes;
  await saveActivityCorrection(
    ctx,
    activity,
    { reason: input.reason, projectIds, staffIds },
    {
      typeId: input.typeId,
      occursOn: input.occursOn,
      startsAt: input.startsAt,
      durationMinutes: duration,
      place: input.place,
      status: input.status,
      notes,
      notesConfidential: readable
        ? (input.notesConfidential ?? activity.notesConfidential)
        : activity.notesConfidential,
      followUpOn: input.followUpOn,
      programmeId: input.programmeId,
    },
    { caseId: activity.caseId },
    notes !== activity.notes ? { notesAuthorId: ctx.actor.userId } : {},
  );
  await ctx.tx.delete(activityParticipants).where(eq(activityParticipants.activityId, activity.id));
  await writeParticipants(ctx, activity.id, participants);
}

/**
 * Voids an activity of any kind: the row stays, marked with who voided it, when and why, and stops counting
 * in every figure (and so appears in a published report's "changed since publication").
 */
export async function voidActivity(
  ctx: ActorCtx,
  activityId: string,
  input: z.output<typeof activityVoid>,
): Promise<void> {
  const { activity, kind } = await findCorrectable(ctx, activityId, input.version, [
    'case',
    'session',
    'event',
    'centre',
  ]);
  await recordVoid(
    ctx,
    { entity: 'activity', id: activity.id, reason: input.reason },
    () =>
      ctx.tx
        .update(activities)
        .set(voided(ctx, activity, input.reason))
        .where(eq(activities.id, activity.id)),
    {
      action: 'activity.void',
      entityType: 'activity',
      entityId: activity.id,
      details: { kind, caseId: activity.caseId ?? undefined, groupId: activity.groupId ?? undefined },
    },
  );
}
