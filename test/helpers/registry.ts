import { expect } from 'vitest';
import type { Caller } from './app';

export { personalCode } from './personal-codes';

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

/** The catalogue's built-in activity types by code (`home_visit` → its id), as the forms offer them. */
export async function activityTypeIds(caller: Caller): Promise<Record<string, string>> {
  const { types } = (await caller.get('/api/activity-types')).json() as {
    types: { id: string; code: string | null }[];
  };
  return Object.fromEntries(types.flatMap((type) => (type.code ? [[type.code, type.id]] : [])));
}
