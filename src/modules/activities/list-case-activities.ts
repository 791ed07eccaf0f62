import { desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { voidedByName, voidMarkOf } from '../../platform/corrections';
import { can } from '../../shared/access';
import type { ActivityView } from '../../shared/contracts/activities';
import { findCase } from '../cases/policy';
import { families, persons } from '../families/tables';
import { users } from '../users/tables';
import { activities, activityParticipants, activityProjects, activityStaff, activityTypes } from './tables';

/**
 * The activities logged on a case, newest first (an audited read). Confidential notes
 * are shown only to their author and the managers of the case's centre.
 */
export async function listCaseActivities(ctx: ActorCtx, caseId: string): Promise<ActivityView[]> {
  const row = await findCase(ctx, caseId);
  await recordAudit(ctx, { action: 'case.read_activities', entityType: 'case', entityId: caseId });
  const rows = await ctx.tx
    .select({
      activity: activities,
      type: activityTypes,
      voidedByName: voidedByName(activities.voidedBy),
    })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .where(eq(activities.caseId, caseId))
    .orderBy(desc(activities.occursOn), desc(activities.createdAt));
  const ids = rows.map((r) => r.activity.id);
  if (ids.length === 0) return [];
  const staff = await ctx.tx
    .select({
      activityId: activityStaff.activityId,
      userId: activityStaff.userId,
      specialty: activityStaff.specialty,
      name: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
    })
    .from(activityStaff)
    .innerJoin(users, eq(users.id, activityStaff.userId))
    .where(inArray(activityStaff.activityId, ids));
  const participants = await ctx.tx
    .select({
      activityId: activityParticipants.activityId,
      familyId: activityParticipants.familyId,
      personId: activityParticipants.personId,
      attendance: activityParticipants.attendance,
      name: sql<string>`coalesce(${families.name}, ${persons.givenName} || ' ' || ${persons.familyName})`,
    })
    .from(activityParticipants)
    .leftJoin(families, eq(families.id, activityParticipants.familyId))
    .leftJoin(persons, eq(persons.id, activityParticipants.personId))
    .where(inArray(activityParticipants.activityId, ids));
  const projectLinks = await ctx.tx
    .select()
    .from(activityProjects)
    .where(inArray(activityProjects.activityId, ids));
  const supervises = can(ctx.actor, 'cases.supervise', row.centreId);

  return rows.map(({ activity: a, type, voidedByName: byName }) => {
    const mayReadNotes = !a.notesConfidential || a.notesAuthorId === ctx.actor.userId || supervises;
    return {
      id: a.id,
      typeId: type.id,
      typeCode: type.code,
      typeNameLv: type.nameLv,
      typeNameEn: type.nameEn,
      occursOn: a.occursOn,
      startsAt: a.startsAt ? a.startsAt.slice(0, 5) : null,
      durationMinutes: a.durationMinutes,
      place: a.place,
      status: a.status,
      notes: mayReadNotes ? a.notes : null,
      notesConfidential: a.notesConfidential,
      followUpOn: a.followUpOn,
      programmeId: a.programmeId,
      projectIds: projectLinks.filter((l) => l.activityId === a.id).map((l) => l.projectId),
      staff: staff.filter((s) => s.activityId === a.id).map(({ activityId: _, ...s }) => s),
      participants: participants.filter((p) => p.activityId === a.id).map(({ activityId: _, ...p }) => p),
      version: a.version,
      voided: voidMarkOf(a, byName),
    };
  });
}
