import type { MessageKey, MessageParams } from './i18n';
import { isMessageKey } from './i18n';

/** A field that failed validation, with the message key that tells the user what to fix. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: MessageParams;
}

/** One issue as zod reports it: its code, the path to the value, and the check's own parameters. */
export interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message?: string;
  [param: string]: unknown;
}

/** Finds the value an issue points at, to tell "missing" from "wrong". */
function valueAt(source: unknown, path: readonly PropertyKey[]): unknown {
  let current = source;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/**
 * Maps one zod issue to a message key the user can act on. The server answers a request's validation
 * with it, and the web checks a form with the same contract and the same words before sending it.
 * A contract may name its own message key as the issue's message (`z.string().refine(…, 'validation.x')`).
 */
export function problemOf(issue: ZodIssueLike, input: unknown): FieldProblem {
  const field = issue.path.map(String).join('.') || '_';
  const origin = issue.origin as string | undefined;
  const of = (key: MessageKey, params?: MessageParams): FieldProblem => ({ field, key, params });
  if (issue.message && isMessageKey(issue.message)) {
    const params = Object.fromEntries(
      Object.entries(issue).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
    ) as MessageParams;
    return of(issue.message, params);
  }
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? of('validation.required')
        : of('validation.invalidType');
    case 'too_small':
      if (origin === 'string') {
        const min = Number(issue.minimum);
        return min <= 1 ? of('validation.required') : of('validation.tooShort', { min });
      }
      return of('validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      return origin === 'string'
        ? of('validation.tooLong', { max: Number(issue.maximum) })
        : of('validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return of('validation.email');
      if (issue.format === 'uuid') return of('validation.uuid');
      if (issue.format === 'date') return of('validation.date');
      return of('validation.invalid');
    case 'invalid_value':
      return of('validation.invalidValue');
    case 'unrecognized_keys':
      return of('validation.unknownField');
    default:
      return of('validation.invalid');
  }
}
