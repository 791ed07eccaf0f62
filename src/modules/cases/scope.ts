import { and, eq, inArray, not, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor } from '../../server/context';
import { notFound } from '../../server/errors';
import { centresWith } from '../../shared/access';
import { cases } from './tables';

/**
 * Who may see a case. Case content is read only by the people working on it:
 *
 * - open (read the family page, change it): a member of the case team who still holds
 *   `cases.read` at the case's centre, or a manager of that centre (`cases.supervise`),
 *   or a manager of the centre a transfer to which awaits their decision;
 * - find (see its people in search, to avoid registering them twice): those, plus anyone
 *   with `cases.read` at the centre, unless the case is restricted.
 *
 * Everything else answers 404. These conditions are the only way case queries are scoped.
 */
function atCentres(centreIds: 'all' | string[]): SQL {
  if (centreIds === 'all') return sql`true`;
  if (centreIds.length === 0) return sql`false`;
  return inArray(cases.centreId, centreIds);
}

function onTeam(actor: Actor): SQL {
  // Table names written out: Drizzle leaves columns unqualified in single-table selects.
  return sql`exists (select 1 from case_team where case_team.case_id = cases.id and case_team.user_id = ${actor.userId})`;
}

function pendingAt(centreIds: 'all' | string[]): SQL {
  if (centreIds === 'all') return sql`${cases.pendingCentreId} is not null`;
  if (centreIds.length === 0) return sql`false`;
  return inArray(cases.pendingCentreId, centreIds);
}

export function canOpenCase(actor: Actor): SQL {
  const supervised = centresWith(actor, 'cases.supervise');
  return and(
    eq(cases.organisationId, actor.organisationId),
    sql`((${atCentres(centresWith(actor, 'cases.read'))} and ${onTeam(actor)}) or ${atCentres(supervised)} or ${pendingAt(supervised)})`,
  )!;
}

export function canFindCase(actor: Actor): SQL {
  return and(
    eq(cases.organisationId, actor.organisationId),
    sql`(${canOpenCase(actor)} or (${atCentres(centresWith(actor, 'cases.read'))} and ${not(cases.restricted)}))`,
  )!;
}

export type CaseRow = typeof cases.$inferSelect;

/** A case the actor may open, or 404. */
export async function findOpenableCase(db: Db, actor: Actor, caseId: string): Promise<CaseRow> {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), canOpenCase(actor)));
  if (!row) throw notFound();
  return row;
}

/** Centres of the family's cases the actor may open (empty: the family is out of scope). */
export async function openableCentresOfFamily(db: Db, actor: Actor, familyId: string): Promise<string[]> {
  const rows = await db
    .select({ centreId: cases.centreId })
    .from(cases)
    .where(and(eq(cases.familyId, familyId), canOpenCase(actor)));
  return rows.map((r) => r.centreId);
}
