import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { correctionColumns } from '../../platform/corrections';
import type { ActionStatus, GoalProgress, PlanArea, PlanStatus } from '../../shared/plans';

export const plans = pgTable('plans', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  caseId: uuid('case_id').notNull(),
  title: text().notNull(),
  status: text().$type<PlanStatus>().notNull(),
  nextReviewOn: date('next_review_on', { mode: 'string' }),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decisionComment: text('decision_comment'),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** Raised by every save: a save based on an older one is refused (409). */
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
});

export const planGoals = pgTable('plan_goals', {
  id: uuid().primaryKey(),
  planId: uuid('plan_id').notNull(),
  position: integer().notNull(),
  area: text().$type<PlanArea>().notNull(),
  description: text().notNull(),
  targetOn: date('target_on', { mode: 'string' }),
});

export const planActions = pgTable('plan_actions', {
  id: uuid().primaryKey(),
  goalId: uuid('goal_id').notNull(),
  position: integer().notNull(),
  responsible: text().notNull(),
  description: text().notNull(),
  dueOn: date('due_on', { mode: 'string' }),
  status: text().$type<ActionStatus>().notNull(),
});

export const planReviews = pgTable('plan_reviews', {
  id: uuid().primaryKey(),
  planId: uuid('plan_id').notNull(),
  reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
  nextReviewOn: date('next_review_on', { mode: 'string' }),
  notes: text().notNull(),
  reviewedBy: uuid('reviewed_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  ...correctionColumns(),
});

export const planReviewGoals = pgTable(
  'plan_review_goals',
  {
    reviewId: uuid('review_id').notNull(),
    goalId: uuid('goal_id').notNull(),
    progress: text().$type<GoalProgress>().notNull(),
    comment: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.goalId] })],
);
