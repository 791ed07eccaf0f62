import { z } from 'zod';

const years = z.number().int().min(1).max(100);

/**
 * The organisation's retention rules: years after a case closed until its people are anonymised, and until
 * its documents are deleted (never later than the people: a document names them).
 */
export const retentionRulesInput = z
  .object({ caseYears: years, documentYears: years })
  .refine((rules) => rules.documentYears <= rules.caseYears, {
    path: ['documentYears'],
    message: 'validation.documentsOutliveCase',
  });
export type RetentionRulesInput = z.infer<typeof retentionRulesInput>;

export const retentionRules = z.object({
  caseYears: years,
  documentYears: years,
  /** False while the organisation follows the server's default (CASE_RETENTION_YEARS). */
  custom: z.boolean(),
});
export type RetentionRules = z.infer<typeof retentionRules>;

/** What a retention run would change now (a dry run) or did change, under the rules it applied. */
export const retentionView = retentionRules.extend({
  persons: z.number().int(),
  documents: z.number().int(),
});
