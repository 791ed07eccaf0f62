import { z } from 'zod';
import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams, okResponse, voidInput } from '../../shared/contracts/common';
import {
  volunteerHoursCorrection,
  volunteerHoursInput,
  volunteerHoursList,
  volunteerInput,
  volunteerList,
  volunteerView,
} from '../../shared/contracts/projects';

import { correctHours, listHours, listVolunteers, logHours, saveVolunteer, voidHours } from './volunteers';

const tags = ['volunteers'];
const access = { anyPermission: ['projects.manage', 'mentoring.run', 'finance.manage'] } as const;
const hoursParams = z.object({ id: z.uuid(), hoursId: z.uuid() });

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

  app.get(
    '/api/projects/:id/volunteer-hours',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Hours volunteers gave to a project, voided ones marked',
        params: idParams,
        response: { 200: volunteerHoursList },
      },
    },
    (request) => asActor(request, async (ctx) => ({ hours: await listHours(ctx, request.params.id) })),
  );

  app.patch(
    '/api/projects/:id/volunteer-hours/:hoursId',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Correct logged volunteer hours (the whole form, the version it was read at, and a reason when old or published)',
        params: hoursParams,
        body: volunteerHoursCorrection,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) =>
        correctHours(ctx, request.params.id, request.params.hoursId, request.body),
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/projects/:id/volunteer-hours/:hoursId/void',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Void logged volunteer hours with a reason: kept on record, counted in no sum',
        params: hoursParams,
        body: voidInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) =>
        voidHours(ctx, request.params.id, request.params.hoursId, request.body),
      );
      return { ok: true as const };
    },
  );
}
