import { z } from 'zod';
import { correctionFields, isoDate, text, voidMark } from './common';

export const assessmentPhases = ['intake', 'review', 'exit'] as const;
export type AssessmentPhase = (typeof assessmentPhases)[number];

export const instrumentDomain = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, { message: 'validation.domainKey' }),
  nameLv: text(200).min(2),
  nameEn: text(200).min(2),
});
export type InstrumentDomain = z.infer<typeof instrumentDomain>;

export const instrumentScale = z.object({
  min: z.number().int().min(0).max(10),
  max: z.number().int().min(1).max(10),
  labels: z.array(z.object({ value: z.number().int(), lv: text(200), en: text(200) })).max(11),
});
export type InstrumentScale = z.infer<typeof instrumentScale>;

export const instrumentInput = z.object({
  nameLv: text(200).min(2),
  nameEn: text(200).min(2),
  version: text(40).min(1),
  domains: z.array(instrumentDomain).min(1).max(30),
  scale: instrumentScale,
});

export const instrumentView = z.object({
  id: z.uuid(),
  nameLv: z.string(),
  nameEn: z.string(),
  version: z.string(),
  builtin: z.boolean(),
  domains: z.array(instrumentDomain),
  scale: instrumentScale,
});
export type InstrumentView = z.infer<typeof instrumentView>;
export const instrumentList = z.object({ instruments: z.array(instrumentView) });

export const assessmentInput = z.object({
  instrumentId: z.uuid(),
  phase: z.enum(assessmentPhases),
  assessedOn: isoDate,
  notes: text(10000).default(''),
  scores: z
    .array(z.object({ domain: z.string().max(41), score: z.number().int() }))
    .min(1)
    .max(30),
});
/** A correction of an assessment: the whole form again (same instrument), the version read and a reason when needed. */
export const assessmentCorrection = assessmentInput.extend(correctionFields);
export type AssessmentInput = z.input<typeof assessmentInput>;

export const assessmentView = z.object({
  id: z.uuid(),
  instrumentId: z.uuid(),
  phase: z.enum(assessmentPhases),
  assessedOn: z.string(),
  assessedByName: z.string(),
  notes: z.string(),
  scores: z.record(z.string(), z.number()),
  /** Raised by every correction; a correction or void sends the version it was based on. */
  version: z.number(),
  /** Voided: shown struck through, left out of the change per domain. */
  voided: voidMark,
});
export type AssessmentView = z.infer<typeof assessmentView>;

/** Change per domain from the first assessment (the intake when there is one) to the latest. */
export const assessmentChange = z.object({
  instrumentId: z.uuid(),
  fromId: z.uuid(),
  toId: z.uuid(),
  domains: z.array(
    z.object({
      key: z.string(),
      nameLv: z.string(),
      nameEn: z.string(),
      from: z.number().nullable(),
      to: z.number().nullable(),
      change: z.number().nullable(),
    }),
  ),
});
export type AssessmentChange = z.infer<typeof assessmentChange>;

export const caseAssessments = z.object({
  assessments: z.array(assessmentView),
  changes: z.array(assessmentChange),
});
export type CaseAssessments = z.infer<typeof caseAssessments>;
