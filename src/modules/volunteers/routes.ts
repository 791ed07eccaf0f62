import { z } from 'zod';
import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { canSomewhere } from '../../shared/access';
import { idParams, okResponse, voidInput } from '../../shared/contracts/common';
import {
  volunteerCheckInput,
  volunteerDetail as volunteerDetailView,
  volunteerEdit,
  volunteerEnd,
  volunteerHoursCorrection,
  volunteerHoursInput,
  volunteerHoursList,
  volunteerInput,
  volunteerList,
  volunteerStatuses,
  volunteerView,
} from '../../shared/contracts/projects';

import {
  addVolunteerCheck,
  correctHours,
  editVolunteer,
  endVolunteer,
  listHours,
  listVolunteers,
  logHours,
  registerVolunteer,
  voidHours,
  voidVolunteerCheck,
  volunteerDetail,
} from './volunteers';

const tags = ['volunteers'];
const access = { anyPermission: ['projects.manage', 'mentoring.run', 'finance.manage'] } as const;
/** A volunteer's screening (a criminal-record certificate among it): the mentoring coordinator's only. */
const screening = { anyPermission: ['mentoring.run'] } as const;
const hoursParams = z.object({ id: z.uuid(), hoursId: z.uuid() });
const checkParams = z.object({ id: z.uuid(), checkId: z.uuid() });
const listQuery = z.object({ status: z.enum(volunteerStatuses).optional() });

export async function volunteerRoutes(app: App): Promise<void> {
  app.get(
    '/api/volunteers',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Volunteers of the organisation, each with whether they may mentor a child today',
        querystring: listQuery,
        response: { 200: volunteerList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({
        volunteers: await listVolunteers(ctx, request.query.status),
        abilities: { screen: canSomewhere(ctx.actor, 'mentoring.run') },
      })),
  );

  app.get(
    '/api/volunteers/:id',
    {
      config: { access: screening },
      schema: {
        tags,
        summary: 'A volunteer with the checks of their screening (the read is audited)',
        params: idParams,
        response: { 200: volunteerDetailView },
      },
    },
    (request) => asActor(request, (ctx) => volunteerDetail(ctx, request.params.id)),
  );

  app.post(
    '/api/volunteers/:id/end',
    {
      config: { access },
      schema: {
        tags,
        summary: 'End a volunteer\'s work with the organisation (status "left"), with the day and the reason',
        params: idParams,
        body: volunteerEnd,
        response: { 200: volunteerView },
      },
    },
    (request) => asActor(request, (ctx) => endVolunteer(ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/volunteers/:id/checks',
    {
      config: { access: screening },
      schema: {
        tags,
        summary: "Record a check of a volunteer's screening",
        params: idParams,
        body: volunteerCheckInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => addVolunteerCheck(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/volunteers/:id/checks/:checkId/void',
    {
      config: { access: screening },
      schema: {
        tags,
        summary: 'Void a check recorded in error, with a reason: kept on record, no longer counted',
        params: checkParams,
        body: voidInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) =>
        voidVolunteerCheck(ctx, request.params.id, request.params.checkId, request.body),
      );
      return { ok: true as const };
    },
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
      reply.status(201).send(await asActor(request, (ctx) => registerVolunteer(ctx, request.body))),
  );

  app.put(
    '/api/volunteers/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Edit a volunteer (the whole form, at the version it was read)',
        params: idParams,
        body: volunteerEdit,
        response: { 200: volunteerView },
      },
    },
    (request) => asActor(request, (ctx) => editVolunteer(ctx, request.params.id, request.body)),
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
