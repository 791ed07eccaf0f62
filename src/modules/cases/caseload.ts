import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { latvianAsc, latvianDesc } from '../../db/latvian-order';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import type { CaseloadPage, caseloadQuery } from '../../shared/contracts/registry';
import { centres } from '../centres/tables';
import { glanceColumns, membersAtAGlance } from '../families/glance';
import { nameHolds } from '../families/search';
import { families } from '../families/tables';
import { users } from '../users/tables';
import { canOpenCase } from './policy';
import { caseSummaryColumns, pendingCentres } from './presenter';
import { cases } from './tables';

const riskOrder = sql`case ${cases.riskLevel} when 'high' then 0 when 'medium' then 1 when 'low' then 2 else 3 end`;
const statusOrder = sql`case ${cases.status} when 'referred' then 0 when 'intake' then 1 when 'active' then 2 else 3 end`;

/**
 * A page of cases: "mine" (on the caller's team) or the centre's (everything the caller
 * may open, i.e. all of it for the centre's manager). Filtered, sorted and paginated in
 * the database.
 */
export async function caseload(ctx: ActorCtx, query: z.output<typeof caseloadQuery>): Promise<CaseloadPage> {
  const conditions: (SQL | undefined)[] = [
    canOpenCase(ctx.actor),
    query.scope === 'mine'
      ? sql`exists (select 1 from case_team where case_team.case_id = cases.id and case_team.user_id = ${ctx.actor.userId})`
      : undefined,
    query.centreId ? eq(cases.centreId, query.centreId) : undefined,
    query.status ? eq(cases.status, query.status) : undefined,
    query.keyWorkerId ? eq(cases.keyWorkerId, query.keyWorkerId) : undefined,
    query.riskLevel ? eq(cases.riskLevel, query.riskLevel) : undefined,
    query.reason ? sql`${query.reason} = any(${cases.referralReasons})` : undefined,
    query.referredFrom ? gte(cases.referralDate, query.referredFrom) : undefined,
    query.referredTo ? lte(cases.referralDate, query.referredTo) : undefined,
    nameCondition(query.name),
  ];
  const where = and(...conditions);
  const order = query.direction === 'asc' ? asc : desc;
  const sortBy = {
    family: (query.direction === 'asc' ? latvianAsc : latvianDesc)(families.name),
    referralDate: order(cases.referralDate),
    status: order(statusOrder),
    risk: order(riskOrder),
    keyWorker: (query.direction === 'asc' ? latvianAsc : latvianDesc)(users.familyName),
  }[query.sort];

  const [total] = await ctx.tx
    .select({ n: count() })
    .from(cases)
    .innerJoin(families, eq(families.id, cases.familyId))
    .innerJoin(users, eq(users.id, cases.keyWorkerId))
    .where(where);
  const rows = await ctx.tx
    .select({ ...caseSummaryColumns, ...glanceColumns(cases.familyId, ctx.now.toISOString().slice(0, 10)) })
    .from(cases)
    .innerJoin(families, eq(families.id, cases.familyId))
    .innerJoin(centres, eq(centres.id, cases.centreId))
    .innerJoin(users, eq(users.id, cases.keyWorkerId))
    .leftJoin(pendingCentres, eq(pendingCentres.id, cases.pendingCentreId))
    .where(where)
    .orderBy(sortBy, asc(cases.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  // The list shows families and referral reasons (domestic violence among them): an audited read.
  await recordAudit(ctx, { action: 'case.list', details: { shown: rows.map((r) => r.id) } });
  return {
    cases: rows.map(({ ages, ...row }) => ({ ...row, ...membersAtAGlance(ages) })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Families with a current member whose name holds every word typed ("kalnina anna", "Kalniņa"). */
function nameCondition(name: string | undefined): SQL | undefined {
  const words = nameHolds(sql`p.search_name`, name ?? '');
  if (words.length === 0) return undefined;
  return sql`exists (select 1 from family_members fm join persons p on p.id = fm.person_id
    where fm.family_id = ${cases.familyId} and fm.left_on is null and ${sql.join(words, sql` and `)})`;
}
