import { and, desc, eq, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { latvianAsc } from '../../db/latvian-order';
import { recordAudit } from '../../platform/audit';
import { auditLog } from '../../platform/audit-table';
import type { ActorCtx } from '../../platform/context';
import { centresWith } from '../../shared/access';
import type { FamilyHit, QuickSearchResult } from '../../shared/contracts/registry';
import { normalisePersonalCode } from '../../shared/personal-code';
import { canOpenCase } from '../cases/policy';
import { cases } from '../cases/tables';
import { centres } from '../centres/tables';
import { users } from '../users/tables';
import { glanceColumns, membersAtAGlance } from './glance';
import { nameHolds } from './search';
import { families, familyMembers, persons, teamCases } from './tables';

const shown = 8;
const recentDays = 30;

/**
 * The header's search box (issue 17, item 2): the families whose case the caller may open, found by
 * what she types, read as
 * - a case number ("2026-0042", or its start "2026-00"),
 * - a personal code (with or without the hyphen),
 * - or words of a member's name (any case, with or without diacritics, as person search),
 * open cases first, then in Latvian order of the family's name. With nothing typed, the cases she opened
 * in the last 30 days, latest first. Only cases she may open: the search page finds the others ("exists
 * at another centre"). Each hit says what tells families apart: the number, the centre, the key worker,
 * the members (adults, children's ages) and the last contact. The families shown are audited as a read.
 */
export async function quickSearch(ctx: ActorCtx, typed: string): Promise<QuickSearchResult> {
  const q = typed.trim();
  // The caseload's cases are fetched one by one from the user's team rows, which the planner would cost
  // as spinning-disk reads and replace by a scan of the whole centre (server disks are solid-state).
  await ctx.tx.execute(sql`set local random_page_cost = 1.1`);
  const results = q ? await hits(ctx, await chosen(ctx, q)) : [];
  const recent = q ? [] : await recentCases(ctx);
  const caseIds = [...results, ...recent].map((hit) => hit.caseId);
  if (caseIds.length) await recordAudit(ctx, { action: 'family.quick_search', details: { shown: caseIds } });
  return { results, recent };
}

/**
 * The cases whose family matches what was typed: a case number, a present member's personal code, or
 * words of present members' names (each word in some member's name: "anna kal" finds Anna's family with
 * the Kalniņš in it). Names are tested on the family's own `member_names` (migration 0030), one row per
 * case: no lookup of each case's members.
 */
export function matching(organisationId: string, q: string): SQL {
  if (caseNumber.test(q)) return sql`${cases.number} like ${`${q}%`}`;
  const code = normalisePersonalCode(q);
  if (code)
    return sql`${cases.familyId} in (select ${familyMembers.familyId} from ${familyMembers}
      join ${persons} on ${persons.id} = ${familyMembers.personId}
      where ${familyMembers.leftOn} is null and ${and(eq(persons.organisationId, organisationId), isNull(persons.mergedInto), eq(persons.personalCode, code))})`;
  const words = nameHolds(families.memberNames, q);
  return words.length ? and(...words)! : sql`false`;
}

const caseNumber = /^\d{4}-\d*$/;

/**
 * The ids of the (at most 8) cases matching `q` that the caller may open, in the search's order. A team
 * member (who supervises no centre and opened no case in an emergency) looking for a name or a case number
 * reads her own rows of `team_cases` in that order and stops at the eighth match; everyone else, and a
 * personal code (one family, found by its index), goes through the cases with the case policy.
 */
async function chosen(ctx: ActorCtx, q: string): Promise<string[]> {
  const { actor } = ctx;
  const supervised = centresWith(actor, 'cases.supervise');
  const teamOnly = supervised !== 'all' && supervised.length === 0 && !(actor.emergencyCases ?? []).length;
  if (!teamOnly || (!caseNumber.test(q) && normalisePersonalCode(q)))
    return (await choose(ctx, matching(actor.organisationId, q))).map((c) => c.id);
  const rows = await chooseOnTeam(ctx, q);
  return rows.map((row) => row.id);
}

/**
 * A team member's cases whose number starts with `q` (a case number) or whose members' names hold every
 * word of `q`, in order (exported for EXPLAIN).
 */
export function chooseOnTeam(ctx: ActorCtx, q: string) {
  const { actor } = ctx;
  const words = caseNumber.test(q)
    ? [sql`${teamCases.number} like ${`${q}%`}`]
    : nameHolds(teamCases.memberNames, q);
  const readable = centresWith(actor, 'cases.read');
  return ctx.tx
    .select({ id: teamCases.caseId })
    .from(teamCases)
    .where(
      and(
        eq(teamCases.userId, actor.userId),
        eq(teamCases.organisationId, actor.organisationId),
        readable === 'all' ? undefined : readable.length ? inArray(teamCases.centreId, readable) : sql`false`,
        words.length ? and(...words) : sql`false`,
      ),
    )
    .orderBy(teamCases.closed, teamCases.familyKey, desc(teamCases.openedOn), teamCases.caseId)
    .limit(shown);
}

/** The cases the caller opened lately (her reads of case pages), latest first. */
async function recentCases(ctx: ActorCtx): Promise<FamilyHit[]> {
  const since = new Date(ctx.now.getTime() - recentDays * 86_400_000);
  const read = await ctx.tx
    .select({ caseId: sql<string>`${auditLog.entityId}` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorUserId, ctx.actor.userId),
        eq(auditLog.action, 'case.read'),
        gt(auditLog.occurredAt, since),
      ),
    )
    .groupBy(auditLog.entityId)
    .orderBy(desc(sql`max(${auditLog.occurredAt})`))
    .limit(shown);
  if (read.length === 0) return [];
  const ids = read.map((r) => r.caseId);
  const allowed = (await choose(ctx, inArray(cases.id, ids))).map((c) => c.id);
  return inOrderOf(ids, await hits(ctx, allowed));
}

/** The hits in the order of `ids`. */
function inOrderOf(ids: string[], found: FamilyHit[]): FamilyHit[] {
  const order = new Map(ids.map((id, index) => [id, index]));
  return found.sort((a, b) => order.get(a.caseId)! - order.get(b.caseId)!);
}

/** Which cases, in order (exported for EXPLAIN in the benchmark, with `matching`). */
export function choose(ctx: ActorCtx, condition: SQL) {
  return ctx.tx
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(families, eq(families.id, cases.familyId))
    .where(and(canOpenCase(ctx.actor), condition))
    .orderBy(sql`${cases.status} = 'closed'`, latvianAsc(families.name), desc(cases.openedOn), cases.id)
    .limit(shown);
}

/** What tells the chosen cases apart (the ids come from `chosen` or `choose`, in their order). */
async function hits(ctx: ActorCtx, ids: string[]): Promise<FamilyHit[]> {
  if (ids.length === 0) return [];
  const glance = glanceColumns(cases.familyId, ctx.now.toISOString().slice(0, 10));
  const rows = await ctx.tx
    .select({
      caseId: cases.id,
      number: cases.number,
      familyName: families.name,
      centreName: centres.name,
      status: cases.status,
      keyWorkerName: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
      ...glance,
    })
    .from(cases)
    .innerJoin(families, eq(families.id, cases.familyId))
    .innerJoin(centres, eq(centres.id, cases.centreId))
    .innerJoin(users, eq(users.id, cases.keyWorkerId))
    .where(inArray(cases.id, ids));
  return inOrderOf(
    ids,
    rows.map(({ ages, ...row }) => ({ ...row, ...membersAtAGlance(ages) })),
  );
}
