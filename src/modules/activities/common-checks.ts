import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { ActorCtx } from '../../platform/context';
import type { FieldProblem } from '../../platform/errors';
import { worksAtCentre } from '../cases/policy';
import { programmes } from '../programmes/tables';
import { projects } from '../projects/tables';
import { users } from '../users/tables';
import { activities, activityProjects, activityStaff, activityTypes } from './tables';

export interface Attribution {
  typeId: string;
  programmeId: string | null;
  projectIds: string[];
  staffIds: string[];
}

/**
 * The checks every activity shares: an active type of the catalogue, a programme and
 * projects of the organisation, staff who work at the centre (the caller when none).
 * Returns the problems found and the resolved lists.
 */
export async function checkAttribution(ctx: ActorCtx, centreId: string, input: Attribution) {
  const org = ctx.actor.organisationId;
  const problems: FieldProblem[] = [];
  const [type] = await ctx.tx
    .select()
    .from(activityTypes)
    .where(
      and(
        eq(activityTypes.id, input.typeId),
        eq(activityTypes.active, true),
        or(isNull(activityTypes.organisationId), eq(activityTypes.organisationId, org)),
      ),
    );
  if (!type) problems.push({ field: 'typeId', key: 'validation.unknownActivityType' });
  if (input.programmeId) {
    const [programme] = await ctx.tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(and(eq(programmes.id, input.programmeId), eq(programmes.organisationId, org)));
    if (!programme) problems.push({ field: 'programmeId', key: 'validation.unknownProgramme' });
  }
  const projectIds = [...new Set(input.projectIds)];
  if (projectIds.length > 0) {
    const found = await ctx.tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(inArray(projects.id, projectIds), eq(projects.organisationId, org)));
    projectIds.forEach((id, index) => {
      if (!found.some((f) => f.id === id))
        problems.push({ field: `projectIds.${index}`, key: 'validation.unknownProject' });
    });
  }
  const staffIds = input.staffIds.length > 0 ? [...new Set(input.staffIds)] : [ctx.actor.userId];
  for (const [index, userId] of staffIds.entries()) {
    if (!(await worksAtCentre(ctx, userId, centreId)))
      problems.push({ field: `staffIds.${index}`, key: 'validation.keyWorker' });
  }
  return { problems, type, projectIds, staffIds };
}

/** Writes the project links and the staff (with their specialty at the time) of a new activity. */
export async function writeAttribution(
  ctx: ActorCtx,
  activityId: string,
  projectIds: string[],
  staffIds: string[],
) {
  for (const projectId of projectIds) await ctx.tx.insert(activityProjects).values({ activityId, projectId });
  const staff = await ctx.tx
    .select({ id: users.id, specialty: users.specialty })
    .from(users)
    .where(inArray(users.id, staffIds));
  for (const member of staff)
    await ctx.tx.insert(activityStaff).values({ activityId, userId: member.id, specialty: member.specialty });
}

/** Whether an activity matching `condition` is already logged (voided ones aside): a likely double entry. */
export async function loggedAlready(ctx: ActorCtx, condition: SQL): Promise<boolean> {
  const [same] = await ctx.tx
    .select({ id: activities.id })
    .from(activities)
    .where(and(condition, isNull(activities.voidedAt)))
    .limit(1);
  return same !== undefined;
}

/** The projects and staff of the given activities, for forms that correct them. */
export async function attributionOf(ctx: ActorCtx, activityIds: string[]) {
  if (activityIds.length === 0) return { projectIdsOf: () => [], staffIdsOf: () => [] };
  const projectLinks = await ctx.tx
    .select()
    .from(activityProjects)
    .where(inArray(activityProjects.activityId, activityIds));
  const staffLinks = await ctx.tx
    .select({ activityId: activityStaff.activityId, userId: activityStaff.userId })
    .from(activityStaff)
    .where(inArray(activityStaff.activityId, activityIds));
  return {
    projectIdsOf: (id: string) => projectLinks.filter((l) => l.activityId === id).map((l) => l.projectId),
    staffIdsOf: (id: string) => staffLinks.filter((l) => l.activityId === id).map((l) => l.userId),
  };
}
