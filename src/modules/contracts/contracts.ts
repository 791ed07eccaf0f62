import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection';
import { recordAudit } from '../../platform/audit';
import type { Actor, ActorCtx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { ContractView, contractInput } from '../../shared/contracts/agreements';
import { findCase } from '../cases/policy';
import { projects } from '../projects/tables';
import { contractVisible } from './policy';
import { contractCases, contracts, contractViewers } from './tables';

const linked =
  sql<number>`(select count(*) from contract_cases cc where cc.contract_id = contracts.id)`.mapWith(Number);

export async function findContract(db: Db, actor: Actor, id: string): Promise<ContractView> {
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

export async function saveContract(
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

/** The contracts the caller may see, by start date and number. */
export async function listContracts(ctx: ActorCtx): Promise<ContractView[]> {
  const rows = await ctx.tx
    .select({ contract: contracts, linkedCases: linked })
    .from(contracts)
    .where(contractVisible(ctx.actor))
    .orderBy(asc(contracts.startsOn), asc(contracts.number));
  return rows.map((r) => present(r.contract, r.linkedCases));
}

/** Links a case of the manager's centre to a contract the caller may see; audited. */
export async function linkCase(ctx: ActorCtx, contractId: string, caseId: string): Promise<void> {
  const contract = await findContract(ctx.tx, ctx.actor, contractId);
  const row = await findCase(ctx, caseId, 'supervise');
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
}
