import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { latvianAsc } from '../../db/latvian-order';
import type { Actor, ActorCtx } from '../../platform/context';
import { AppError, invalid, notFound } from '../../platform/errors';
import { can } from '../../shared/access';
import { canFindCase, canOpenCase } from '../cases/policy';
import { cases } from '../cases/tables';
import { centres } from '../centres/tables';
import { familyMembers, persons } from './tables';

/**
 * Who may see and change people and families. People are seen through cases: a person is visible when
 * they are or were a member of a family with a case the actor may open (read, change), or, to avoid
 * registering them twice, find (a colleague's unrestricted case at a centre where the actor works). A
 * person in any restricted case is found only by those who may open one of her cases: nobody else
 * learns that she exists.
 */
export function personVisible(actor: Actor, how: 'find' | 'open'): SQL {
  // Written out with table names: Drizzle leaves columns unqualified in single-table selects.
  const through = (condition: SQL) => sql`exists (
    select 1 from family_members join cases on cases.family_id = family_members.family_id
    where family_members.person_id = persons.id and ${condition})`;
  if (how === 'open') return through(canOpenCase(actor));
  return sql`(${through(canOpenCase(actor))} or (${through(canFindCase(actor))} and not ${inRestrictedCase}))`;
}

/** The person belongs (or belonged) to a family with a restricted case. */
export const inRestrictedCase = sql`exists (
  select 1 from family_members rm join cases rc on rc.family_id = rm.family_id
  where rm.person_id = persons.id and rc.restricted)`;

export type PersonRow = typeof persons.$inferSelect;

/**
 * The scoped finder of people: `read` needs a case of hers the actor may open, `write` also `cases.write`
 * at that case's centre (403 otherwise: seeing a person is not the right to change her). 404 when she
 * is not theirs to read.
 */
export async function findPerson(
  ctx: ActorCtx,
  personId: string,
  need: 'read' | 'write',
): Promise<PersonRow> {
  // To be changed, the row is locked until the transaction ends (saves of one person run in turn).
  if (need === 'write')
    await ctx.tx.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).for('update');
  const person = await findVisiblePerson(ctx.tx, ctx.actor, personId, 'open');
  if (!person) throw notFound();
  if (need === 'write') {
    const centreIds = await openableCentresOfPerson(ctx, personId);
    if (!centreIds.some((centreId) => can(ctx.actor, 'cases.write', centreId)))
      throw new AppError('FORBIDDEN');
  }
  return person;
}

/**
 * A person the caller means to link to a family (a member added, a family registered with her): only
 * someone whose record the caller may already open, or linking would let them read her through the new
 * family. A colleague's person they may only find is refused with the centres to ask; anyone else is
 * unknown to them.
 */
export async function personToLink(ctx: ActorCtx, personId: string, field: string): Promise<void> {
  if (await findVisiblePerson(ctx.tx, ctx.actor, personId, 'open')) return;
  if (!(await findVisiblePerson(ctx.tx, ctx.actor, personId, 'find'))) {
    throw invalid({ field, key: 'validation.unknownPerson' });
  }
  const params = { centres: (await unsafeCentresOfPerson(ctx.tx, personId)).join(', ') };
  throw new AppError('PERSON_ELSEWHERE', {
    params,
    fields: [{ field, key: 'error.PERSON_ELSEWHERE', params }],
  });
}

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

/** Centres of the cases through which the actor may open a person's record. */
export async function openableCentresOfPerson(ctx: ActorCtx, personId: string): Promise<string[]> {
  const rows = await ctx.tx
    .selectDistinct({ centreId: cases.centreId })
    .from(familyMembers)
    .innerJoin(cases, eq(cases.familyId, familyMembers.familyId))
    .where(and(eq(familyMembers.personId, personId), canOpenCase(ctx.actor)));
  return rows.map((r) => r.centreId);
}

/**
 * Centres where a person has cases, by name, whoever asks: all that may be said about a person outside
 * one's scope. Unscoped: the caller decides whether it may be said (never for a restricted case).
 */
export async function unsafeCentresOfPerson(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .select({ name: centres.name })
    .from(familyMembers)
    .innerJoin(cases, eq(cases.familyId, familyMembers.familyId))
    .innerJoin(centres, eq(centres.id, cases.centreId))
    .where(eq(familyMembers.personId, personId))
    .groupBy(centres.name)
    .orderBy(latvianAsc(centres.name));
  return rows.map((r) => r.name);
}

/**
 * A person's name as the actor may see it in a roster (a group's members, an event's participants):
 * null ("a participant") for a person in a restricted case the actor may not open. Needs `persons`.
 */
export function visiblePersonName(actor: Actor): SQL<string | null> {
  return sql<string | null>`case when ${inRestrictedCase} and not ${personVisible(actor, 'open')} then null
    else persons.given_name || ' ' || persons.family_name end`;
}

/** A family's name as the actor may see it: null for a family with a restricted case not open to them. Needs `families`. */
export function visibleFamilyName(actor: Actor): SQL<string | null> {
  return sql<
    string | null
  >`case when exists (select 1 from cases rc where rc.family_id = families.id and rc.restricted)
    and not exists (select 1 from cases where cases.family_id = families.id and ${canOpenCase(actor)}) then null
    else families.name end`;
}
