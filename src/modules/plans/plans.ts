import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { voidedByName, voidMarkOf } from '../../platform/corrections';
import { AppError, type FieldProblem, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { requireVersion } from '../../platform/versions';
import { can } from '../../shared/access';
import type { actionStatusInput, PlanView, planDecisionInput, planInput } from '../../shared/contracts/plans';
import type { PlanStatus } from '../../shared/plans';
import { findCase } from '../cases/policy';
import { users } from '../users/tables';
import { findPlan, type PlanRow, requireWrite } from './policy';
import { planActions, planGoals, planReviewGoals, planReviews, plans } from './tables';

/** A save of a plan: the next version, who saved it and when. */
const savedBy = (ctx: ActorCtx, plan: PlanRow) => ({
  version: plan.version + 1,
  updatedBy: ctx.actor.userId,
  updatedAt: ctx.now,
});

export function requireStatus(plan: PlanRow, allowed: PlanStatus[]) {
  if (!allowed.includes(plan.status))
    throw invalid({ field: 'status', key: `validation.plan.${plan.status}` as const });
}

function checkDates(input: z.output<typeof planInput>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [g, goal] of input.goals.entries()) {
    for (const [a, action] of goal.actions.entries()) {
      if (action.dueOn && goal.targetOn && action.dueOn > goal.targetOn)
        problems.push({ field: `goals.${g}.actions.${a}.dueOn`, key: 'validation.actionAfterGoal' });
    }
  }
  return problems;
}

async function writeGoals(ctx: ActorCtx, planId: string, input: z.output<typeof planInput>) {
  for (const [position, goal] of input.goals.entries()) {
    const goalId = newId(ctx.now.getTime());
    await ctx.tx.insert(planGoals).values({
      id: goalId,
      planId,
      position,
      area: goal.area,
      description: goal.description,
      targetOn: goal.targetOn,
    });
    for (const [index, action] of goal.actions.entries()) {
      await ctx.tx
        .insert(planActions)
        .values({ id: newId(ctx.now.getTime()), goalId, position: index, ...action });
    }
  }
}

/** Writes a new plan as a draft on a case of the caller's. */
export async function createPlan(ctx: ActorCtx, caseId: string, input: z.output<typeof planInput>) {
  const row = await findCase(ctx, caseId);
  requireWrite(ctx, row);
  const problems = checkDates(input);
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(plans).values({
    id,
    organisationId: row.organisationId,
    caseId,
    title: input.title,
    status: 'draft',
    nextReviewOn: input.nextReviewOn,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await writeGoals(ctx, id, input);
  await recordAudit(ctx, { action: 'plan.create', entityType: 'plan', entityId: id, details: { caseId } });
  return id;
}

/** Rewrites a draft or returned plan (its goals and actions are replaced). */
export async function updatePlan(ctx: ActorCtx, planId: string, input: z.output<typeof planInput>) {
  const { plan, case: row } = await findPlan(ctx, planId, 'change');
  requireWrite(ctx, row);
  await requireVersion(ctx, { ...plan, updatedBy: plan.updatedBy ?? plan.createdBy }, input.version);
  requireStatus(plan, ['draft', 'returned']);
  const problems = checkDates(input);
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  const goalIds = (
    await ctx.tx.select({ id: planGoals.id }).from(planGoals).where(eq(planGoals.planId, planId))
  ).map((g) => g.id);
  if (goalIds.length > 0) await ctx.tx.delete(planActions).where(inArray(planActions.goalId, goalIds));
  await ctx.tx.delete(planGoals).where(eq(planGoals.planId, planId));
  await writeGoals(ctx, planId, input);
  await ctx.tx
    .update(plans)
    .set({ title: input.title, nextReviewOn: input.nextReviewOn, ...savedBy(ctx, plan) })
    .where(eq(plans.id, planId));
  await recordAudit(ctx, { action: 'plan.update', entityType: 'plan', entityId: planId });
}

/** The key worker or team hands the plan to the centre's manager for approval. */
export async function submitPlan(ctx: ActorCtx, planId: string) {
  const { plan, case: row } = await findPlan(ctx, planId, 'change');
  requireWrite(ctx, row);
  requireStatus(plan, ['draft', 'returned']);
  await ctx.tx
    .update(plans)
    .set({ status: 'submitted', ...savedBy(ctx, plan) })
    .where(eq(plans.id, planId));
  await recordAudit(ctx, { action: 'plan.submit', entityType: 'plan', entityId: planId });
}

/** The centre's manager approves a submitted plan or returns it with a comment saying what to change. */
export async function decidePlan(ctx: ActorCtx, planId: string, input: z.output<typeof planDecisionInput>) {
  const { plan, case: row } = await findPlan(ctx, planId, 'change');
  if (!can(ctx.actor, 'cases.supervise', row.centreId)) throw new AppError('FORBIDDEN');
  requireStatus(plan, ['submitted']);
  if (input.decision === 'return' && !input.comment)
    throw invalid({ field: 'comment', key: 'validation.returnComment' });
  await ctx.tx
    .update(plans)
    .set({
      status: input.decision === 'approve' ? 'approved' : 'returned',
      decidedBy: ctx.actor.userId,
      decidedAt: ctx.now,
      decisionComment: input.comment || null,
      ...savedBy(ctx, plan),
    })
    .where(eq(plans.id, planId));
  await recordAudit(ctx, {
    action: input.decision === 'approve' ? 'plan.approve' : 'plan.return',
    entityType: 'plan',
    entityId: planId,
  });
}

export async function setActionStatus(
  ctx: ActorCtx,
  planId: string,
  actionId: string,
  input: z.output<typeof actionStatusInput>,
) {
  const { case: row } = await findPlan(ctx, planId);
  requireWrite(ctx, row);
  const [action] = await ctx.tx
    .select({ id: planActions.id })
    .from(planActions)
    .innerJoin(planGoals, eq(planGoals.id, planActions.goalId))
    .where(and(eq(planActions.id, actionId), eq(planGoals.planId, planId)));
  if (!action) throw notFound();
  await ctx.tx.update(planActions).set({ status: input.status }).where(eq(planActions.id, actionId));
  await recordAudit(ctx, {
    action: 'plan.action_status',
    entityType: 'plan',
    entityId: planId,
    details: { actionId, status: input.status },
  });
}

const userName = sql<string>`${users.givenName} || ' ' || ${users.familyName}`;

/** The plans of a case, newest first, with goals, actions and reviews (an audited read). */
export async function listPlans(ctx: ActorCtx, caseId: string): Promise<PlanView[]> {
  await findCase(ctx, caseId);
  await recordAudit(ctx, { action: 'case.read_plans', entityType: 'case', entityId: caseId });
  const rows = await ctx.tx
    .select({ plan: plans, createdByName: userName })
    .from(plans)
    .innerJoin(users, eq(users.id, plans.createdBy))
    .where(eq(plans.caseId, caseId))
    .orderBy(desc(plans.createdAt));
  if (rows.length === 0) return [];
  const planIds = rows.map((r) => r.plan.id);
  const deciders = await ctx.tx
    .select({ id: users.id, name: userName })
    .from(users)
    .where(
      inArray(
        users.id,
        rows.flatMap((r) => (r.plan.decidedBy ? [r.plan.decidedBy] : [])).concat(ctx.actor.userId),
      ),
    );
  const goals = await ctx.tx
    .select()
    .from(planGoals)
    .where(inArray(planGoals.planId, planIds))
    .orderBy(asc(planGoals.position));
  const actions = goals.length
    ? await ctx.tx
        .select()
        .from(planActions)
        .where(
          inArray(
            planActions.goalId,
            goals.map((g) => g.id),
          ),
        )
        .orderBy(asc(planActions.position))
    : [];
  const reviews = await ctx.tx
    .select({ review: planReviews, name: userName, byName: voidedByName(planReviews.voidedBy) })
    .from(planReviews)
    .innerJoin(users, eq(users.id, planReviews.reviewedBy))
    .where(inArray(planReviews.planId, planIds))
    .orderBy(desc(planReviews.reviewedOn), desc(planReviews.createdAt));
  const progress = reviews.length
    ? await ctx.tx
        .select()
        .from(planReviewGoals)
        .where(
          inArray(
            planReviewGoals.reviewId,
            reviews.map((r) => r.review.id),
          ),
        )
    : [];
  return rows.map(({ plan, createdByName }) => ({
    id: plan.id,
    caseId: plan.caseId,
    version: plan.version,
    title: plan.title,
    status: plan.status,
    nextReviewOn: plan.nextReviewOn,
    decidedByName: deciders.find((d) => d.id === plan.decidedBy)?.name ?? null,
    decidedAt: plan.decidedAt?.toISOString() ?? null,
    decisionComment: plan.decisionComment,
    createdByName,
    createdAt: plan.createdAt.toISOString(),
    goals: goals
      .filter((g) => g.planId === plan.id)
      .map((g) => ({
        id: g.id,
        area: g.area,
        description: g.description,
        targetOn: g.targetOn,
        actions: actions.filter((a) => a.goalId === g.id).map(({ goalId: _, position: __, ...a }) => a),
      })),
    reviews: reviews
      .filter((r) => r.review.planId === plan.id)
      .map(({ review, name, byName }) => ({
        id: review.id,
        version: review.version,
        voided: voidMarkOf(review, byName),
        reviewedOn: review.reviewedOn,
        nextReviewOn: review.nextReviewOn,
        notes: review.notes,
        reviewedByName: name,
        goals: progress
          .filter((p) => p.reviewId === review.id)
          .map((p) => ({ goalId: p.goalId, progress: p.progress, comment: p.comment })),
      })),
  }));
}
