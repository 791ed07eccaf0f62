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

/** A calendar date as YYYY-MM-DD. */
export const isoDate = z.iso.date();

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const okResponse = z.object({ ok: z.literal(true) });
