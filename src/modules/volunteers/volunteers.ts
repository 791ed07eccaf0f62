import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import { saveCatalogueRow } from '../../platform/catalogue';
import type { ActorCtx } from '../../platform/context';
import { AppError, type FieldProblem, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { VolunteerView, volunteerHoursInput, volunteerInput } from '../../shared/contracts/projects';
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

/** Hours a volunteer gave to a project on a day, within the project's period. */
export async function logHours(
  ctx: ActorCtx,
  projectId: string,
  input: z.output<typeof volunteerHoursInput>,
): Promise<void> {
  const org = ctx.actor.organisationId;
  const [project] = await ctx.tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, org)));
  if (!project) throw notFound();
  const problems: FieldProblem[] = [];
  const [volunteer] = await ctx.tx
    .select()
    .from(volunteers)
    .where(
      and(
        eq(volunteers.id, input.volunteerId),
        eq(volunteers.organisationId, org),
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
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(volunteerHours).values({
    id,
    organisationId: org,
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

/** The organisation's volunteers, by family and given name. */
export async function listVolunteers(ctx: ActorCtx): Promise<VolunteerView[]> {
  const rows = await ctx.tx
    .select()
    .from(volunteers)
    .where(eq(volunteers.organisationId, ctx.actor.organisationId))
    .orderBy(asc(volunteers.familyName), asc(volunteers.givenName));
  return rows.map(present);
}
