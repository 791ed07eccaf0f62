import { z } from 'zod';
import { isoDate, text } from './common';

export const contractKinds = ['delegation', 'service_agreement'] as const;

/** A municipal delegation contract or service agreement (e.g. 100 families at risk for Riga). */
export const contractInput = z.object({
  counterparty: text(300).min(2),
  number: text(100).min(1),
  kind: z.enum(contractKinds).default('delegation'),
  startsOn: isoDate,
  endsOn: isoDate.nullable().default(null),
  service: text(500).default(''),
  quotaFamilies: z.number().int().min(1).max(1e6).nullable().default(null),
  budgetProgramme: text(500).default(''),
  projectId: z.uuid().nullable().default(null),
  viewerIds: z.array(z.uuid()).max(50).optional(),
});
export type ContractInput = z.input<typeof contractInput>;

export const contractView = z.object({
  id: z.uuid(),
  counterparty: z.string(),
  number: z.string(),
  kind: z.enum(contractKinds),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  service: z.string(),
  quotaFamilies: z.number().nullable(),
  budgetProgramme: z.string(),
  projectId: z.uuid().nullable(),
  /** Linked cases; the number of families served comes from the reporting engine. */
  linkedCases: z.number(),
});
export type ContractView = z.infer<typeof contractView>;
export const contractList = z.object({ contracts: z.array(contractView) });

export const linkCaseInput = z.object({ caseId: z.uuid() });

export const exitReasons = ['completed', 'moved_away', 'declined', 'transferred', 'other'] as const;

export const enrolInput = z.object({
  programmeId: z.uuid(),
  familyId: z.uuid().optional(),
  personId: z.uuid().optional(),
  startsOn: isoDate,
});
export const endEnrolmentInput = z.object({ endsOn: isoDate, exitReason: z.enum(exitReasons) });
export const enrolmentParams = z.object({ id: z.uuid() });

export const enrolmentView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  familyId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  exitReason: z.enum(exitReasons).nullable(),
});
export const enrolmentList = z.object({ enrolments: z.array(enrolmentView) });
export type EnrolmentList = z.infer<typeof enrolmentList>;
