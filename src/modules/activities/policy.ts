import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid, notFound } from '../../platform/errors';
import { can } from '../../shared/access';
import { type CaseNeed, findCase } from '../cases/policy';
import { grantsOfUser } from '../users/queries';
import { activities, activityTypes, supportGroups } from './tables';

/*
 * Who may see and run groups and events (centre activities with families). Their rosters follow the
 * families' policy (src/modules/families/policy.ts): a member of a restricted case the caller does not
 * work on is named only "a participant". Case activities follow the case (src/modules/cases/policy.ts).
 */

export type GroupRow = typeof supportGroups.$inferSelect;

/**
 * A group is seen by its facilitators and by staff of its centre who work on cases
 * (they add members); anyone else gets 404. Facilitators see members' names and
 * attendance only, never case files.
 */
export async function findGroup(
  ctx: ActorCtx,
  groupId: string,
): Promise<GroupRow & { facilitates: boolean }> {
  const [row] = await ctx.tx
    .select({
      group: supportGroups,
      facilitates:
        sql<boolean>`exists (select 1 from group_facilitators f where f.group_id = support_groups.id and f.user_id = ${ctx.actor.userId})`.mapWith(
          Boolean,
        ),
    })
    .from(supportGroups)
    .where(and(eq(supportGroups.id, groupId), eq(supportGroups.organisationId, ctx.actor.organisationId)));
  if (!row) throw notFound();
  if (!row.facilitates && !can(ctx.actor, 'cases.read', row.group.centreId)) throw notFound();
  return { ...row.group, facilitates: row.facilitates };
}

export async function canFacilitate(ctx: ActorCtx, userId: string, centreId: string): Promise<boolean> {
  // Loaded once: a facilitator runs groups there, or works on cases there.
  const roles = await grantsOfUser(ctx.tx, ctx.actor, userId);
  return can({ roles }, 'groups.run', centreId) || can({ roles }, 'cases.read', centreId);
}

/** An event of the caller's centres, with its type; 404 outside them or when it is not an event. */
export async function findEvent(ctx: ActorCtx, eventId: string, need: 'read' | 'change' = 'read') {
  const query = ctx.tx
    .select({ activity: activities, type: activityTypes })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .where(
      and(
        eq(activities.id, eventId),
        eq(activities.organisationId, ctx.actor.organisationId),
        eq(activityTypes.kind, 'event'),
        isNull(activities.caseId),
      ),
    );
  // To be changed (families added, places counted), the event is locked until the transaction ends: two
  // families added at once to its last places are counted one after the other, never both.
  const [row] = need === 'read' ? await query : await query.for('update', { of: activities });
  if (!row || !can(ctx.actor, 'cases.read', row.activity.centreId)) throw notFound();
  // A voided event takes no more families or attendance.
  if (need === 'change' && row.activity.voidedAt)
    throw invalid({ field: 'version', key: 'validation.voided' });
  return row;
}

/**
 * An activity logged on a case, through its case's policy: 404 unless the caller may open the case (and,
 * to change it, write there). Group sessions and events are not case activities: 404 here.
 */
export async function findCaseActivity(ctx: ActorCtx, activityId: string, need: CaseNeed) {
  const query = ctx.tx
    .select()
    .from(activities)
    .where(and(eq(activities.id, activityId), eq(activities.organisationId, ctx.actor.organisationId)));
  // To be changed, the row is locked until the transaction ends (see findCase).
  const [activity] = need === 'read' ? await query : await query.for('update');
  if (!activity?.caseId) throw notFound();
  const row = await findCase(ctx, activity.caseId, need);
  return { activity, case: row };
}

/** Whether the caller may read (and so change) an activity's notes: not confidential, or hers, or her centre's. */
export function mayReadNotes(ctx: ActorCtx, activity: typeof activities.$inferSelect): boolean {
  return (
    !activity.notesConfidential ||
    activity.notesAuthorId === ctx.actor.userId ||
    can(ctx.actor, 'cases.supervise', activity.centreId)
  );
}

export type ActivityRow = typeof activities.$inferSelect;
export type ActivityKindToChange = 'case' | 'session' | 'event' | 'centre';

/**
 * An activity of any kind, to be corrected or voided under the rules that let the caller log it: on a case,
 * the case's team (findCase 'write'); a group session, its facilitators and the centre's managers; an event,
 * a training or another centre activity, those who work on cases at its centre. 404 where the caller cannot
 * see it, 403 where she sees it but may not change it. The row is locked until the transaction ends.
 */
export async function findActivityToChange(
  ctx: ActorCtx,
  activityId: string,
): Promise<{
  activity: ActivityRow;
  kind: ActivityKindToChange;
  case?: Awaited<ReturnType<typeof findCase>>;
}> {
  const [activity] = await ctx.tx
    .select()
    .from(activities)
    .where(and(eq(activities.id, activityId), eq(activities.organisationId, ctx.actor.organisationId)))
    .for('update');
  if (!activity) throw notFound();
  if (activity.caseId) {
    return { activity, kind: 'case', case: await findCase(ctx, activity.caseId, 'write') };
  }
  if (activity.groupId) {
    const group = await findGroup(ctx, activity.groupId);
    if (!group.facilitates && !can(ctx.actor, 'cases.supervise', group.centreId))
      throw new AppError('FORBIDDEN');
    return { activity, kind: 'session' };
  }
  if (!can(ctx.actor, 'cases.read', activity.centreId)) throw notFound();
  if (!can(ctx.actor, 'cases.write', activity.centreId)) throw new AppError('FORBIDDEN');
  const [type] = await ctx.tx
    .select({ kind: activityTypes.kind })
    .from(activityTypes)
    .where(eq(activityTypes.id, activity.typeId));
  return { activity, kind: type?.kind === 'event' ? 'event' : 'centre' };
}
