import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams, okResponse } from '../../shared/contracts/common';
import {
  volunteerHoursInput,
  volunteerInput,
  volunteerList,
  volunteerView,
} from '../../shared/contracts/projects';

import { listVolunteers, logHours, saveVolunteer } from './volunteers';

const tags = ['volunteers'];
const access = { anyPermission: ['projects.manage', 'mentoring.run', 'finance.manage'] } as const;

export async function volunteerRoutes(app: App): Promise<void> {
  app.get(
    '/api/volunteers',
    {
      config: { access },
      schema: { tags, summary: 'Volunteers of the organisation', response: { 200: volunteerList } },
    },
    (request) => asActor(request, async (ctx) => ({ volunteers: await listVolunteers(ctx) })),
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
