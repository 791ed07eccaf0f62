/**
 * Latvian personal codes (personas kods).
 *
 * - Old form `DDMMYY-CNNNZ` (issued before 1 July 2017): the birth date, a century digit
 *   C (0 = 1800s, 1 = 1900s, 2 = 2000s), a serial, and a check digit
 *   Z = ((1101 − Σ dᵢ·wᵢ) mod 11) mod 10 with weights 1 6 3 7 9 10 5 8 4 2.
 * - New form `32NNNN-NNNNN` (from 1 July 2017): carries no birth date; only its shape
 *   is checked.
 *
 * The hyphen is optional on input; codes are stored as `NNNNNN-NNNNN`. A code is never
 * required (foreigners, newborns without one yet).
 */

export type PersonalCodeProblem = 'shape' | 'date' | 'century' | 'checksum';

export type ParsedPersonalCode =
  | { ok: true; code: string; birthDate: string | null }
  | { ok: false; problem: PersonalCodeProblem };

const weights = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function normalisePersonalCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '');
  return /^\d{11}$/.test(compact) ? `${compact.slice(0, 6)}-${compact.slice(6)}` : null;
}

export function parsePersonalCode(input: string): ParsedPersonalCode {
  const code = normalisePersonalCode(input);
  if (!code) return { ok: false, problem: 'shape' };
  const digits = code.replace('-', '').split('').map(Number);
  if (code.startsWith('32')) return { ok: true, code, birthDate: null };

  const century = { 0: 1800, 1: 1900, 2: 2000 }[digits[6]!];
  if (century === undefined) return { ok: false, problem: 'century' };
  const day = code.slice(0, 2);
  const month = code.slice(2, 4);
  const year = century + Number(code.slice(4, 6));
  const birthDate = `${year}-${month}-${day}`;
  const parsed = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== birthDate) {
    return { ok: false, problem: 'date' };
  }
  const sum = weights.reduce((total, weight, i) => total + weight * digits[i]!, 0);
  if (((1101 - sum) % 11) % 10 !== digits[10]) return { ok: false, problem: 'checksum' };
  return { ok: true, code, birthDate };
}

/** The check digit that completes the first ten digits of an old-form code (for test data). */
export function personalCodeCheckDigit(firstTen: string): number {
  const sum = weights.reduce((total, weight, i) => total + weight * Number(firstTen[i]), 0);
  return ((1101 - sum) % 11) % 10;
}
