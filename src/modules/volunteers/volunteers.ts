import { and, asc, eq, sql } from 'drizzle-orm';
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
import { AppError, type FieldProblem, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { voidInput } from '../../shared/contracts/common';
import type {
  VolunteerHoursView,
  VolunteerView,
  volunteerHoursCorrection,
  volunteerHoursInput,
  volunteerInput,
} from '../../shared/contracts/projects';
import { formatDate } from '../../shared/i18n';
import { projects } from '../projects/tables';
import { volunteerHours, volunteers } from './tables';

export function present(row: typeof volunteers.$inferSelect): VolunteerView {
  return {
    id: row.id,
    givenName: row.givenName,
    familyName: row.familyName,
    email: row.email,
    phone: row.phone,
    screenedOn: row.screenedOn,
    trainedOn: row.trainedOn,
    active: row.active,
  };
}

export async function saveVolunteer(
  ctx: ActorCtx,
  id: string | null,
  input: z.output<typeof volunteerInput>,
): Promise<VolunteerView> {
  return present(await saveCatalogueRow(ctx, volunteers, id, input, { entityType: 'volunteer' }));
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
    version: h.version,
    voided: voidMarkOf(h, byName),
  }));
}

/** The organisation's volunteers, by family and given name. */
export async function listVolunteers(ctx: ActorCtx): Promise<VolunteerView[]> {
  const rows = await ctx.tx
    .select()
    .from(volunteers)
    .where(eq(volunteers.organisationId, ctx.actor.organisationId))
    .orderBy(latvianAsc(volunteers.familyName), latvianAsc(volunteers.givenName));
  return rows.map(present);
}
