import { z } from 'zod';
import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import {
  assessmentInput,
  caseAssessments,
  instrumentInput,
  instrumentList,
  instrumentView,
} from '../../shared/contracts/assessments';
import { idParams } from '../../shared/contracts/common';
import { createInstrument, listCaseAssessments, listInstruments, recordAssessment } from './assessments';

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
}
