import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { invalid } from '../../platform/errors';
import { requireVersion } from '../../platform/versions';
import type { activityCorrection, activityVoid } from '../../shared/contracts/activities';
import { recordFieldChanges } from '../families/history';
import { writeAttribution } from './common-checks';
import { checkCaseActivity, writeParticipants } from './log-case-activity';
import { findCaseActivity, mayReadNotes } from './policy';
import { activities, activityParticipants, activityProjects, activityStaff } from './tables';

type ActivityRow = typeof activities.$inferSelect;
const dayMs = 24 * 60 * 60 * 1000;

/**
 * A reason is required to change a record older than the configured number of days, or one counted in
 * a published report (a snapshot of a project it is attributed to, whose period covers its date).
 */
async function requireReason(ctx: ActorCtx, activity: ActivityRow, reason: string): Promise<void> {
  if (reason) return;
  const days = ctx.correctionReasonDays ?? 7;
  const old = ctx.now.getTime() - activity.createdAt.getTime() > days * dayMs;
  const [published] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from report_snapshots s
      join activity_projects ap on ap.project_id = s.project_id and ap.activity_id = ${activity.id}
      join projects p on p.id = s.project_id
      where ${activity.occursOn}::date between coalesce((s.parameters->'period'->>'from')::date, p.starts_on)
        and coalesce((s.parameters->'period'->>'to')::date, p.ends_on)`,
  );
  if (old || (published?.n ?? 0) > 0)
    throw invalid({ field: 'reason', key: 'validation.reasonRequired', params: { days } });
}

/** The fields of an activity as its history shows them. */
function historyFields(a: ActivityRow) {
  return {
    typeId: a.typeId,
    occursOn: a.occursOn,
    startsAt: a.startsAt ? a.startsAt.slice(0, 5) : null,
    durationMinutes: a.durationMinutes,
    place: a.place,
    status: a.status,
    notes: a.notes,
    notesConfidential: a.notesConfidential,
    followUpOn: a.followUpOn,
    programmeId: a.programmeId,
  };
}

/** An activity the caller may change, not voided, at the version the caller read (409 otherwise). */
async function findCorrectable(ctx: ActorCtx, activityId: string, version: number) {
  const found = await findCaseActivity(ctx, activityId, 'write');
  const { activity } = found;
  if (activity.voidedAt) throw invalid({ field: 'version', key: 'validation.voided' });
  await requireVersion(ctx, { ...activity, updatedBy: activity.updatedBy ?? activity.createdBy }, version);
  return found;
}

/**
 * Corrects an activity on a case: the whole form again (a planned one becomes held or cancelled, a wrong
 * date, duration, type, place, programme, projects, staff or participants are put right), by those who
 * may log one on that case. Confidential notes the caller may not read are kept as they are. Every changed
 * field goes to the change history; the audit entry names the fields and the reason.
 */
export async function correctCaseActivity(
  ctx: ActorCtx,
  activityId: string,
  input: z.output<typeof activityCorrection>,
): Promise<void> {
  const { activity, case: row } = await findCorrectable(ctx, activityId, input.version);
  const { duration, participants, projectIds, staffIds } = await checkCaseActivity(ctx, row, input);
  await requireReason(ctx, activity, input.reason);

  const readable = mayReadNotes(ctx, activity);
  const notes = readable ? input.notes : activity.notes;
  const after = {
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
  };
  const changed = await recordFieldChanges(ctx, 'activity', activity.id, historyFields(activity), after);
  await ctx.tx
    .update(activities)
    .set({
      ...after,
      notesAuthorId: notes !== activity.notes ? ctx.actor.userId : activity.notesAuthorId,
      version: activity.version + 1,
      updatedBy: ctx.actor.userId,
      updatedAt: ctx.now,
    })
    .where(and(eq(activities.id, activity.id), eq(activities.version, input.version)));
  // Attribution and participants are written again as a whole.
  await ctx.tx.delete(activityProjects).where(eq(activityProjects.activityId, activity.id));
  await ctx.tx.delete(activityStaff).where(eq(activityStaff.activityId, activity.id));
  await writeAttribution(ctx, activity.id, projectIds, staffIds);
  await ctx.tx.delete(activityParticipants).where(eq(activityParticipants.activityId, activity.id));
  await writeParticipants(ctx, activity.id, participants);
  await recordAudit(ctx, {
    action: 'activity.correct',
    entityType: 'activity',
    entityId: activity.id,
    reason: input.reason || undefined,
    details: { caseId: row.id, fields: changed, version: activity.version + 1 },
  });
}

/**
 * Voids an activity on a case: the row stays, marked with who voided it, when and why, and stops counting
 * in every figure (and so appears in a published report's "changed since publication").
 */
export async function voidCaseActivity(
  ctx: ActorCtx,
  activityId: string,
  input: z.output<typeof activityVoid>,
): Promise<void> {
  const { activity, case: row } = await findCorrectable(ctx, activityId, input.version);
  await ctx.tx
    .update(activities)
    .set({
      voidedAt: ctx.now,
      voidedBy: ctx.actor.userId,
      voidReason: input.reason,
      version: activity.version + 1,
      updatedBy: ctx.actor.userId,
      updatedAt: ctx.now,
    })
    .where(eq(activities.id, activity.id));
  await recordFieldChanges<{ voided: string | null }>(
    ctx,
    'activity',
    activity.id,
    { voided: null },
    { voided: input.reason },
  );
  await recordAudit(ctx, {
    action: 'activity.void',
    entityType: 'activity',
    entityId: activity.id,
    reason: input.reason,
    details: { caseId: row.id },
  });
}
