import type { ErrorCode } from '../shared/contracts/common';
import type { MessageParams } from '../shared/i18n';
import type { FieldProblem } from '../shared/validation';

export type { FieldProblem };

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
  DATABASE_UNAVAILABLE: 503,
  TOOK_TOO_LONG: 503,
  EMERGENCY_NOT_NEEDED: 409,
  MFA_REQUIRED: 401,
  MFA_INVALID_CODE: 401,
  MFA_NOT_STARTED: 400,
  MFA_SETUP_REQUIRED: 403,
  ALREADY_ERASED: 409,
  ERASURE_HELD_OPEN_CASE: 409,
  ERASURE_HELD_RETENTION: 409,
  RATE_LIMITED: 429,
  ONE_TIME_PASSWORD_EXPIRED: 401,
  IMPORT_UNREADABLE: 400,
  IMPORT_TOO_LARGE: 400,
  IMPORT_MAPPING_INCOMPLETE: 400,
  IMPORT_ALREADY_UNDONE: 409,
  IMPORT_CHANGED_SINCE: 409,
  SETUP_DONE: 409,
  SETUP_TOKEN_INVALID: 403,
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

interface DatabaseError {
  code: string;
  constraint?: string;
  column?: string;
  table?: string;
  detail?: string;
}

/** The PostgreSQL error under a driver's or Drizzle's wrapper, if the error came from the database. */
function databaseError(error: unknown): DatabaseError | null {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = (cause as { code?: unknown })?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? (cause as DatabaseError) : null;
}

/**
 * The field a refusal is about, as forms name it (`programme_id` → `programmeId`): the column PostgreSQL
 * names, else the key in its detail ("Key (programme_id)=…"), else the constraint without its table and suffix.
 */
function fieldOf(db: DatabaseError): string {
  const fromConstraint =
    db.constraint && db.table && db.constraint.startsWith(`${db.table}_`)
      ? db.constraint.slice(db.table.length + 1).replace(/_(fkey|key|check|unique)$/, '')
      : undefined;
  const name = db.column ?? db.detail?.match(/^Key \(([a-z_]+)\)=/)?.[1] ?? fromConstraint;
  return name ? name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : '_';
}

/**
 * A database refusal that a use case did not foresee, turned into the answer a check would have given:
 * a reference to a record that does not exist (400 naming the field), a record that exists already (409),
 * a value the column cannot hold (400). Null for anything else (a real fault: 500).
 */
export function fromDatabaseRefusal(error: unknown): AppError | null {
  const db = databaseError(error);
  if (!db) return null;
  const field = fieldOf(db);
  if (db.code === '57014') return new AppError('TOOK_TOO_LONG');
  if (db.code === '23503') return invalid({ field, key: 'validation.unknownReference' });
  if (db.code === '23505')
    return new AppError('CONFLICT', { fields: [{ field, key: 'validation.alreadyExists' }] });
  // Not-null, check, and values a column cannot hold: wrong text, dates or numbers out of range, NUL bytes.
  if (/^(23502|23514|22\d{3})$/.test(db.code)) return invalid({ field, key: 'validation.invalid' });
  return null;
}

/** What may be logged of a failure: its kind and the database's error code, never values or SQL. */
export function loggable(error: unknown): Record<string, unknown> {
  const db = databaseError(error);
  return {
    type: (error as Error)?.name ?? typeof error,
    ...(db ? { pgCode: db.code, constraint: db.constraint } : {}),
  };
}

/**
 * Whether an error says the database cannot be reached or dropped the connection (a restart, a failover,
 * an idle timeout, a network blip): the request is answered 503 and the pool connects again next time.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = ((error as { cause?: unknown })?.cause ?? error) as { code?: unknown; message?: unknown };
  const code = typeof cause?.code === 'string' ? cause.code : '';
  if (/^(08\d{3}|57P0[1-3])$/.test(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))
    return true;
  return (
    typeof cause?.message === 'string' &&
    /Connection terminated|connection.*(closed|ended)/i.test(cause.message)
  );
}
