import { and, eq } from 'drizzle-orm';
import type { ActorCtx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { can } from '../../shared/access';
import { type CaseRow, findCase } from '../cases/policy';
import { plans } from './tables';

/* A plan is case content: it follows its case (src/modules/cases/policy.ts). */

export type PlanRow = typeof plans.$inferSelect;

/** A plan of a case the caller may open (404 otherwise), with that case. */
export async function findPlan(
  ctx: ActorCtx,
  planId: string,
  need: 'read' | 'change' = 'read',
): Promise<{ plan: PlanRow; case: CaseRow }> {
  const query = ctx.tx
    .select()
    .from(plans)
    .where(and(eq(plans.id, planId), eq(plans.organisationId, ctx.actor.organisationId)));
  // To be changed, the plan is locked until the transaction ends, so a version check cannot be raced.
  const [plan] = need === 'read' ? await query : await query.for('update');
  if (!plan) throw notFound();
  return { plan, case: await findCase(ctx, plan.caseId) };
}

export function requireWrite(ctx: ActorCtx, row: CaseRow) {
  if (!can(ctx.actor, 'cases.write', row.centreId)) throw new AppError('FORBIDDEN');
}
