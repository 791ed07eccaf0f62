import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import {
  corrected,
  recordCorrection,
  recordVoid,
  requireCorrectable,
  requireReason,
  voided,
} from '../../platform/corrections';
import { AppError, type FieldProblem, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { voidInput } from '../../shared/contracts/common';
import type { planReviewCorrection, planReviewInput } from '../../shared/contracts/plans';
import { requireStatus } from './plans';
import { findPlan, requireWrite } from './policy';
import { planGoals, planReviewGoals, planReviews, plans } from './tables';

/* Reviews of an approved plan: recorded, corrected and voided by those who work on its case. */

/** The checks of a review's form: not in the future, the next review after it, goals of this plan. */
async function checkReview(ctx: ActorCtx, planId: string, input: z.output<typeof planReviewInput>) {
  const goals = await ctx.tx.select({ id: planGoals.id }).from(planGoals).where(eq(planGoals.planId, planId));
  const problems: FieldProblem[] = [];
  const today = ctx.now.toISOString().slice(0, 10);
  if (input.reviewedOn > today) problems.push({ field: 'reviewedOn', key: 'validation.dateFuture' });
  if (input.nextReviewOn && input.nextReviewOn <= input.reviewedOn)
    problems.push({ field: 'nextReviewOn', key: 'validation.nextReviewAfter' });
  input.goals.forEach((g, index) => {
    if (!goals.some((known) => known.id === g.goalId))
      problems.push({ field: `goals.${index}.goalId`, key: 'validation.unknownGoal' });
  });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
}

async function writeReviewGoals(ctx: ActorCtx, reviewId: string, input: z.output<typeof planReviewInput>) {
  for (const g of input.goals)
    await ctx.tx
      .insert(planReviewGoals)
      .values({ reviewId, goalId: g.goalId, progress: g.progress, comment: g.comment });
}

/** The plan's next review date follows its latest review that is not voided (kept when there is none). */
async function followLatestReview(ctx: ActorCtx, planId: string) {
  const [latest] = await ctx.tx
    .select({ nextReviewOn: planReviews.nextReviewOn })
    .from(planReviews)
    .where(and(eq(planReviews.planId, planId), isNull(planReviews.voidedAt)))
    .orderBy(desc(planReviews.reviewedOn), desc(planReviews.createdAt))
    .limit(1);
  if (latest)
    await ctx.tx
      .update(plans)
      .set({ nextReviewOn: latest.nextReviewOn, updatedAt: ctx.now })
      .where(eq(plans.id, planId));
}

/** A review of an approved plan: progress per goal and the next review date. */
export async function reviewPlan(ctx: ActorCtx, planId: string, input: z.output<typeof planReviewInput>) {
  const { plan, case: row } = await findPlan(ctx, planId);
  requireWrite(ctx, row);
  requireStatus(plan, ['approved']);
  await checkReview(ctx, planId, input);
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(planReviews).values({
    id,
    planId,
    reviewedOn: input.reviewedOn,
    nextReviewOn: input.nextReviewOn,
    notes: input.notes,
    reviewedBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await writeReviewGoals(ctx, id, input);
  await followLatestReview(ctx, planId);
  await recordAudit(ctx, { action: 'plan.review', entityType: 'plan', entityId: planId });
  return id;
}

/** A review of a plan the caller may change, locked, not voided, at the version she read. */
async function findCorrectableReview(ctx: ActorCtx, planId: string, reviewId: string, version: number) {
  const { case: row } = await findPlan(ctx, planId);
  requireWrite(ctx, row);
  const [review] = await ctx.tx
    .select()
    .from(planReviews)
    .where(and(eq(planReviews.id, reviewId), eq(planReviews.planId, planId)))
    .for('update');
  if (!review) throw notFound();
  await requireCorrectable(ctx, review, version, review.reviewedBy);
  return review;
}

/** Corrects a plan review (date, next review, notes, progress per goal), with a reason when it is old. */
export async function correctPlanReview(
  ctx: ActorCtx,
  planId: string,
  reviewId: string,
  input: z.output<typeof planReviewCorrection>,
): Promise<void> {
  const review = await findCorrectableReview(ctx, planId, reviewId, input.version);
  await checkReview(ctx, planId, input);
  requireReason(ctx, review.createdAt, input.reason, false);
  const goals = await ctx.tx.select().from(planReviewGoals).where(eq(planReviewGoals.reviewId, review.id));
  const progressText = (list: { goalId: string; progress: string; comment: string }[]) =>
    [...list]
      .sort((a, b) => a.goalId.localeCompare(b.goalId))
      .map((g) => `${g.goalId}: ${g.progress}${g.comment ? ` (${g.comment})` : ''}`)
      .join('; ');
  const fields = {
    reviewedOn: input.reviewedOn,
    nextReviewOn: input.nextReviewOn,
    notes: input.notes,
  };
  await recordCorrection(
    ctx,
    {
      entity: 'plan_review',
      id: review.id,
      reason: input.reason,
      before: { ...review, goals: progressText(goals) },
      after: { ...fields, goals: progressText(input.goals) },
    },
    async () => {
      await ctx.tx
        .update(planReviews)
        .set({ ...fields, ...corrected(ctx, review) })
        .where(eq(planReviews.id, review.id));
      await ctx.tx.delete(planReviewGoals).where(eq(planReviewGoals.reviewId, review.id));
      await writeReviewGoals(ctx, review.id, input);
    },
    { action: 'plan.correct_review', entityType: 'plan', entityId: planId, details: { reviewId: review.id } },
  );
  await followLatestReview(ctx, planId);
}

/** Voids a plan review: kept and marked; the plan's next review follows the latest review left. */
export async function voidPlanReview(
  ctx: ActorCtx,
  planId: string,
  reviewId: string,
  input: z.output<typeof voidInput>,
): Promise<void> {
  const review = await findCorrectableReview(ctx, planId, reviewId, input.version);
  await recordVoid(
    ctx,
    { entity: 'plan_review', id: review.id, reason: input.reason },
    () =>
      ctx.tx
        .update(planReviews)
        .set(voided(ctx, review, input.reason))
        .where(eq(planReviews.id, review.id)),
    {
      action: 'plan.void_review',
      entityType: 'plan',
      entityId: planId,
      details: { reviewId: review.id },
    },
  );
  await followLatestReview(ctx, planId);
}
