import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../server/audit';
import { asActor } from '../../server/context';
import { notFound } from '../../server/errors';
import type { App } from '../../server/types';
import { idParams, okResponse } from '../../shared/contracts/common';
import {
  caseloadPage,
  caseloadQuery,
  changeStatusInput,
  familyPage,
  historyResponse,
  openCaseInput,
  registeredResponse,
  updateCaseInput,
  workerList,
} from '../../shared/contracts/registry';
import { historyOf } from '../families/history';
import { familyMembers } from '../families/tables';
import { caseload } from './caseload';
import { changeStatus } from './change-status';
import { getFamilyPage } from './get-family-page';
import { openCase, workersAtCentre } from './open-case';
import { canFindCase, findOpenableCase } from './scope';
import { cases } from './tables';
import { updateCase } from './update-case';

const tags = ['cases'];
const read = { permission: 'cases.read' } as const;
const write = { permission: 'cases.write' } as const;

export async function caseRoutes(app: App): Promise<void> {
  app.get(
    '/api/cases',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'My cases or the centre’s cases',
        querystring: caseloadQuery,
        response: { 200: caseloadPage },
      },
    },
    (request) => asActor(request, (ctx) => caseload(ctx, request.query)),
  );

  app.get(
    '/api/centres/:id/workers',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Staff who work on cases at a centre (possible key workers)',
        params: idParams,
        response: { 200: workerList },
      },
    },
    (request) => asActor(request, (ctx) => workersAtCentre(ctx, request.params.id)),
  );

  app.post(
    '/api/families/:id/cases',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Open another case for a registered family (e.g. at another centre, or after closing)',
        params: idParams,
        body: openCaseInput,
        response: { 201: registeredResponse },
      },
    },
    async (request, reply) => {
      const caseId = await asActor(request, async (ctx) => {
        const [visible] = await ctx.tx
          .select({ id: cases.id })
          .from(cases)
          .where(and(eq(cases.familyId, request.params.id), canFindCase(ctx.actor)))
          .limit(1);
        if (!visible) throw notFound();
        return openCase(ctx, request.params.id, request.body, '');
      });
      return reply.status(201).send({ familyId: request.params.id, caseId });
    },
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'The family page of a case (an audited read)',
        params: idParams,
        response: { 200: familyPage },
      },
    },
    (request) => asActor(request, (ctx) => getFamilyPage(ctx, request.params.id)),
  );

  app.patch(
    '/api/cases/:id',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Edit a case',
        params: idParams,
        body: updateCaseInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => updateCase(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/cases/:id/status',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Move a case to another status: intake, active, closed (with a reason), or reopen it',
        params: idParams,
        body: changeStatusInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => changeStatus(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/cases/:id/history',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Who changed which field of the case, its family and its people, when, from what to what',
        params: idParams,
        response: { 200: historyResponse },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const row = await findOpenableCase(ctx.tx, ctx.actor, request.params.id);
        await recordAudit(ctx, { action: 'case.read_history', entityType: 'case', entityId: row.id });
        const members = await ctx.tx
          .select({ personId: familyMembers.personId })
          .from(familyMembers)
          .where(eq(familyMembers.familyId, row.familyId));
        const changes = await historyOf(ctx, [
          { type: 'case', ids: [row.id] },
          { type: 'family', ids: [row.familyId] },
          { type: 'person', ids: members.map((m) => m.personId) },
        ]);
        return { changes: changes.map((c) => ({ ...c, changedAt: c.changedAt.toISOString() })) };
      }),
  );
}
