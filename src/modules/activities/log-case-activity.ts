import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../server/audit';
import type { ActorCtx } from '../../server/context';
import { AppError, type FieldProblem } from '../../server/errors';
import { newId } from '../../server/ids';
import { can } from '../../shared/access';
import { minutesBetween } from '../../shared/activities';
import type { caseActivityInput } from '../../shared/contracts/activities';
import { worksAtCentre } from '../cases/open-case';
import { findOpenableCase } from '../cases/scope';
import { familyMembers } from '../families/tables';
import { programmes } from '../programmes/tables';
import { projects } from '../projects/tables';
import { users } from '../users/tables';
import { activities, activityParticipants, activityProjects, activityStaff, activityTypes } from './tables';

type Input = z.output<typeof caseActivityInput>;

/**
 * Logs what was done with a family on its case: a consultation, a home visit. By
 * default the family attended and the caller delivered it; notes of psychologists and
 * lawyers are confidential unless they say otherwise. All checks before any write.
 */
export async function logCaseActivity(ctx: ActorCtx, caseId: string, input: Input): Promise<string> {
  const row = await findOpenableCase(ctx.tx, ctx.actor, caseId);
  if (!can(ctx.actor, 'cases.write', row.centreId)) throw new AppError('FORBIDDEN');
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

  let duration = input.durationMinutes;
  if (input.endsAt) {
    if (!input.startsAt) problems.push({ field: 'startsAt', key: 'validation.required' });
    else {
      const minutes = minutesBetween(input.startsAt, input.endsAt);
      if (minutes <= 0) problems.push({ field: 'endsAt', key: 'validation.endsBeforeStarts' });
      else duration = minutes;
    }
  }
  if (duration === null && !problems.some((p) => p.field === 'endsAt' || p.field === 'startsAt')) {
    problems.push({ field: 'durationMinutes', key: 'validation.required' });
  }
  if (input.followUpOn && input.followUpOn < input.occursOn) {
    problems.push({ field: 'followUpOn', key: 'validation.followUpBefore' });
  }
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
    if (!(await worksAtCentre(ctx, userId, row.centreId)))
      problems.push({ field: `staffIds.${index}`, key: 'validation.keyWorker' });
  }

  // Participants: the case's family, or its members; anyone else is not a participant of this case.
  const members = await ctx.tx
    .select({ personId: familyMembers.personId })
    .from(familyMembers)
    .where(eq(familyMembers.familyId, row.familyId));
  const participants =
    input.participants.length > 0
      ? input.participants
      : [{ familyId: row.familyId, attendance: 'present' as const }];
  participants.forEach((p, index) => {
    const ok = p.familyId
      ? p.familyId === row.familyId && !p.personId
      : !!p.personId && members.some((m) => m.personId === p.personId);
    if (!ok) problems.push({ field: `participants.${index}`, key: 'validation.notParticipant' });
  });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });

  const [author] = await ctx.tx
    .select({ specialty: users.specialty })
    .from(users)
    .where(eq(users.id, ctx.actor.userId));
  const confidential =
    input.notesConfidential ?? (author?.specialty === 'psychologist' || author?.specialty === 'lawyer');
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(activities).values({
    id,
    organisationId: org,
    typeId: input.typeId,
    centreId: row.centreId,
    programmeId: input.programmeId,
    caseId,
    occursOn: input.occursOn,
    startsAt: input.startsAt,
    durationMinutes: duration!,
    place: input.place,
    status: input.status,
    notes: input.notes,
    notesConfidential: confidential,
    notesAuthorId: input.notes ? ctx.actor.userId : null,
    followUpOn: input.followUpOn,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  for (const projectId of projectIds)
    await ctx.tx.insert(activityProjects).values({ activityId: id, projectId });
  const staff = await ctx.tx
    .select({ id: users.id, specialty: users.specialty })
    .from(users)
    .where(inArray(users.id, staffIds));
  for (const member of staff)
    await ctx.tx
      .insert(activityStaff)
      .values({ activityId: id, userId: member.id, specialty: member.specialty });
  for (const p of participants) {
    await ctx.tx.insert(activityParticipants).values({
      id: newId(ctx.now.getTime()),
      organisationId: org,
      activityId: id,
      familyId: p.familyId && !p.personId ? p.familyId : null,
      personId: p.personId ?? null,
      attendance: p.attendance,
    });
  }
  await recordAudit(ctx, {
    action: 'activity.create',
    entityType: 'activity',
    entityId: id,
    details: { caseId, typeId: input.typeId },
  });
  return id;
}
