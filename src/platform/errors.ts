import type { ErrorCode } from '../shared/contracts/common';
import type { MessageKey, MessageParams } from '../shared/i18n';

/** A field that failed validation, with the message key that tells the user what to fix. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: MessageParams;
}

/**
 * The one error type of the application. The code is stable (clients may rely on it);
 * the message is made from it in the caller's language by the error handler.
 */
export class AppError extends Error {
  readonly params?: MessageParams;
  readonly fields?: FieldProblem[];
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    options: { params?: MessageParams; fields?: FieldProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.params = options.params;
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

export const httpStatus: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  THROTTLED: 429,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  CROSS_SITE_REQUEST: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  CENTRE_NAME_TAKEN: 409,
  WRONG_PASSWORD: 400,
  CANNOT_DISABLE_SELF: 400,
  LAST_ADMINISTRATOR: 400,
  PAYLOAD_TOO_LARGE: 413,
  BAD_REQUEST: 400,
  INTERNAL: 500,
  PERSON_EXISTS: 409,
  PERSON_EXISTS_ELSEWHERE: 409,
  PERSON_ELSEWHERE: 409,
  FAMILY_ELSEWHERE: 409,
  OWN_ROLES: 403,
  IDEMPOTENCY_KEY_INVALID: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  STALE_VERSION: 409,
  DUPLICATE_ACTIVITY: 409,
  DUPLICATE_SESSION: 409,
  SIMILAR_PERSONS: 409,
  CASE_ALREADY_OPEN: 409,
  INVALID_TRANSITION: 400,
};

export const notFound = (): AppError => new AppError('NOT_FOUND');

export function invalid(...fields: FieldProblem[]): AppError {
  return new AppError('VALIDATION', { fields });
}

/** PostgreSQL's unique_violation, to turn a lost race into the same answer as the pre-check. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pgError = cause as { code?: string; constraint?: string; message?: string };
  if (pgError?.code !== '23505') return false;
  return (
    constraint === undefined || pgError.constraint === constraint || !!pgError.message?.includes(constraint)
  );
}
