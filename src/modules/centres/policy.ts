import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { latvianAsc } from '../../db/latvian-order';
import type { Actor } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Centre } from '../../shared/contracts/centres';
import { centres } from './tables';

/*
 * Centres are not secret within an organisation: every signed-in user may list its centres (to pick one
 * in a form), administrators (`centres.manage`, declared on the routes) change them. A centre of another
 * organisation does not exist for anyone (404). What may be done *at* a centre is a role held there
 * (`can(actor, permission, centreId)` in src/shared/access.ts).
 */

export type CentreRow = typeof centres.$inferSelect;

export function presentCentre(row: CentreRow): Centre {
  return {
    id: row.id,
    name: row.name,
    municipality: row.municipality,
    address: row.address,
    active: row.active,
  };
}

/** Centres are not secret within an organisation: every signed-in user may list them. */
export function listCentres(db: Db, actor: Actor): Promise<CentreRow[]> {
  return db
    .select()
    .from(centres)
    .where(eq(centres.organisationId, actor.organisationId))
    .orderBy(latvianAsc(centres.name));
}

export async function findCentreInScope(db: Db, actor: Actor, id: string): Promise<CentreRow> {
  const [row] = await db
    .select()
    .from(centres)
    .where(and(eq(centres.id, id), eq(centres.organisationId, actor.organisationId)));
  if (!row) throw notFound();
  return row;
}
