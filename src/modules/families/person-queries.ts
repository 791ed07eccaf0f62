import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor } from '../../server/context';
import { canFindCase, canOpenCase } from '../cases/scope';
import { cases } from '../cases/tables';
import { centres } from '../centres/tables';
import { familyMembers, persons } from './tables';

/**
 * People are seen through cases: a person is visible when they are or were a member of
 * a family with a case the actor may find (search) or open (everything else).
 */
export function personVisible(actor: Actor, how: 'find' | 'open'): SQL {
  const condition = how === 'find' ? canFindCase(actor) : canOpenCase(actor);
  // Written out with table names: Drizzle leaves columns unqualified in single-table selects.
  return sql`exists (
    select 1 from family_members join cases on cases.family_id = family_members.family_id
    where family_members.person_id = persons.id and ${condition})`;
}

export type PersonRow = typeof persons.$inferSelect;

export async function findVisiblePerson(db: Db, actor: Actor, personId: string, how: 'find' | 'open') {
  const [row] = await db
    .select()
    .from(persons)
    .where(
      and(
        eq(persons.id, personId),
        eq(persons.organisationId, actor.organisationId),
        isNull(persons.mergedInto),
        personVisible(actor, how),
      ),
    );
  return row ?? null;
}

/** Centres where a person has cases, by name: all that may be said about a person outside one's scope. */
export async function centresOfPerson(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: centres.name })
    .from(familyMembers)
    .innerJoin(cases, eq(cases.familyId, familyMembers.familyId))
    .innerJoin(centres, eq(centres.id, cases.centreId))
    .where(eq(familyMembers.personId, personId))
    .orderBy(asc(centres.name));
  return rows.map((r) => r.name);
}
