import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import { saveCatalogueRow } from '../../platform/catalogue';
import { type ActorCtx, asActor } from '../../platform/context';
import { AppError, type FieldProblem, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { App } from '../../platform/types';
import { idParams, okResponse } from '../../shared/contracts/common';
import {
  type VolunteerView,
  volunteerHoursInput,
  volunteerInput,
  volunteerList,
  volunteerView,
} from '../../shared/contracts/projects';
import { formatDate } from '../../shared/i18n';
import { projects } from '../projects/tables';
import { volunteerHours, volunteers } from './tables';

const tags = ['volunteers'];
const access = { anyPermission: ['projects.manage', 'mentoring.run', 'finance.manage'] } as const;

function present(row: typeof volunteers.$inferSelect): VolunteerView {
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

async function saveVolunteer(
  ctx: ActorCtx,
  id: string | null,
  input: z.output<typeof volunteerInput>,
): Promise<VolunteerView> {
  return present(await saveCatalogueRow(ctx, volunteers, id, input, { entityType: 'volunteer' }));
}

/** Hours a volunteer gave to a project on a day, within the project's period. */
async function logHours(
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

export async function volunteerRoutes(app: App): Promise<void> {
  app.get(
    '/api/volunteers',
    {
      config: { access },
      schema: { tags, summary: 'Volunteers of the organisation', response: { 200: volunteerList } },
    },
    (request) =>
      asActor(request, async (ctx) => ({
        volunteers: (
          await ctx.tx
            .select()
            .from(volunteers)
            .where(eq(volunteers.organisationId, ctx.actor.organisationId))
            .orderBy(asc(volunteers.familyName), asc(volunteers.givenName))
        ).map(present),
      })),
  );

  app.post(
    '/api/volunteers',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Register a volunteer',
        body: volunteerInput,
        response: { 201: volunteerView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await asActor(request, (ctx) => saveVolunteer(ctx, null, request.body))),
  );

  app.put(
    '/api/volunteers/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Edit a volunteer',
        params: idParams,
        body: volunteerInput,
        response: { 200: volunteerView },
      },
    },
    (request) => asActor(request, (ctx) => saveVolunteer(ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/projects/:id/volunteer-hours',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Log hours a volunteer gave to a project',
        params: idParams,
        body: volunteerHoursInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => logHours(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );
}
