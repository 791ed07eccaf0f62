import { z } from 'zod';
import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import {
  assessmentCorrection,
  assessmentInput,
  caseAssessments,
  instrumentInput,
  instrumentList,
  instrumentView,
} from '../../shared/contracts/assessments';
import { idParams, okResponse, voidInput } from '../../shared/contracts/common';
import {
  correctAssessment,
  createInstrument,
  listCaseAssessments,
  listInstruments,
  recordAssessment,
  voidAssessment,
} from './assessments';

const tags = ['assessments'];

export async function assessmentRoutes(app: App): Promise<void> {
  app.get(
    '/api/assessment-instruments',
    {
      config: { access: { anyPermission: ['cases.read', 'catalogues.manage'] } },
      schema: {
        tags,
        summary: 'Assessment instruments: the shipped one and the organisation’s own',
        response: { 200: instrumentList },
      },
    },
    (request) => asActor(request, async (ctx) => ({ instruments: await listInstruments(ctx) })),
  );

  app.post(
    '/api/assessment-instruments',
    {
      config: { access: { permission: 'catalogues.manage' } },
      schema: {
        tags,
        summary: 'Add an instrument: domains and a scale with labels',
        body: instrumentInput,
        response: { 201: instrumentView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await asActor(request, (ctx) => createInstrument(ctx, request.body))),
  );

  app.get(
    '/api/cases/:id/assessments',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'A case’s assessments and the change per domain from intake to the latest',
        params: idParams,
        response: { 200: caseAssessments },
      },
    },
    (request) => asActor(request, (ctx) => listCaseAssessments(ctx, request.params.id)),
  );

  app.post(
    '/api/cases/:id/assessments',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Record an intake, review or exit assessment',
        params: idParams,
        body: assessmentInput,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        id: await asActor(request, (ctx) => recordAssessment(ctx, request.params.id, request.body)),
      }),
  );

  app.patch(
    '/api/assessments/:id',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary:
          'Correct an assessment: phase, date, scores, notes (the version it was read at, and a reason when it is old)',
        params: idParams,
        body: assessmentCorrection,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => correctAssessment(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/assessments/:id/void',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Void an assessment with a reason: kept on record, left out of the change per domain',
        params: idParams,
        body: voidInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => voidAssessment(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );
}
