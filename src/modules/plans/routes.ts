import { z } from 'zod';
import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams, okResponse, voidInput } from '../../shared/contracts/common';
import {
  actionStatusInput,
  planDecisionInput,
  planInput,
  planList,
  planReviewCorrection,
  planReviewInput,
} from '../../shared/contracts/plans';
import { createPlan, decidePlan, listPlans, setActionStatus, submitPlan, updatePlan } from './plans';
import { correctPlanReview, reviewPlan, voidPlanReview } from './reviews';

const tags = ['plans'];
const created = z.object({ id: z.uuid() });
const reviewParams = z.object({ id: z.uuid(), reviewId: z.uuid() });

export async function planRoutes(app: App): Promise<void> {
  app.get(
    '/api/cases/:id/plans',
    {
      config: { access: { permission: 'cases.read' } },
      schema: { tags, summary: 'The plans of a case', params: idParams, response: { 200: planList } },
    },
    (request) => asActor(request, async (ctx) => ({ plans: await listPlans(ctx, request.params.id) })),
  );

  app.post(
    '/api/cases/:id/plans',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Write a plan (a draft) with goals and actions',
        params: idParams,
        body: planInput,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ id: await asActor(request, (ctx) => createPlan(ctx, request.params.id, request.body)) }),
  );

  app.put(
    '/api/plans/:id',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Rewrite a draft or returned plan',
        params: idParams,
        body: planInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => updatePlan(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/plans/:id/submit',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Submit a plan for approval',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => submitPlan(ctx, request.params.id));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/plans/:id/decision',
    {
      config: { access: { permission: 'cases.supervise' } },
      schema: {
        tags,
        summary: 'Approve a submitted plan or return it with a comment (centre manager)',
        params: idParams,
        body: planDecisionInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => decidePlan(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/plans/:id/actions/:actionId',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Mark an action of a plan done, dropped or open',
        params: z.object({ id: z.uuid(), actionId: z.uuid() }),
        body: actionStatusInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      const { id, actionId } = request.params;
      await asActor(request, (ctx) => setActionStatus(ctx, id, actionId, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/plans/:id/reviews',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Review an approved plan: progress per goal, next review date',
        params: idParams,
        body: planReviewInput,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ id: await asActor(request, (ctx) => reviewPlan(ctx, request.params.id, request.body)) }),
  );

  app.patch(
    '/api/plans/:id/reviews/:reviewId',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary:
          'Correct a plan review: dates, notes, progress per goal (the version it was read at, and a reason when it is old)',
        params: reviewParams,
        body: planReviewCorrection,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      const { id, reviewId } = request.params;
      await asActor(request, (ctx) => correctPlanReview(ctx, id, reviewId, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/plans/:id/reviews/:reviewId/void',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary:
          'Void a plan review with a reason: kept on record; the next review date follows the latest left',
        params: reviewParams,
        body: voidInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      const { id, reviewId } = request.params;
      await asActor(request, (ctx) => voidPlanReview(ctx, id, reviewId, request.body));
      return { ok: true as const };
    },
  );
}
