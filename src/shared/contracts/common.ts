import { z } from 'zod';

export const errorCodes = [
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'THROTTLED',
  'FORBIDDEN',
  'PASSWORD_CHANGE_REQUIRED',
  'CROSS_SITE_REQUEST',
  'NOT_FOUND',
  'VALIDATION',
  'CONFLICT',
  'EMAIL_TAKEN',
  'CENTRE_NAME_TAKEN',
  'WRONG_PASSWORD',
  'CANNOT_DISABLE_SELF',
  'LAST_ADMINISTRATOR',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  'INTERNAL',
  'PERSON_EXISTS',
  'PERSON_EXISTS_ELSEWHERE',
  'PERSON_ELSEWHERE',
  'FAMILY_ELSEWHERE',
  'OWN_ROLES',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'STALE_VERSION',
  'DUPLICATE_ACTIVITY',
  'DUPLICATE_SESSION',
  'SIMILAR_PERSONS',
  'CASE_ALREADY_OPEN',
  'INVALID_TRANSITION',
  'DATABASE_UNAVAILABLE',
  'TOOK_TOO_LONG',
  'EMERGENCY_NOT_NEEDED',
  'MFA_REQUIRED',
  'MFA_INVALID_CODE',
  'MFA_NOT_STARTED',
  'MFA_SETUP_REQUIRED',
  'ALREADY_ERASED',
  'ERASURE_HELD_OPEN_CASE',
  'ERASURE_HELD_RETENTION',
  'RATE_LIMITED',
  'ONE_TIME_PASSWORD_EXPIRED',
  'IMPORT_UNREADABLE',
  'IMPORT_TOO_LARGE',
  'IMPORT_MAPPING_INCOMPLETE',
  'IMPORT_ALREADY_UNDONE',
  'IMPORT_CHANGED_SINCE',
  'SETUP_DONE',
  'SETUP_TOKEN_INVALID',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Every error response has this shape; `message` is in the caller's language. */
export const errorResponse = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

export const id = z.uuid();
export const idParams = z.object({ id });

/**
 * A calendar date as YYYY-MM-DD, within the years any record of ours can be about (no year 0, no 9999: a
 * date range then never makes a loop or a list of millions of days). Fields narrow it where it matters.
 */
const wellFormedDate = /^\d{4}-\d{2}-\d{2}$/;
export const isoDate = z.iso
  .date()
  .refine((value) => !wellFormedDate.test(value) || (value >= '1900-01-01' && value <= '2100-12-31'), {
    message: 'validation.dateRange',
    params: { from: '01.01.1900', to: '31.12.2100' },
  });

/**
 * The date of something done (an activity, a session, money spent, hours given): from 2000 to the end of
 * next year, which no real record leaves.
 */
export const recordDate = isoDate.superRefine((value, ctx) => {
  const last = new Date().getUTCFullYear() + 1;
  if (wellFormedDate.test(value) && (value < '2000-01-01' || value > `${last}-12-31`))
    ctx.addIssue({
      code: 'custom',
      message: 'validation.dateRange',
      params: { from: '01.01.2000', to: `31.12.${last}` },
    });
});

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const okResponse = z.object({ ok: z.literal(true) });

/** A NUL byte, or half of a UTF-16 surrogate pair without its other half. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = { test: (value: string) => value.includes('\u0000') || loneSurrogate.test(value) };

/**
 * Free text, trimmed, at most `max` characters, without NUL bytes or lone UTF-16 surrogates (PostgreSQL
 * cannot store them): every text field of every contract is made with it.
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !unstorable.test(value), {
      message: 'validation.badCharacters',
    });

/**
 * What every correction sends besides the form: the version the record was read at (a save based on an
 * older one is refused with 409) and why (required for a record older than the configured days or counted
 * in a published report).
 */
export const correctionFields = {
  version: z.number().int().min(1),
  reason: text(1000).default(''),
};

/** Voiding a record: it stays on record and stops counting; the reason is required. */
export const voidInput = z.object({
  version: z.number().int().min(1),
  reason: text(1000).min(1),
});

/** How a voided record is shown: who voided it, when and why (null: not voided). */
export const voidMark = z.object({ at: z.string(), byName: z.string(), reason: z.string() }).nullable();

/** The records whose changes are kept field by field (CHECK on field_changes.entity_type). */
export const historyEntities = [
  'person',
  'family',
  'case',
  'activity',
  'expenditure',
  'volunteer_hours',
  'assessment',
  'plan_review',
  'family_member',
  'volunteer_check',
  'mentoring_match',
  'mentoring_meeting',
  'mentoring_review',
  'mentoring_supervision',
] as const;
export type HistoryEntity = (typeof historyEntities)[number];
