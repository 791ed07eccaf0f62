import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { ActorCtx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { centresWith } from '../../shared/access';
import type { ScopeResults } from '../../shared/contracts/reports';
import type { Language } from '../../shared/i18n';
import { centres } from '../centres/tables';
import { organisations } from '../organisation/tables';
import { programmes } from '../programmes/tables';
import { computeIndicators, type Dimension, type Scope } from './indicators';
import { type Period, previousPeriod } from './reports';

/**
 * Results for any scope (issue 18, rule 8): the whole organisation, a centre or a programme, for any
 * period, without a project. For a centre manager and a board: families and people reached, with the
 * people who attended by sex, age band, disability and municipality, and the previous period beside the
 * totals (by the calendar, as the comparison report does). The shape: `ScopeResults` (shared contract).
 */
export const scopeResultBreakdowns: Dimension[][] = [
  ['centre'],
  ['programme'],
  ['activity_type'],
  ['quarter'],
  ['sex'],
  ['age_band'],
  ['disability'],
  ['municipality'],
];

export interface ScopeRequest {
  centreId?: string;
  programmeId?: string;
  period: Period;
}

/**
 * Which activities a caller's scope report covers: with `reports.read` organisation-wide, any centre or
 * all; a centre manager only her centres (all of them without a centre named). A centre or programme
 * that is not the caller's, or not the organisation's, does not exist for them (404).
 */
export async function scopeForReports(ctx: ActorCtx, request: ScopeRequest): Promise<Scope> {
  const allowed = centresWith(ctx.actor, 'reports.read');
  if (allowed !== 'all' && allowed.length === 0) throw notFound();
  const scope: Scope = { organisationId: ctx.actor.organisationId, ...request.period };
  if (request.centreId) {
    const [centre] = await ctx.tx
      .select({ id: centres.id })
      .from(centres)
      .where(and(eq(centres.id, request.centreId), eq(centres.organisationId, ctx.actor.organisationId)));
    if (!centre || (allowed !== 'all' && !allowed.includes(centre.id))) throw notFound();
    scope.centreId = centre.id;
  } else if (allowed !== 'all') scope.centreIds = allowed;
  if (request.programmeId) {
    const [programme] = await ctx.tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(
        and(eq(programmes.id, request.programmeId), eq(programmes.organisationId, ctx.actor.organisationId)),
      );
    if (!programme) throw notFound();
    scope.programmeId = programme.id;
  }
  return scope;
}

export async function scopeResults(db: Db, scope: Scope, language: Language): Promise<ScopeResults> {
  const period = { from: scope.from, to: scope.to };
  const previous = previousPeriod(period);
  const figures = await computeIndicators(db, scope, scopeResultBreakdowns);
  const before = await computeIndicators(db, { ...scope, ...previous });
  const nameOf = async <T>(query: Promise<T[]>) => (await query)[0];
  const [organisation] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, scope.organisationId));
  const centre = scope.centreId
    ? await nameOf(db.select({ name: centres.name }).from(centres).where(eq(centres.id, scope.centreId)))
    : undefined;
  const programme = scope.programmeId
    ? await nameOf(
        db
          .select({ name: language === 'en' ? programmes.nameEn : programmes.nameLv, lv: programmes.nameLv })
          .from(programmes)
          .where(eq(programmes.id, scope.programmeId)),
      )
    : undefined;
  return {
    scope: {
      organisation: organisation?.name ?? '',
      centre: centre?.name ?? null,
      programme: programme ? programme.name || programme.lv : null,
    },
    period,
    previous,
    indicators: figures.map((f) => ({
      key: f.key,
      by: f.by,
      achieved: f.value,
      previous: f.by === null ? (before.find((b) => b.key === f.key && b.by === null)?.value ?? 0) : null,
    })),
  };
}
