import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { type Attendance, minutesBetween } from '../../shared/activities';
import type { caseActivityInput } from '../../shared/contracts/activities';
import { formatDate } from '../../shared/i18n';
import { type CaseRow, findCase } from '../cases/policy';
import { familyMembers } from '../families/tables';
import { users } from '../users/tables';
import { checkAttribution, loggedAlready, writeAttribution } from './common-checks';
import { activities, activityParticipants } from './tables';

export type Input = z.output<typeof caseActivityInput>;

/**
 * Logs what was done with a family on its case: a consultation, a home visit. By
 * default the family attended and the caller delivered it; notes of psychologists and
 * lawyers are confidential unless they say otherwise. All checks before any write.
 */
export async function logCaseActivity(
  ctx: ActorCtx,
  caseId: string,
  input: Input,
): Promise<{ activityId: string; notCounted: string[] }> {
  const row = await findCase(ctx, caseId, 'write');
  const org = ctx.actor.organisationId;
  const { duration, participants, projectIds, staffIds } = await checkCaseActivity(ctx, row, input);
  // The same type on the same day (and start time) for this case: most likely logged twice.
  const twice = and(
    eq(activities.caseId, caseId),
    eq(activities.typeId, input.typeId),
    eq(activities.occursOn, input.occursOn),
    input.startsAt ? eq(activities.startsAt, input.startsAt) : isNull(activities.startsAt),
  )!;
  if (!input.confirmDuplicate && (await loggedAlready(ctx, twice)))
    throw new AppError('DUPLICATE_ACTIVITY', { params: { date: formatDate(input.occursOn) } });

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
  await writeAttribution(ctx, id, projectIds, staffIds);
  await writeParticipants(ctx, id, participants);
  await recordAudit(ctx, {
    action: 'activity.create',
    entityType: 'activity',
    entityId: id,
    details: { caseId, typeId: input.typeId },
  });
  return { activityId: id, notCounted: await notYetMembers(ctx, row.familyId, input.occursOn, participants) };
}

/**
 * The participants who will not count because the activity is dated before they joined the family (a
 * warning after saving: the user corrects the date or the membership). Names only, of the case's family.
 */
export async function notYetMembers(
  ctx: ActorCtx,
  familyId: string,
  on: string,
  participants: { familyId?: string; personId?: string }[],
): Promise<string[]> {
  const wholeFamily = participants.some((p) => p.familyId && !p.personId);
  const named = participants.flatMap((p) => (p.personId ? [p.personId] : []));
  if (!wholeFamily && named.length === 0) return [];
  const rows = await queryRows<{ name: string }>(
    ctx.tx,
    sql`select distinct pe.given_name || ' ' || pe.family_name as name, pe.sort_key
        from family_members fm join persons pe on pe.id = fm.person_id
        where fm.family_id = ${familyId} and fm.joined_on > ${on}::date and pe.merged_into is null
          and ${
            wholeFamily
              ? sql`true`
              : sql`fm.person_id in (${sql.join(
                  named.map((id) => sql`${id}`),
                  sql`, `,
                )})`
          }
          and not exists (select 1 from family_members f2 where f2.family_id = fm.family_id
            and f2.person_id = fm.person_id and f2.joined_on <= ${on}::date
            and (f2.left_on is null or f2.left_on >= ${on}::date))
        order by pe.sort_key`,
  );
  return rows.map((r) => r.name);
}

/**
 * The checks of an activity on a case, for logging and correcting it alike: type, programme, projects
 * and staff of the centre, times or a duration, a follow-up not before it, participants of the case's
 * family. Throws every problem at once.
 */
export async function checkCaseActivity(ctx: ActorCtx, row: CaseRow, input: Input) {
  const { problems, projectIds, staffIds } = await checkAttribution(ctx, row.centreId, input);
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
  return { duration: duration!, participants, projectIds, staffIds };
}

/** The participants of an activity on a case: the family as a whole, or members by name. */
export async function writeParticipants(
  ctx: ActorCtx,
  activityId: string,
  participants: { familyId?: string; personId?: string; attendance: Attendance }[],
): Promise<void> {
  for (const p of participants) {
    await ctx.tx.insert(activityParticipants).values({
      id: newId(ctx.now.getTime()),
      organisationId: ctx.actor.organisationId,
      activityId,
      familyId: p.familyId && !p.personId ? p.familyId : null,
      personId: p.personId ?? null,
      attendance: p.attendance,
    });
  }
}
