import { z } from 'zod';
import { actionStatuses, goalProgress, planAreas, planStatuses } from '../plans';
import { correctionFields, isoDate, text, voidMark } from './common';

export const planInput = z.object({
  title: text(200).min(2),
  nextReviewOn: isoDate.nullable().default(null),
  goals: z
    .array(
      z.object({
        area: z.enum(planAreas),
        description: text(2000).min(2),
        targetOn: isoDate.nullable().default(null),
        actions: z
          .array(
            z.object({
              responsible: text(200).min(2),
              description: text(2000).min(2),
              dueOn: isoDate.nullable().default(null),
              status: z.enum(actionStatuses).default('open'),
            }),
          )
          .max(20)
          .default([]),
      }),
    )
    .min(1)
    .max(20),
  /** The version the plan was read at, when it is edited (409 when someone saved since). */
  version: z.number().int().min(1).optional(),
});
export type PlanInput = z.input<typeof planInput>;

export const planDecisionInput = z.object({
  decision: z.enum(['approve', 'return']),
  comment: text(2000).default(''),
});

export const actionStatusInput = z.object({ status: z.enum(actionStatuses) });

export const planReviewInput = z.object({
  reviewedOn: isoDate,
  nextReviewOn: isoDate.nullable().default(null),
  notes: text(10000).default(''),
  goals: z
    .array(z.object({ goalId: z.uuid(), progress: z.enum(goalProgress), comment: text(2000).default('') }))
    .max(20),
});
/** A correction of a plan review: the whole form again, the version read and a reason when needed. */
export const planReviewCorrection = planReviewInput.extend(correctionFields);

export const planView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  /** Raised by every save, submission and decision. */
  version: z.number(),
  title: z.string(),
  status: z.enum(planStatuses),
  nextReviewOn: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  goals: z.array(
    z.object({
      id: z.uuid(),
      area: z.enum(planAreas),
      description: z.string(),
      targetOn: z.string().nullable(),
      actions: z.array(
        z.object({
          id: z.uuid(),
          responsible: z.string(),
          description: z.string(),
          dueOn: z.string().nullable(),
          status: z.enum(actionStatuses),
        }),
      ),
    }),
  ),
  reviews: z.array(
    z.object({
      id: z.uuid(),
      reviewedOn: z.string(),
      nextReviewOn: z.string().nullable(),
      notes: z.string(),
      reviewedByName: z.string(),
      version: z.number(),
      voided: voidMark,
      goals: z.array(z.object({ goalId: z.uuid(), progress: z.enum(goalProgress), comment: z.string() })),
    }),
  ),
});
export type PlanView = z.infer<typeof planView>;
export const planList = z.object({ plans: z.array(planView) });
