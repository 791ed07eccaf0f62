import { and, eq, inArray, isNull, not, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor, ActorCtx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { can, centresWith } from '../../shared/access';
import type { WorkerList } from '../../shared/contracts/registry';
import { personSortKey } from '../../shared/names';
import { centres } from '../centres/tables';
import { grantsOfUser } from '../users/queries';
import { roleGrants, users } from '../users/tables';
import { cases } from './tables';

/**
 * Who may see a case. Case content is read only by the people working on it:
 *
 * - open (read the family page, change it): a member of the case team who still holds
 *   `cases.read` at the case's centre (or who opened it in an emergency, for the hours that lasts:
 *   `emergencyCases`, see emergency-access.ts), or a manager of that centre (`cases.supervise`),
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

function inEmergency(actor: Actor): SQL {
  const opened = actor.emergencyCases ?? [];
  return opened.length ? inArray(cases.id, opened) : sql`false`;
}

function pendingAt(centreIds: 'all' | string[]): SQL {
  if (centreIds === 'all') return sql`${cases.pendingCentreId} is not null`;
  if (centreIds.length === 0) return sql`false`;
  return inArray(cases.pendingCentreId, centreIds);
}

export function canOpenCase(actor: Actor): SQL {
  const supervised = centresWith(actor, 'cases.supervise');
  const emergency = (actor.emergencyCases ?? []).length > 0;
  const asTeam = and(
    atCentres(centresWith(actor, 'cases.read')),
    emergency ? sql`(${onTeam(actor)} or ${inEmergency(actor)})` : onTeam(actor),
  )!;
  // Written without the alternatives the actor does not have: a team member's condition is then a plain
  // `and` with `exists`, which PostgreSQL joins from her case_team rows (an `or`, even with `false`,
  // leaves it testing every case of the centre).
  const alternatives = supervised === 'all' || supervised.length > 0;
  return and(
    eq(cases.organisationId, actor.organisationId),
    alternatives ? sql`(${asTeam} or ${atCentres(supervised)} or ${pendingAt(supervised)})` : asTeam,
  )!;
}

export function canFindCase(actor: Actor): SQL {
  return and(
    eq(cases.organisationId, actor.organisationId),
    sql`(${canOpenCase(actor)} or (${atCentres(centresWith(actor, 'cases.read'))} and ${not(cases.restricted)}))`,
  )!;
}

export type CaseRow = typeof cases.$inferSelect;

/** What the caller means to do with a case: read it, change it, or decide as its centre's manager. */
export type CaseNeed = 'read' | 'write' | 'supervise';

/**
 * The scoped finder of cases: a case the actor may open, or 404 (it does not exist for them). To change
 * it they must also hold `cases.write` (or `cases.supervise`) at its centre, or 403: a team member who
 * lost the role may no longer write, and a manager deciding a transfer to her centre reads it only.
 * Found to be changed, the row is locked until the transaction ends: two saves of one case run one after
 * the other, so the second sees the first's version.
 */
export async function findCase(ctx: ActorCtx, caseId: string, need: CaseNeed = 'read'): Promise<CaseRow> {
  const query = ctx.tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), canOpenCase(ctx.actor)));
  const [row] = need === 'read' ? await query : await query.for('update');
  if (!row) throw notFound();
  if (need !== 'read' && !can(ctx.actor, `cases.${need}`, row.centreId)) throw new AppError('FORBIDDEN');
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

// Staffing: who may be put on a case team or named its key worker.

/** Whether a user may work on cases at a centre (holds `cases.read` there). */
export async function worksAtCentre(ctx: ActorCtx, userId: string, centreId: string): Promise<boolean> {
  return can({ roles: await grantsOfUser(ctx.tx, ctx.actor, userId) }, 'cases.read', centreId);
}

/** Active users holding `cases.read` at the centre, in Latvian order. Only for callers who work there. */
export async function workersAtCentre(ctx: ActorCtx, centreId: string): Promise<WorkerList> {
  if (!can(ctx.actor, 'cases.write', centreId)) throw notFound();
  const rows = await ctx.tx
    .selectDistinct({
      id: users.id,
      givenName: users.givenName,
      familyName: users.familyName,
      specialty: users.specialty,
      role: roleGrants.role,
      centreId: roleGrants.centreId,
    })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .where(and(eq(users.organisationId, ctx.actor.organisationId), isNull(users.disabledAt)));
  const byId = new Map<string, WorkerList['workers'][number] & { key: string }>();
  for (const row of rows) {
    if (!can({ roles: [{ role: row.role, centreId: row.centreId }] }, 'cases.read', centreId)) continue;
    byId.set(row.id, {
      id: row.id,
      name: `${row.givenName} ${row.familyName}`,
      specialty: row.specialty,
      key: personSortKey(row.familyName, row.givenName),
    });
  }
  return {
    workers: [...byId.values()]
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map(({ key: _, ...worker }) => worker),
  };
}

/**
 * A family the caller means to open another case for: one whose case they may already open, or the new
 * case would let them read the family's people. A colleague's family they may only find is refused with
 * the centres to ask; anyone else's is unknown (404).
 */
export async function familyForNewCase(ctx: ActorCtx, familyId: string): Promise<void> {
  if ((await openableCentresOfFamily(ctx.tx, ctx.actor, familyId)).length > 0) return;
  const found = await ctx.tx
    .selectDistinct({ name: centres.name })
    .from(cases)
    .innerJoin(centres, eq(centres.id, cases.centreId))
    .where(and(eq(cases.familyId, familyId), canFindCase(ctx.actor)));
  const restricted = await ctx.tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.familyId, familyId), cases.restricted))
    .limit(1);
  if (found.length === 0 || restricted.length > 0) throw notFound();
  throw new AppError('FAMILY_ELSEWHERE', { params: { centres: found.map((c) => c.name).join(', ') } });
}
