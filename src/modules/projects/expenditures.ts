import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import {
  corrected,
  countedInPublishedReport,
  recordCorrection,
  recordVoid,
  requireCorrectable,
  requireReason,
  voided,
  voidedByName,
  voidMarkOf,
} from '../../platform/corrections';
import { AppError, type FieldProblem, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { voidInput } from '../../shared/contracts/common';
import type {
  ExpenditureView,
  expenditureCorrection,
  expenditureInput,
} from '../../shared/contracts/projects';
import { formatDate } from '../../shared/i18n';
import { findVisibleProject, type ProjectRow } from './policy';
import { budgetLines, expenditures, fundingSources } from './tables';

/** The checks of an expenditure's form: within the project's period, on a line and a source of the project. */
async function checkExpenditure(
  ctx: ActorCtx,
  project: ProjectRow,
  input: z.output<typeof expenditureInput>,
) {
  const problems: FieldProblem[] = [];
  if (input.spentOn < project.startsOn || input.spentOn > project.endsOn) {
    problems.push({
      field: 'spentOn',
      key: 'validation.outsideProjectPeriod',
      params: { from: formatDate(project.startsOn), to: formatDate(project.endsOn) },
    });
  }
  const [line] = await ctx.tx
    .select({ id: budgetLines.id })
    .from(budgetLines)
    .where(and(eq(budgetLines.id, input.budgetLineId), eq(budgetLines.projectId, project.id)));
  if (!line) problems.push({ field: 'budgetLineId', key: 'validation.unknownBudgetLine' });
  if (input.fundingSourceId) {
    const [source] = await ctx.tx
      .select({ id: fundingSources.id })
      .from(fundingSources)
      .where(and(eq(fundingSources.id, input.fundingSourceId), eq(fundingSources.projectId, project.id)));
    if (!source) problems.push({ field: 'fundingSourceId', key: 'validation.unknownFundingSource' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
}

/** Records money spent on a budget line, within the project's period. */
export async function recordExpenditure(
  ctx: ActorCtx,
  projectId: string,
  input: z.output<typeof expenditureInput>,
): Promise<string> {
  const project = await findVisibleProject(ctx.tx, ctx.actor, projectId);
  await checkExpenditure(ctx, project, input);
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(expenditures).values({
    id,
    organisationId: project.organisationId,
    projectId: project.id,
    budgetLineId: input.budgetLineId,
    fundingSourceId: input.fundingSourceId,
    spentOn: input.spentOn,
    amountCents: input.amountCents,
    description: input.description,
    recordedBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'project.record_expenditure',
    entityType: 'project',
    entityId: project.id,
    details: { expenditureId: id, amountCents: input.amountCents },
  });
  return id;
}

/** An expenditure of a project the caller sees, locked, not voided, at the version she read. */
async function findCorrectableExpenditure(ctx: ActorCtx, projectId: string, id: string, version: number) {
  const project = await findVisibleProject(ctx.tx, ctx.actor, projectId);
  const [row] = await ctx.tx
    .select()
    .from(expenditures)
    .where(and(eq(expenditures.id, id), eq(expenditures.projectId, project.id)))
    .for('update');
  if (!row) throw notFound();
  await requireCorrectable(ctx, row, version, row.recordedBy);
  return { project, row };
}

/**
 * Corrects an expenditure (amount, date, line, source, description): a reason when it is old or counted in
 * a published report, the change history, the audit entry in the same transaction.
 */
export async function correctExpenditure(
  ctx: ActorCtx,
  projectId: string,
  id: string,
  input: z.output<typeof expenditureCorrection>,
): Promise<void> {
  const { project, row } = await findCorrectableExpenditure(ctx, projectId, id, input.version);
  await checkExpenditure(ctx, project, input);
  const published = await countedInPublishedReport(ctx, [project.id], row.spentOn);
  requireReason(ctx, row.createdAt, input.reason, published);
  const after = {
    budgetLineId: input.budgetLineId,
    fundingSourceId: input.fundingSourceId,
    spentOn: input.spentOn,
    amountCents: input.amountCents,
    description: input.description,
  };
  await recordCorrection(
    ctx,
    { entity: 'expenditure', id: row.id, reason: input.reason, before: row, after },
    () =>
      ctx.tx
        .update(expenditures)
        .set({ ...after, ...corrected(ctx, row) })
        .where(eq(expenditures.id, row.id)),
    {
      action: 'expenditure.correct',
      entityType: 'project',
      entityId: project.id,
      details: { expenditureId: row.id },
    },
  );
}

/** Voids an expenditure: kept, marked with who, when and why, counted in no sum. */
export async function voidExpenditure(
  ctx: ActorCtx,
  projectId: string,
  id: string,
  input: z.output<typeof voidInput>,
): Promise<void> {
  const { project, row } = await findCorrectableExpenditure(ctx, projectId, id, input.version);
  await recordVoid(
    ctx,
    { entity: 'expenditure', id: row.id, reason: input.reason },
    () =>
      ctx.tx
        .update(expenditures)
        .set(voided(ctx, row, input.reason))
        .where(eq(expenditures.id, row.id)),
    {
      action: 'expenditure.void',
      entityType: 'project',
      entityId: project.id,
      details: { expenditureId: row.id },
    },
  );
}

/** A project's expenditures by date, voided ones included and marked. */
export async function listExpenditures(ctx: ActorCtx, projectId: string): Promise<ExpenditureView[]> {
  const project = await findVisibleProject(ctx.tx, ctx.actor, projectId);
  const rows = await ctx.tx
    .select({ e: expenditures, category: budgetLines.category, byName: voidedByName(expenditures.voidedBy) })
    .from(expenditures)
    .innerJoin(budgetLines, eq(budgetLines.id, expenditures.budgetLineId))
    .where(eq(expenditures.projectId, project.id))
    .orderBy(asc(expenditures.spentOn), asc(expenditures.id));
  return rows.map(({ e, category, byName }) => ({
    id: e.id,
    budgetLineId: e.budgetLineId,
    category,
    fundingSourceId: e.fundingSourceId,
    spentOn: e.spentOn,
    amountCents: e.amountCents,
    description: e.description,
    version: e.version,
    voided: voidMarkOf(e, byName),
  }));
}
