import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, type FieldProblem } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { expenditureInput } from '../../shared/contracts/projects';
import { formatDate } from '../../shared/i18n';
import { findVisibleProject } from './policy';
import { budgetLines, expenditures, fundingSources } from './tables';

/** Records money spent on a budget line, within the project's period. */
export async function recordExpenditure(
  ctx: ActorCtx,
  projectId: string,
  input: z.output<typeof expenditureInput>,
): Promise<string> {
  const project = await findVisibleProject(ctx.tx, ctx.actor, projectId);
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
