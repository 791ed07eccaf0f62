import { expect } from 'vitest';
import { personalCodeCheckDigit } from '../../src/shared/personal-code';
import type { Caller } from './app';

/** A valid old-form personal code for a birth date (the serial varies the code). */
export function personalCode(birthDate: string, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const century = y!.startsWith('19') ? '1' : '2';
  const ten = `${d}${m}${y!.slice(2)}${century}${String(serial).padStart(3, '0')}`;
  return `${ten.slice(0, 6)}-${ten.slice(6)}${personalCodeCheckDigit(ten)}`;
}

type Member =
  | { relation: string; person: Record<string, unknown>; joinedOn?: string }
  | { relation: string; personId: string; joinedOn?: string };

/** Registers a family through the API and returns the new ids. */
export async function registerFamily(
  caller: Caller,
  centreId: string,
  members: Member[],
  extraCase: Record<string, unknown> = {},
): Promise<{ familyId: string; caseId: string }> {
  const response = await caller.post('/api/families', {
    members,
    case: { centreId, referralDate: '2026-02-01', referralSource: 'social_service', ...extraCase },
    confirmSimilar: true,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
