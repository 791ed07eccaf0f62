import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import {
  endEnrolmentInput,
  enrolInput,
  enrolmentList,
  enrolmentParams,
} from '../../shared/contracts/agreements';
import { idParams, okResponse } from '../../shared/contracts/common';
import { endEnrolment, enrol, listEnrolments } from './enrolments';

const tags = ['enrolments'];

export async function enrolmentRoutes(app: App): Promise<void> {
  app.post(
    '/api/enrolments',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Enrol a family or a person in a programme',
        body: enrolInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => enrol(ctx, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/enrolments/:id/end',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'End an enrolment with an exit reason',
        params: enrolmentParams,
        body: endEnrolmentInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => endEnrolment(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/families/:id/enrolments',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'Programme enrolments of a family and its members',
        params: idParams,
        response: { 200: enrolmentList },
      },
    },
    (request) => asActor(request, (ctx) => listEnrolments(ctx, request.params.id)),
  );
}
