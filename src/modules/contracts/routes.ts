import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { contractInput, contractList, contractView, linkCaseInput } from '../../shared/contracts/agreements';
import { idParams, okResponse } from '../../shared/contracts/common';
import { findContract, linkCase, listContracts, saveContract } from './contracts';

const tags = ['contracts'];
const read = { anyPermission: ['projects.read', 'partner.read', 'cases.supervise'] } as const;
const write = { anyPermission: ['projects.manage', 'finance.manage'] } as const;

export async function contractRoutes(app: App): Promise<void> {
  app.get(
    '/api/contracts',
    {
      config: { access: read },
      schema: { tags, summary: 'Contracts the caller may see', response: { 200: contractList } },
    },
    (request) => asActor(request, async (ctx) => ({ contracts: await listContracts(ctx) })),
  );

  app.post(
    '/api/contracts',
    {
      config: { access: write },
      schema: { tags, summary: 'Record a contract', body: contractInput, response: { 201: contractView } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await asActor(request, async (ctx) =>
            findContract(ctx.tx, ctx.actor, await saveContract(ctx, null, request.body)),
          ),
        ),
  );

  app.get(
    '/api/contracts/:id',
    {
      config: { access: read },
      schema: { tags, summary: 'One contract', params: idParams, response: { 200: contractView } },
    },
    (request) => asActor(request, (ctx) => findContract(ctx.tx, ctx.actor, request.params.id)),
  );

  app.put(
    '/api/contracts/:id',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Edit a contract',
        params: idParams,
        body: contractInput,
        response: { 200: contractView },
      },
    },
    (request) =>
      asActor(request, async (ctx) =>
        findContract(ctx.tx, ctx.actor, await saveContract(ctx, request.params.id, request.body)),
      ),
  );

  app.post(
    '/api/contracts/:id/cases',
    {
      config: { access: { permission: 'cases.supervise' } },
      schema: {
        tags,
        summary: 'Link a case of your centre to a contract',
        params: idParams,
        body: linkCaseInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => linkCase(ctx, request.params.id, request.body.caseId));
      return { ok: true as const };
    },
  );
}
