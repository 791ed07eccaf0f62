import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { latvianAsc } from '../../db/latvian-order';
import { recordAudit } from '../../platform/audit';
import { saveCatalogueRow } from '../../platform/catalogue';
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
import { AppError, type FieldProblem, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { requireVersion } from '../../platform/versions';
import type { voidInput } from '../../shared/contracts/common';
import {
  requiredVolunteerChecks,
  type VolunteerCheckKind,
  type VolunteerCheckView,
  type VolunteerHoursView,
  type VolunteerReadiness,
  type VolunteerStatus,
  type VolunteerView,
  type volunteerCheckInput,
  type volunteerEdit,
  type volunteerEnd,
  type volunteerHoursCorrection,
  type volunteerHoursInput,
  type volunteerInput,
} from '../../shared/contracts/projects';
import { addDays, yearEndingFrom } from '../../shared/dates';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { projects } from '../projects/tables';
import { volunteerChecks, volunteerHours, volunteers } from './tables';

/** Statuses in which a volunteer may be given hours (the `active` column, kept in step with the status). */
const givingTime: readonly VolunteerStatus[] = ['applicant', 'screened', 'trained', 'active'];
/** Days before an expiry that the coordinator is told of it. */
const expiryNoticeDays = 30;

type VolunteerRow = typeof volunteers.$inferSelect;
type CheckRow = typeof volunteerChecks.$inferSelect;

/**
 * Whether a volunteer may mentor a child on `today`: each required check (a criminal-record certificate,
 * an interview) passed, not voided, done by then and not expired. Those in force that expire within 30
 * days are named so that they are renewed in time.
 */
export function readinessOf(checks: CheckRow[], today: string): VolunteerReadiness {
  const missing: VolunteerCheckKind[] = [];
  const expiring: VolunteerReadiness['expiring'] = [];
  for (const kind of requiredVolunteerChecks) {
    const inForce = checks.filter(
      (c) =>
        c.kind === kind &&
        !c.voidedAt &&
        c.result === 'passed' &&
        c.doneOn <= today &&
        (c.expiresOn === null || c.expiresOn >= today),
    );
    if (inForce.length === 0) {
      missing.push(kind);
      continue;
    }
    if (inForce.some((c) => c.expiresOn === null)) continue;
    const until = inForce.map((c) => c.expiresOn!).sort()[inForce.length - 1]!;
    if (until <= addDays(today, expiryNoticeDays)) expiring.push({ kind, expiresOn: until });
  }
  return { ready: missing.length === 0, missing, expiring };
}

export function present(row: VolunteerRow, checks: CheckRow[], today: string): VolunteerView {
  return {
    id: row.id,
    givenName: row.givenName,
    familyName: row.familyName,
    email: row.email,
    phone: row.phone,
    screenedOn: row.screenedOn,
    trainedOn: row.trainedOn,
    appliedOn: row.appliedOn,
    heardFrom: row.heardFrom,
    availability: row.availability,
    status: row.status,
    endedOn: row.endedOn,
    endReason: row.endReason,
    active: row.active,
    version: row.version,
    readiness: readinessOf(checks, today),
  };
}

/**
 * Registers a volunteer (the form, an import). Without a status they are active when trained, screened
 * when screened, else an applicant; one registered as not active is paused.
 */
export async function registerVolunteer(
  ctx: ActorCtx,
  input: z.output<typeof volunteerInput>,
): Promise<VolunteerView> {
  const { active, status: given, ...details } = input;
  const status: VolunteerStatus =
    given ??
    (!active ? 'paused' : details.trainedOn ? 'active' : details.screenedOn ? 'screened' : 'applicant');
  const row = await saveCatalogueRow(
    ctx,
    volunteers,
    null,
    { ...details, status, active: givingTime.includes(status) },
    { entityType: 'volunteer' },
  );
  return present(row, [], toIsoDate(ctx.now));
}

/** The volunteer, locked for a change, or 404 outside the caller's organisation. */
async function findVolunteer(ctx: ActorCtx, id: string, lock = false): Promise<VolunteerRow> {
  const query = ctx.tx
    .select()
    .from(volunteers)
    .where(and(eq(volunteers.id, id), eq(volunteers.organisationId, ctx.actor.organisationId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

async function checksOf(ctx: ActorCtx, volunteerIds: string[]): Promise<CheckRow[]> {
  if (volunteerIds.length === 0) return [];
  return ctx.tx
    .select()
    .from(volunteerChecks)
    .where(inArray(volunteerChecks.volunteerId, volunteerIds))
    .orderBy(asc(volunteerChecks.doneOn), asc(volunteerChecks.id));
}

/**
 * Edits a volunteer: the whole form, at the version it was read (a save based on an older one is
 * refused, naming who saved since). Giving a volunteer who left a status again brings them back.
 */
export async function editVolunteer(
  ctx: ActorCtx,
  id: string,
  input: z.output<typeof volunteerEdit>,
): Promise<VolunteerView> {
  const row = await findVolunteer(ctx, id, true);
  await requireVersion(ctx, row, input.version);
  const { version: _read, ...details } = input;
  const [saved] = await ctx.tx
    .update(volunteers)
    .set({
      ...details,
      active: givingTime.includes(input.status),
      endedOn: null,
      endReason: null,
      ...corrected(ctx, row),
    })
    .where(eq(volunteers.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'volunteer.update',
    entityType: 'volunteer',
    entityId: id,
    details: row.status === input.status ? {} : { status: input.status },
  });
  return present(saved!, await checksOf(ctx, [id]), toIsoDate(ctx.now));
}

/** Ends a volunteer's work with the organisation: status "left", with the day and the reason. */
export async function endVolunteer(
  ctx: ActorCtx,
  id: string,
  input: z.output<typeof volunteerEnd>,
): Promise<VolunteerView> {
  const row = await findVolunteer(ctx, id, true);
  if (row.status === 'left') throw invalid({ field: 'endedOn', key: 'validation.volunteerLeft' });
  await requireVersion(ctx, row, input.version);
  const [saved] = await ctx.tx
    .update(volunteers)
    .set({
      status: 'left',
      active: false,
      endedOn: input.endedOn,
      endReason: input.reason,
      ...corrected(ctx, row),
    })
    .where(eq(volunteers.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'volunteer.end',
    entityType: 'volunteer',
    entityId: id,
    reason: input.reason,
  });
  return present(saved!, await checksOf(ctx, [id]), toIsoDate(ctx.now));
}

/** One volunteer with the checks of their screening, voided ones marked; the read is audited. */
export async function volunteerDetail(
  ctx: ActorCtx,
  id: string,
): Promise<{ volunteer: VolunteerView; checks: VolunteerCheckView[] }> {
  const row = await findVolunteer(ctx, id);
  const rows = await ctx.tx
    .select({ c: volunteerChecks, byName: voidedByName(volunteerChecks.voidedBy) })
    .from(volunteerChecks)
    .where(eq(volunteerChecks.volunteerId, id))
    .orderBy(asc(volunteerChecks.doneOn), asc(volunteerChecks.id));
  await recordAudit(ctx, { action: 'volunteer.read_checks', entityType: 'volunteer', entityId: id });
  return {
    volunteer: present(
      row,
      rows.map((r) => r.c),
      toIsoDate(ctx.now),
    ),
    checks: rows.map(({ c, byName }) => ({
      id: c.id,
      kind: c.kind,
      doneOn: c.doneOn,
      result: c.result,
      expiresOn: c.expiresOn,
      note: c.note,
      version: c.version,
      voided: voidMarkOf(c, byName),
    })),
  };
}

/**
 * Records a check of a volunteer's screening. A criminal-record certificate without an expiry is taken to
 * be in force for a year from its date (the practice of Latvian organisations working with children);
 * other checks without one do not expire. A check cannot be dated in the future.
 */
export async function addVolunteerCheck(
  ctx: ActorCtx,
  volunteerId: string,
  input: z.output<typeof volunteerCheckInput>,
): Promise<void> {
  const volunteer = await findVolunteer(ctx, volunteerId);
  if (input.doneOn > toIsoDate(ctx.now)) throw invalid({ field: 'doneOn', key: 'validation.dateFuture' });
  const expiresOn =
    input.expiresOn ?? (input.kind === 'criminal_record' ? yearEndingFrom(input.doneOn) : null);
  await ctx.tx.insert(volunteerChecks).values({
    id: newId(ctx.now.getTime()),
    organisationId: volunteer.organisationId,
    volunteerId,
    kind: input.kind,
    doneOn: input.doneOn,
    result: input.result,
    expiresOn,
    note: input.note,
    recordedBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'volunteer.add_check',
    entityType: 'volunteer',
    entityId: volunteerId,
    details: { kind: input.kind, result: input.result },
  });
}

/** Voids a check recorded in error: kept, marked with who, when and why; it no longer counts. */
export async function voidVolunteerCheck(
  ctx: ActorCtx,
  volunteerId: string,
  checkId: string,
  input: z.output<typeof voidInput>,
): Promise<void> {
  await findVolunteer(ctx, volunteerId);
  const [row] = await ctx.tx
    .select()
    .from(volunteerChecks)
    .where(and(eq(volunteerChecks.id, checkId), eq(volunteerChecks.volunteerId, volunteerId)))
    .for('update');
  if (!row) throw notFound();
  await requireCorrectable(ctx, row, input.version, row.recordedBy);
  await recordVoid(
    ctx,
    { entity: 'volunteer_check', id: row.id, reason: input.reason },
    () =>
      ctx.tx
        .update(volunteerChecks)
        .set(voided(ctx, row, input.reason))
        .where(eq(volunteerChecks.id, row.id)),
    {
      action: 'volunteer.void_check',
      entityType: 'volunteer',
      entityId: volunteerId,
      details: { checkId: row.id, kind: row.kind },
    },
  );
}

/** A project of the caller's organisation (volunteer hours are logged by coordinators without project rights). */
async function projectOf(ctx: ActorCtx, projectId: string) {
  const [project] = await ctx.tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, ctx.actor.organisationId)));
  if (!project) throw notFound();
  return project;
}

/** The checks of the hours' form: an active volunteer of the organisation, a day within the project. */
async function checkHours(
  ctx: ActorCtx,
  project: typeof projects.$inferSelect,
  input: z.output<typeof volunteerHoursInput>,
) {
  const problems: FieldProblem[] = [];
  const [volunteer] = await ctx.tx
    .select()
    .from(volunteers)
    .where(
      and(
        eq(volunteers.id, input.volunteerId),
        eq(volunteers.organisationId, ctx.actor.organisationId),
        eq(volunteers.active, true),
      ),
    );
  if (!volunteer) problems.push({ field: 'volunteerId', key: 'validation.unknownVolunteer' });
  if (input.workedOn < project.startsOn || input.workedOn > project.endsOn) {
    problems.push({
      field: 'workedOn',
      key: 'validation.outsideProjectPeriod',
      params: { from: formatDate(project.startsOn), to: formatDate(project.endsOn) },
    });
  }
  // A mentoring meeting's hours are counted from the meeting (src/modules/mentoring/meetings.ts): the same
  // day's time is not entered again by hand.
  const [fromMeeting] = await ctx.tx
    .select({ id: volunteerHours.id })
    .from(volunteerHours)
    .where(
      and(
        eq(volunteerHours.volunteerId, input.volunteerId),
        eq(volunteerHours.projectId, project.id),
        eq(volunteerHours.workedOn, input.workedOn),
        isNotNull(volunteerHours.activityId),
        isNull(volunteerHours.voidedAt),
      ),
    )
    .limit(1);
  if (fromMeeting) problems.push({ field: 'workedOn', key: 'validation.meetingHoursCounted' });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
}

/** Hours a volunteer gave to a project on a day, within the project's period. */
export async function logHours(
  ctx: ActorCtx,
  projectId: string,
  input: z.output<typeof volunteerHoursInput>,
): Promise<void> {
  const project = await projectOf(ctx, projectId);
  await checkHours(ctx, project, input);
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(volunteerHours).values({
    id,
    organisationId: project.organisationId,
    volunteerId: input.volunteerId,
    projectId,
    workedOn: input.workedOn,
    hours: input.hours,
    description: input.description,
    recordedBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'volunteer.log_hours',
    entityType: 'project',
    entityId: projectId,
    details: { hours: input.hours },
  });
}

async function findCorrectableHours(ctx: ActorCtx, projectId: string, id: string, version: number) {
  const project = await projectOf(ctx, projectId);
  const [row] = await ctx.tx
    .select()
    .from(volunteerHours)
    .where(and(eq(volunteerHours.id, id), eq(volunteerHours.projectId, project.id)))
    .for('update');
  if (!row) throw notFound();
  // A meeting's hours follow the meeting: corrected or voided with it.
  if (row.activityId) throw invalid({ field: 'version', key: 'validation.hoursOfMeeting' });
  await requireCorrectable(ctx, row, version, row.recordedBy);
  return { project, row };
}

/** Corrects logged hours (volunteer, day, hours, description), with a reason when old or published. */
export async function correctHours(
  ctx: ActorCtx,
  projectId: string,
  id: string,
  input: z.output<typeof volunteerHoursCorrection>,
): Promise<void> {
  const { project, row } = await findCorrectableHours(ctx, projectId, id, input.version);
  await checkHours(ctx, project, input);
  requireReason(
    ctx,
    row.createdAt,
    input.reason,
    await countedInPublishedReport(ctx, [project.id], row.workedOn),
  );
  const after = {
    volunteerId: input.volunteerId,
    workedOn: input.workedOn,
    hours: input.hours,
    description: input.description,
  };
  await recordCorrection(
    ctx,
    { entity: 'volunteer_hours', id: row.id, reason: input.reason, before: row, after },
    () =>
      ctx.tx
        .update(volunteerHours)
        .set({ ...after, ...corrected(ctx, row) })
        .where(eq(volunteerHours.id, row.id)),
    {
      action: 'volunteer.correct_hours',
      entityType: 'project',
      entityId: project.id,
      details: { hoursId: row.id },
    },
  );
}

/** Voids logged hours: kept, marked with who, when and why, counted in no sum. */
export async function voidHours(
  ctx: ActorCtx,
  projectId: string,
  id: string,
  input: z.output<typeof voidInput>,
): Promise<void> {
  const { project, row } = await findCorrectableHours(ctx, projectId, id, input.version);
  await recordVoid(
    ctx,
    { entity: 'volunteer_hours', id: row.id, reason: input.reason },
    () =>
      ctx.tx
        .update(volunteerHours)
        .set(voided(ctx, row, input.reason))
        .where(eq(volunteerHours.id, row.id)),
    {
      action: 'volunteer.void_hours',
      entityType: 'project',
      entityId: project.id,
      details: { hoursId: row.id },
    },
  );
}

/** The hours logged on a project, by day, voided ones included and marked. */
export async function listHours(ctx: ActorCtx, projectId: string): Promise<VolunteerHoursView[]> {
  const project = await projectOf(ctx, projectId);
  const rows = await ctx.tx
    .select({
      h: volunteerHours,
      name: sql<string>`${volunteers.givenName} || ' ' || ${volunteers.familyName}`,
      byName: voidedByName(volunteerHours.voidedBy),
    })
    .from(volunteerHours)
    .innerJoin(volunteers, eq(volunteers.id, volunteerHours.volunteerId))
    .where(eq(volunteerHours.projectId, project.id))
    .orderBy(asc(volunteerHours.workedOn), asc(volunteerHours.id));
  return rows.map(({ h, name, byName }) => ({
    id: h.id,
    volunteerId: h.volunteerId,
    volunteerName: name,
    workedOn: h.workedOn,
    hours: h.hours,
    description: h.description,
    fromMeeting: h.activityId !== null,
    version: h.version,
    voided: voidMarkOf(h, byName),
  }));
}

/**
 * The organisation's volunteers, by family and given name, each with whether they may mentor a child
 * `today` (the request's day unless given); with `status`, those of that status only.
 */
export async function listVolunteers(
  ctx: ActorCtx,
  status?: VolunteerStatus,
  today = toIsoDate(ctx.now),
): Promise<VolunteerView[]> {
  const rows = await ctx.tx
    .select()
    .from(volunteers)
    .where(
      and(
        eq(volunteers.organisationId, ctx.actor.organisationId),
        status ? eq(volunteers.status, status) : undefined,
      ),
    )
    .orderBy(latvianAsc(volunteers.familyName), latvianAsc(volunteers.givenName));
  const checks = await checksOf(
    ctx,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    present(
      row,
      checks.filter((check) => check.volunteerId === row.id),
      today,
    ),
  );
}
