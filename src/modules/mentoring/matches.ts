import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { corrected, recordVoid, voided, voidMarkOf } from '../../platform/corrections';
import { AppError, type FieldProblem, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { requireVersion } from '../../platform/versions';
import type { voidInput } from '../../shared/contracts/common';
import type {
  MatchEndKind,
  MatchView,
  matchClose,
  matchEdit,
  matchInput,
  matchPause,
  menteeCandidate,
} from '../../shared/contracts/mentoring';
import { addDays, monthsEndingFrom } from '../../shared/dates';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { foldForSearch } from '../../shared/names';
import { notify } from '../notices/notices';
import { volunteerChecks, volunteers } from '../volunteers/tables';
import { readinessOf } from '../volunteers/volunteers';
import { findMatch, type MatchRow, matchVisible, menteeCaseVisible } from './policy';
import { mentoringMatches, mentoringMeetings } from './tables';

/** A mentee is a young person: under this age on the day the match starts (mentoring of children and youth). */
const menteeAgeLimit = 26;

/** Age in whole years on `on`, from the birth date or, failing it, the birth year (null: unknown). */
const ageOn = (on: SQL) =>
  sql<number | null>`case when p.birth_date is not null then extract(year from age(${on}, p.birth_date))::int
    when p.birth_year is not null then extract(year from ${on})::int - p.birth_year end`;

/**
 * Young people the caller may match, by name or case number: present members of the families of open,
 * unrestricted cases at the centres where they coordinate mentoring. The essentials only; the search is
 * audited (it discloses who is a client).
 */
export async function menteeCandidates(ctx: ActorCtx, q: string): Promise<z.infer<typeof menteeCandidate>[]> {
  const folded = foldForSearch(q);
  const today = toIsoDate(ctx.now);
  const rows = await queryRows<z.infer<typeof menteeCandidate>>(
    ctx.tx,
    sql`select p.id as "personId", c.id as "caseId", c.number as "caseNumber", p.given_name as "givenName",
          p.family_name as "familyName", ${ageOn(sql`${today}::date`)} as age
        from cases c
        join family_members fm on fm.family_id = c.family_id and fm.left_on is null
        join persons p on p.id = fm.person_id and p.merged_into is null and p.erased_at is null
        where ${menteeCaseVisible(ctx.actor)}
          and coalesce(${ageOn(sql`${today}::date`)}, 0) < ${menteeAgeLimit}
          and (${folded} = '' or p.search_name like '%' || ${folded} || '%' or c.number = ${q.trim()})
        order by p.sort_key, c.number
        limit 20`,
  );
  await recordAudit(ctx, { action: 'mentoring.search_mentees', entityType: 'case', entityId: null });
  return rows;
}

/** The mentee's case, if the caller may match in it and the person is a present member aged under 26. */
async function checkMentee(ctx: ActorCtx, caseId: string, menteeId: string, on: string) {
  const [found] = await queryRows<{ centreId: string; age: number | null }>(
    ctx.tx,
    sql`select c.centre_id as "centreId", ${ageOn(sql`${on}::date`)} as age
        from cases c
        join family_members fm on fm.family_id = c.family_id and fm.left_on is null
        join persons p on p.id = fm.person_id and p.merged_into is null and p.erased_at is null
        where c.id = ${caseId} and p.id = ${menteeId} and ${menteeCaseVisible(ctx.actor)}`,
  );
  if (!found) throw invalid({ field: 'menteeId', key: 'validation.notMentee' });
  if (found.age !== null && found.age >= menteeAgeLimit)
    throw invalid({ field: 'menteeId', key: 'validation.menteeAge', params: { age: menteeAgeLimit } });
  return found;
}

/** The volunteer (of the organisation, not left), and problems if they may not mentor a child on `on`. */
async function checkMentor(ctx: ActorCtx, volunteerId: string, on: string): Promise<FieldProblem[]> {
  const [volunteer] = await ctx.tx
    .select()
    .from(volunteers)
    .where(and(eq(volunteers.id, volunteerId), eq(volunteers.organisationId, ctx.actor.organisationId)));
  if (!volunteer || volunteer.status === 'left')
    return [{ field: 'volunteerId', key: 'validation.unknownVolunteer' }];
  if (volunteer.status === 'paused') return [{ field: 'volunteerId', key: 'validation.volunteerPaused' }];
  const checks = await ctx.tx
    .select()
    .from(volunteerChecks)
    .where(eq(volunteerChecks.volunteerId, volunteerId));
  const readiness = readinessOf(checks, on);
  return readiness.ready
    ? []
    : [{ field: 'volunteerId', key: 'validation.volunteerNotReady', params: { date: formatDate(on) } }];
}

/** A programme and a project, when given, of the caller's organisation. */
async function checkAttribution(ctx: ActorCtx, programmeId: string | null, projectId: string | null) {
  const problems: FieldProblem[] = [];
  const org = ctx.actor.organisationId;
  const [found] = await queryRows<{ programme: boolean; project: boolean }>(
    ctx.tx,
    sql`select exists (select 1 from programmes where id = ${programmeId} and organisation_id = ${org}) as programme,
          exists (select 1 from projects where id = ${projectId} and organisation_id = ${org}) as project`,
  );
  if (programmeId && !found?.programme)
    problems.push({ field: 'programmeId', key: 'validation.unknownProgramme' });
  if (projectId && !found?.project) problems.push({ field: 'projectId', key: 'validation.unknownProject' });
  return problems;
}

function failOn(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
}

/**
 * Proposes a match: a mentor who may mentor a child (their criminal-record certificate and interview in
 * force), a young person of a case at the caller's centre, a planned start and length, and goals.
 */
export async function proposeMatch(ctx: ActorCtx, input: z.output<typeof matchInput>): Promise<string> {
  const mentee = await checkMentee(ctx, input.caseId, input.menteeId, input.startsOn);
  failOn([
    ...(await checkMentor(ctx, input.volunteerId, input.startsOn)),
    ...(await checkAttribution(ctx, input.programmeId, input.projectId)),
  ]);
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(mentoringMatches).values({
    id,
    organisationId: ctx.actor.organisationId,
    centreId: mentee.centreId,
    caseId: input.caseId,
    menteeId: input.menteeId,
    volunteerId: input.volunteerId,
    programmeId: input.programmeId,
    projectId: input.projectId,
    status: 'proposed',
    startsOn: input.startsOn,
    plannedMonths: input.plannedMonths,
    goals: input.goals,
    needs: input.needs,
    consentBy: input.consentBy,
    consentOn: input.consentOn,
    outcomeNote: '',
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'mentoring.propose',
    entityType: 'mentoring_match',
    entityId: id,
    details: { caseId: input.caseId },
  });
  return id;
}

async function findChangeable(ctx: ActorCtx, id: string, version: number): Promise<MatchRow> {
  const row = await findMatch(ctx, id, true);
  if (row.voidedAt) throw invalid({ field: 'version', key: 'validation.voided' });
  await requireVersion(ctx, { ...row, updatedAt: row.updatedAt ?? row.createdAt }, version);
  return row;
}

/**
 * Edits a match at the version it was read. Once it has started, its mentor and start are what happened
 * and stay (a wrong one is corrected by closing it and proposing another); the rest may change.
 */
export async function editMatch(ctx: ActorCtx, id: string, input: z.output<typeof matchEdit>): Promise<void> {
  const row = await findChangeable(ctx, id, input.version);
  if (row.status === 'closed') throw invalid({ field: 'version', key: 'validation.matchClosed' });
  const problems = await checkAttribution(ctx, input.programmeId, input.projectId);
  if (row.status !== 'proposed') {
    if (input.volunteerId !== row.volunteerId)
      problems.push({ field: 'volunteerId', key: 'validation.matchStarted' });
    if (input.startsOn !== row.startsOn) problems.push({ field: 'startsOn', key: 'validation.matchStarted' });
    if (!input.consentBy || !input.consentOn)
      problems.push({ field: 'consentBy', key: 'validation.consentRequired' });
  } else if (input.volunteerId !== row.volunteerId || input.startsOn !== row.startsOn) {
    problems.push(...(await checkMentor(ctx, input.volunteerId, input.startsOn)));
  }
  failOn(problems);
  const { version: _read, ...details } = input;
  await ctx.tx
    .update(mentoringMatches)
    .set({ ...details, ...corrected(ctx, row) })
    .where(eq(mentoringMatches.id, id));
  await recordAudit(ctx, { action: 'mentoring.update', entityType: 'mentoring_match', entityId: id });
}

/**
 * Starts a proposed match on its planned start: the consent recorded, the mentor's checks in force on that
 * day; the case's key worker gets a notice (and the match keeps the day they were told). A volunteer who
 * starts mentoring is active.
 */
export async function startMatch(ctx: ActorCtx, id: string, version: number): Promise<void> {
  const row = await findChangeable(ctx, id, version);
  if (row.status !== 'proposed') throw invalid({ field: 'version', key: 'validation.matchNotProposed' });
  const problems: FieldProblem[] = [];
  if (!row.consentBy || !row.consentOn)
    problems.push({ field: 'consentBy', key: 'validation.consentRequired' });
  if (row.startsOn > toIsoDate(ctx.now)) problems.push({ field: 'startsOn', key: 'validation.dateFuture' });
  problems.push(...(await checkMentor(ctx, row.volunteerId, row.startsOn)));
  failOn(problems);
  const today = toIsoDate(ctx.now);
  await ctx.tx
    .update(mentoringMatches)
    .set({ status: 'active', startedOn: row.startsOn, keyWorkerInformedOn: today, ...corrected(ctx, row) })
    .where(eq(mentoringMatches.id, id));
  await ctx.tx
    .update(volunteers)
    .set({ status: 'active', active: true, updatedAt: ctx.now })
    .where(
      and(
        eq(volunteers.id, row.volunteerId),
        sql`${volunteers.status} in ('applicant', 'screened', 'trained')`,
      ),
    );
  const [keyWorker] = await queryRows<{ id: string; mentor: string }>(
    ctx.tx,
    sql`select c.key_worker_id as id, v.given_name || ' ' || v.family_name as mentor
        from cases c, volunteers v where c.id = ${row.caseId} and v.id = ${row.volunteerId}`,
  );
  await notify(ctx, row.organisationId, {
    kind: 'mentoring_started',
    to: { userId: keyWorker!.id },
    details: { caseId: row.caseId, mentorName: keyWorker!.mentor, startsOn: row.startsOn },
  });
  await recordAudit(ctx, { action: 'mentoring.start', entityType: 'mentoring_match', entityId: id });
}

/** Pauses an active match (the mentor is away, the family asked), with the reason. */
export async function pauseMatch(
  ctx: ActorCtx,
  id: string,
  input: z.output<typeof matchPause>,
): Promise<void> {
  const row = await findChangeable(ctx, id, input.version);
  if (row.status !== 'active') throw invalid({ field: 'version', key: 'validation.matchNotActive' });
  await ctx.tx
    .update(mentoringMatches)
    .set({ status: 'paused', ...corrected(ctx, row) })
    .where(eq(mentoringMatches.id, id));
  await recordAudit(ctx, {
    action: 'mentoring.pause',
    entityType: 'mentoring_match',
    entityId: id,
    reason: input.reason,
  });
}

/** Resumes a paused match; the mentor's checks must still be in force. */
export async function resumeMatch(ctx: ActorCtx, id: string, version: number): Promise<void> {
  const row = await findChangeable(ctx, id, version);
  if (row.status !== 'paused') throw invalid({ field: 'version', key: 'validation.matchNotPaused' });
  failOn(await checkMentor(ctx, row.volunteerId, toIsoDate(ctx.now)));
  await ctx.tx
    .update(mentoringMatches)
    .set({ status: 'active', ...corrected(ctx, row) })
    .where(eq(mentoringMatches.id, id));
  await recordAudit(ctx, { action: 'mentoring.resume', entityType: 'mentoring_match', entityId: id });
}

/** The last day of a match's planned length. */
export const plannedEndOf = (row: { startedOn: string | null; startsOn: string; plannedMonths: number }) =>
  monthsEndingFrom(row.startedOn ?? row.startsOn, row.plannedMonths);

/** The middle of a match's planned length (half its months from the start), when it is reviewed. */
export const midpointOf = (row: { startedOn: string | null; startsOn: string; plannedMonths: number }) =>
  addDays(monthsEndingFrom(row.startedOn ?? row.startsOn, Math.max(1, Math.floor(row.plannedMonths / 2))), 1);

/**
 * Closes a match on a day, with its outcome. It ended as planned when it reached its planned end, early
 * before it, and "not started" when it was only proposed; the reason is required unless it ran its course.
 */
export async function closeMatch(
  ctx: ActorCtx,
  id: string,
  input: z.output<typeof matchClose>,
): Promise<void> {
  const row = await findChangeable(ctx, id, input.version);
  if (row.status === 'closed') throw invalid({ field: 'version', key: 'validation.matchClosed' });
  const endKind: MatchEndKind =
    row.status === 'proposed' ? 'not_started' : input.endedOn >= plannedEndOf(row) ? 'planned' : 'early';
  const problems: FieldProblem[] = [];
  if (input.endedOn > toIsoDate(ctx.now)) problems.push({ field: 'endedOn', key: 'validation.dateFuture' });
  if (row.startedOn && input.endedOn < row.startedOn)
    problems.push({ field: 'endedOn', key: 'validation.endsBeforeStarts' });
  if (endKind !== 'planned' && !input.reason)
    problems.push({ field: 'reason', key: 'validation.closeReason' });
  const [later] = await queryRows<{ on: string }>(
    ctx.tx,
    sql`select max(held_on)::text as on from mentoring_meetings where match_id = ${id} and voided_at is null`,
  );
  if (later?.on && later.on > input.endedOn)
    problems.push({
      field: 'endedOn',
      key: 'validation.meetingAfterEnd',
      params: { date: formatDate(later.on) },
    });
  failOn(problems);
  await ctx.tx
    .update(mentoringMatches)
    .set({
      status: 'closed',
      endedOn: input.endedOn,
      endKind,
      endReason: input.reason,
      outcome: input.outcome,
      outcomeNote: input.outcomeNote,
      ...corrected(ctx, row),
    })
    .where(eq(mentoringMatches.id, id));
  await recordAudit(ctx, {
    action: 'mentoring.close',
    entityType: 'mentoring_match',
    entityId: id,
    reason: input.reason || undefined,
    details: { endKind, outcome: input.outcome },
  });
}

/** Voids a match recorded in error (the wrong young person): only while no meeting of it counts. */
export async function voidMatch(ctx: ActorCtx, id: string, input: z.output<typeof voidInput>): Promise<void> {
  const row = await findChangeable(ctx, id, input.version);
  const [held] = await ctx.tx
    .select({ id: mentoringMeetings.id })
    .from(mentoringMeetings)
    .where(and(eq(mentoringMeetings.matchId, id), sql`${mentoringMeetings.voidedAt} is null`))
    .limit(1);
  if (held) throw invalid({ field: 'reason', key: 'validation.matchHasMeetings' });
  await recordVoid(
    ctx,
    { entity: 'mentoring_match', id, reason: input.reason },
    () =>
      ctx.tx
        .update(mentoringMatches)
        .set(voided(ctx, row, input.reason))
        .where(eq(mentoringMatches.id, id)),
    { action: 'mentoring.void', entityType: 'mentoring_match', entityId: id },
  );
}

/** The matches the caller runs, with the mentee's essentials and their meetings counted, by `where`. */
export async function matchViews(ctx: ActorCtx, where: SQL): Promise<MatchView[]> {
  const today = sql`${toIsoDate(ctx.now)}::date`;
  const rows = await queryRows<
    Omit<MatchView, 'plannedEndOn' | 'voided'> & {
      voidedAt: Date | null;
      voidReason: string | null;
      voidedByName: string | null;
    }
  >(
    ctx.tx,
    sql`select m.id, m.centre_id as "centreId", ce.name as "centreName", m.case_id as "caseId",
          c.number as "caseNumber", kw.given_name || ' ' || kw.family_name as "keyWorkerName",
          m.mentee_id as "menteeId", p.given_name || ' ' || p.family_name as "menteeName",
          ${ageOn(today)} as "menteeAge", m.volunteer_id as "volunteerId",
          v.given_name || ' ' || v.family_name as "volunteerName", m.programme_id as "programmeId",
          m.project_id as "projectId", m.status, m.starts_on::text as "startsOn", m.planned_months as "plannedMonths",
          m.goals, m.needs, m.consent_by as "consentBy", m.consent_on::text as "consentOn",
          m.started_on::text as "startedOn", m.key_worker_informed_on::text as "keyWorkerInformedOn",
          m.ended_on::text as "endedOn", m.end_kind as "endKind", m.end_reason as "endReason", m.outcome,
          m.outcome_note as "outcomeNote", m.version,
          (select count(*)::int from mentoring_meetings mm
            where mm.match_id = m.id and mm.voided_at is null and mm.outcome = 'held') as "meetingsHeld",
          (select max(held_on)::text from mentoring_meetings mm
            where mm.match_id = m.id and mm.voided_at is null and mm.outcome = 'held') as "lastMeetingOn",
          exists (select 1 from mentoring_reviews r where r.match_id = m.id and r.voided_at is null) as reviewed,
          m.voided_at as "voidedAt", m.void_reason as "voidReason",
          (select given_name || ' ' || family_name from users where users.id = m.voided_by) as "voidedByName"
        from mentoring_matches m
        join cases c on c.id = m.case_id
        join centres ce on ce.id = m.centre_id
        join users kw on kw.id = c.key_worker_id
        join persons p on p.id = m.mentee_id
        join volunteers v on v.id = m.volunteer_id
        where ${where}
        order by m.status = 'closed', m.starts_on desc, p.sort_key`,
  );
  return rows.map(({ voidedAt, voidReason, voidedByName, ...row }) => ({
    ...row,
    plannedEndOn: plannedEndOf(row),
    midpointOn: midpointOf(row),
    voided: voidMarkOf({ voidedAt: voidedAt ? new Date(voidedAt) : null, voidReason }, voidedByName),
  }));
}

/** The caller's matches, by status and centre. */
export async function listMatches(
  ctx: ActorCtx,
  filter: { status?: MatchView['status']; centreId?: string },
): Promise<MatchView[]> {
  return matchViews(
    ctx,
    sql`m.id in (select id from mentoring_matches where ${matchVisible(ctx.actor)})
      and ${filter.status ? sql`m.status = ${filter.status}` : sql`true`}
      and ${filter.centreId ? sql`m.centre_id = ${filter.centreId}` : sql`true`}`,
  );
}

/** One match the caller runs, or 404. */
export async function matchById(ctx: ActorCtx, id: string): Promise<MatchView> {
  await findMatch(ctx, id);
  const [view] = await matchViews(ctx, sql`m.id = ${id}`);
  if (!view) throw notFound();
  return view;
}
