import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/context';
import { type ActorCtx, asActor } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { App } from '../../platform/types';
import {
  type ContractView,
  contractInput,
  contractList,
  contractView,
  linkCaseInput,
} from '../../shared/contracts/agreements';
import { idParams, okResponse } from '../../shared/contracts/common';
import { findCase } from '../cases/policy';
import { projects } from '../projects/tables';
import { contractVisible } from './policy';
import { contractCases, contracts, contractViewers } from './tables';

const tags = ['contracts'];
const read = { anyPermission: ['projects.read', 'partner.read', 'cases.supervise'] } as const;
const write = { anyPermission: ['projects.manage', 'finance.manage'] } as const;

const linked =
  sql<number>`(select count(*) from contract_cases cc where cc.contract_id = contracts.id)`.mapWith(Number);

async function findContract(db: Db, actor: Actor, id: string): Promise<ContractView> {
  const [row] = await db
    .select({ contract: contracts, linkedCases: linked })
    .from(contracts)
    .where(and(eq(contracts.id, id), contractVisible(actor)));
  if (!row) throw notFound();
  return present(row.contract, row.linkedCases);
}

function present(row: typeof contracts.$inferSelect, linkedCases: number): ContractView {
  return {
    id: row.id,
    counterparty: row.counterparty,
    number: row.number,
    kind: row.kind,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    service: row.service,
    quotaFamilies: row.quotaFamilies,
    budgetProgramme: row.budgetProgramme,
    projectId: row.projectId,
    linkedCases,
  };
}

async function saveContract(
  ctx: ActorCtx,
  id: string | null,
  input: z.output<typeof contractInput>,
): Promise<string> {
  if (input.endsOn && input.endsOn < input.startsOn)
    throw invalid({ field: 'endsOn', key: 'validation.endBeforeStart' });
  if (input.projectId) {
    const [project] = await ctx.tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, input.projectId), eq(projects.organisationId, ctx.actor.organisationId)));
    if (!project) throw invalid({ field: 'projectId', key: 'validation.unknownProject' });
  }
  const { viewerIds, ...fields } = input;
  const contractId = id ?? newId(ctx.now.getTime());
  try {
    if (id === null) {
      await ctx.tx.insert(contracts).values({
        id: contractId,
        organisationId: ctx.actor.organisationId,
        ...fields,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
    } else {
      await findContract(ctx.tx, ctx.actor, id);
      await ctx.tx
        .update(contracts)
        .set({ ...fields, updatedAt: ctx.now })
        .where(eq(contracts.id, id));
    }
  } catch (error) {
    if (isUniqueViolation(error, 'contracts_number_unique')) {
      throw new AppError('CONFLICT', {
        fields: [{ field: 'number', key: 'validation.contractNumberTaken' }],
      });
    }
    throw error;
  }
  if (viewerIds) {
    await ctx.tx.delete(contractViewers).where(eq(contractViewers.contractId, contractId));
    for (const userId of new Set(viewerIds))
      await ctx.tx.insert(contractViewers).values({ contractId, userId });
  }
  await recordAudit(ctx, {
    action: id === null ? 'contract.create' : 'contract.update',
    entityType: 'contract',
    entityId: contractId,
  });
  return contractId;
}

export async function contractRoutes(app: App): Promise<void> {
  app.get(
    '/api/contracts',
    {
      config: { access: read },
      schema: { tags, summary: 'Contracts the caller may see', response: { 200: contractList } },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const rows = await ctx.tx
          .select({ contract: contracts, linkedCases: linked })
          .from(contracts)
          .where(contractVisible(ctx.actor))
          .orderBy(asc(contracts.startsOn), asc(contracts.number));
        return { contracts: rows.map((r) => present(r.contract, r.linkedCases)) };
      }),
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
      await asActor(request, async (ctx) => {
        const contract = await findContract(ctx.tx, ctx.actor, request.params.id);
        const row = await findCase(ctx, request.body.caseId, 'supervise');
        await ctx.tx
          .insert(contractCases)
          .values({ contractId: contract.id, caseId: row.id })
          .onConflictDoNothing();
        await recordAudit(ctx, {
          action: 'contract.link_case',
          entityType: 'contract',
          entityId: contract.id,
          details: { caseId: row.id },
        });
      });
      return { ok: true as const };
    },
  );
}
