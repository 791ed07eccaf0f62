import type { ZodType } from 'zod';
import { isMessageKey, type Language, type MessageKey, type MessageParams, translate } from './i18n';

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

/** Where a request's field is shown in a form: a renaming, or a rule (the n-th score is a domain's). */
export type FieldOf = Record<string, string> | ((field: string) => string);
export const formField = (fieldOf: FieldOf, field: string) =>
  typeof fieldOf === 'function' ? fieldOf(field) : (fieldOf[field] ?? field);

/**
 * The messages a contract gives for a request body, keyed by field as the server would name them, in the
 * user's language: the same words the server answers with, without the round trip. `fieldOf` renames a
 * body field to the form field that holds it (`typeId` is chosen in the field `typeCode`).
 */
export function contractErrors(
  contract: ZodType,
  body: unknown,
  language: Language,
  fieldOf: FieldOf = {},
): Record<string, string> {
  const parsed = contract.safeParse(body);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const problem = problemOf(issue as unknown as ZodIssueLike, body);
    const field = formField(fieldOf, problem.field);
    errors[field] ??= translate(language, problem.key, problem.params);
  }
  return errors;
}
