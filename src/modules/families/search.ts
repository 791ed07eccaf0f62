import { and, asc, eq, isNull, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import type { SearchResult, searchQuery } from '../../shared/contracts/registry';
import { foldForSearch } from '../../shared/names';
import { normalisePersonalCode } from '../../shared/personal-code';
import { canFindCase, canOpenCase } from '../cases/policy';
import { cases } from '../cases/tables';
import { centres } from '../centres/tables';
import { families, familyMembers, persons } from './tables';

/**
 * One condition per word typed: the folded name (`persons.search_name`) holds it, whatever its case and
 * diacritics; `%` and `_` are taken literally. No words, no conditions.
 */
export function nameHolds(searchName: SQLWrapper, typed: string): SQL[] {
  return foldForSearch(typed)
    .split(' ')
    .filter(Boolean)
    .map((word) => sql`${searchName} like ${`%${word.replace(/[\\%_]/g, '\\$&')}%`}`);
}

/**
 * Finds people by name (partial, insensitive to case and diacritics, through the
 * trigram index on the folded name), personal code or birth date, only among people
 * of cases the caller may find. Results in Latvian alphabetical order; each lists the
 * cases it belongs to and whether the caller may open them.
 */
export async function searchPeople(
  ctx: ActorCtx,
  query: z.output<typeof searchQuery>,
): Promise<SearchResult> {
  const names = query.q ? nameHolds(persons.searchName, query.q) : [];
  const code = query.personalCode ? normalisePersonalCode(query.personalCode) : null;
  if (names.length === 0 && !code && !query.birthDate) return { results: [] };
  const conditions: (SQL | undefined)[] = [
    eq(persons.organisationId, ctx.actor.organisationId),
    isNull(persons.mergedInto),
    ...names,
    query.personalCode ? (code ? eq(persons.personalCode, code) : sql`false`) : undefined,
    query.birthDate ? eq(persons.birthDate, query.birthDate) : undefined,
    canFindCase(ctx.actor),
  ];
  const rows = await ctx.tx
    .select({
      personId: persons.id,
      givenName: persons.givenName,
      familyName: persons.familyName,
      birthDate: persons.birthDate,
      birthYear: persons.birthYear,
      sortKey: persons.sortKey,
      caseId: cases.id,
      caseFamily: families.name,
      familyId: families.id,
      centreName: centres.name,
      status: cases.status,
      canOpen: canOpenCase(ctx.actor).mapWith(Boolean),
    })
    .from(persons)
    .innerJoin(familyMembers, eq(familyMembers.personId, persons.id))
    .innerJoin(cases, eq(cases.familyId, familyMembers.familyId))
    .innerJoin(families, eq(families.id, cases.familyId))
    .innerJoin(centres, eq(centres.id, cases.centreId))
    .where(and(...conditions))
    .orderBy(asc(persons.sortKey), asc(persons.id), asc(cases.openedOn))
    .limit(query.limit * 5);

  const results: SearchResult['results'] = [];
  for (const row of rows) {
    let person = results.at(-1);
    if (person?.personId !== row.personId) {
      if (results.length === query.limit) break;
      person = {
        personId: row.personId,
        givenName: row.givenName,
        familyName: row.familyName,
        birthDate: row.birthDate,
        birthYear: row.birthYear,
        cases: [],
      };
      results.push(person);
    }
    if (!person.cases.some((c) => c.caseId === row.caseId)) {
      person.cases.push({
        caseId: row.caseId,
        familyId: row.familyId,
        familyName: row.caseFamily,
        centreName: row.centreName,
        status: row.status,
        canOpen: row.canOpen,
      });
    }
  }
  await recordAudit(ctx, { action: 'person.search', details: { shown: results.map((r) => r.personId) } });
  return { results };
}
