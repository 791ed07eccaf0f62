import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, type FieldProblem } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { requireVersion } from '../../platform/versions';
import type { budgetInput } from '../../shared/contracts/projects';
import { findVisibleProject } from './policy';
import { budgetLines, expenditures, fundingSources, projects } from './tables';

/**
 * Replaces a project's budget: the published total, the co-financing rule, budget lines
 * and funding sources. Lines and sources keep their ids when sent back, so expenditures
 * stay attached; one with expenditures cannot be removed.
 */
export async function saveBudget(
  ctx: ActorCtx,
  projectId: string,
  input: z.output<typeof budgetInput>,
): Promise<void> {
  const project = await findVisibleProject(ctx.tx, ctx.actor, projectId, 'change');
  await requireVersion(
    ctx,
    {
      version: project.budgetVersion,
      updatedBy: project.budgetUpdatedBy,
      updatedAt: project.budgetUpdatedAt ?? project.updatedAt,
    },
    input.version,
  );
  const problems: FieldProblem[] = [];
  for (const [kind, table, items, column] of [
    ['lines', budgetLines, input.lines, expenditures.budgetLineId],
    ['sources', fundingSources, input.sources, expenditures.fundingSourceId],
  ] as const) {
    const keptIds = items.map((item) => item.id).filter((x): x is string => !!x);
    const existing = await ctx.tx.select({ id: table.id }).from(table).where(eq(table.projectId, project.id));
    const existingIds = new Set(existing.map((r) => r.id));
    items.forEach((item, index) => {
      if (item.id && !existingIds.has(item.id))
        problems.push({ field: `${kind}.${index}.id`, key: 'validation.invalid' });
    });
    const removed = [...existingIds].filter((id) => !keptIds.includes(id));
    if (removed.length > 0) {
      const used = await ctx.tx
        .select({ id: column })
        .from(expenditures)
        .where(inArray(column, removed))
        .limit(1);
      if (used.length > 0) problems.push({ field: kind, key: 'validation.budgetItemInUse' });
    }
  }
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });

  await ctx.tx
    .update(projects)
    .set({
      declaredTotalCents: input.declaredTotalCents,
      cofinancingRequiredShare: input.cofinancingRequiredShare,
      cofinancingCountsInKind: input.cofinancingCountsInKind,
      volunteerHourlyRateCents: input.volunteerHourlyRateCents,
      budgetVersion: project.budgetVersion + 1,
      budgetUpdatedBy: ctx.actor.userId,
      budgetUpdatedAt: ctx.now,
    })
    .where(eq(projects.id, project.id));

  const keepLines = input.lines.map((l) => l.id).filter((x): x is string => !!x);
  await ctx.tx
    .delete(budgetLines)
    .where(
      and(
        eq(budgetLines.projectId, project.id),
        keepLines.length ? notInArray(budgetLines.id, keepLines) : undefined,
      ),
    );
  for (const [position, line] of input.lines.entries()) {
    const values = { category: line.category, plannedCents: line.plannedCents, position };
    if (line.id) await ctx.tx.update(budgetLines).set(values).where(eq(budgetLines.id, line.id));
    else
      await ctx.tx.insert(budgetLines).values({
        id: newId(ctx.now.getTime()),
        organisationId: project.organisationId,
        projectId: project.id,
        ...values,
      });
  }
  const keepSources = input.sources.map((s) => s.id).filter((x): x is string => !!x);
  await ctx.tx
    .delete(fundingSources)
    .where(
      and(
        eq(fundingSources.projectId, project.id),
        keepSources.length ? notInArray(fundingSources.id, keepSources) : undefined,
      ),
    );
  for (const [position, source] of input.sources.entries()) {
    const values = { type: source.type, name: source.name, amountCents: source.amountCents, position };
    if (source.id) await ctx.tx.update(fundingSources).set(values).where(eq(fundingSources.id, source.id));
    else
      await ctx.tx.insert(fundingSources).values({
        id: newId(ctx.now.getTime()),
        organisationId: project.organisationId,
        projectId: project.id,
        ...values,
      });
  }
  await recordAudit(ctx, {
    action: 'project.save_budget',
    entityType: 'project',
    entityId: project.id,
    details: {
      declaredTotalCents: input.declaredTotalCents,
      lines: input.lines.length,
      sources: input.sources.length,
    },
  });
}
