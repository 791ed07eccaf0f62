import { and, eq, inArray } from 'drizzle-orm';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid, notFound } from '../../platform/errors';
import { canInOrganisation, centresWith } from '../../shared/access';
import type { IndicatorKey } from '../../shared/indicators';
import { findVisibleProject } from '../projects/policy';
import { projectCentres, projects } from '../projects/tables';
import type { Period, ProjectRow, ReportKindName } from './reports';

/**
 * Who sees which figures of a project:
 *
 * - `staff`: project managers and finance officers (organisation roles) see every report of every
 *   project, with the records behind a figure as pseudonymous codes.
 * - `centre`: a centre manager (`reports.read` at a centre) sees the activity figures (project results
 *   and the period comparison) of a project that works in her centre, computed over her centres'
 *   activities only; the records behind them with names where she may open the case. Money and
 *   contracts are the project's, not a centre's: not hers.
 * - `partner`: a partner viewer (funder, municipality) linked to the project sees aggregates only:
 *   counts of people and families from 1 to 4 shown as "<5", periods of whole calendar quarters at
 *   the finest, and no records behind any figure.
 *
 * Anyone else: the project does not exist for them (404).
 */
export type ReportAudience =
  | { kind: 'staff' }
  | { kind: 'centre'; centreIds: string[] }
  | { kind: 'partner' };

export async function projectForReports(
  ctx: ActorCtx,
  projectId: string,
): Promise<{ project: ProjectRow; audience: ReportAudience }> {
  if (canInOrganisation(ctx.actor, 'projects.read'))
    return { project: await findVisibleProject(ctx.tx, ctx.actor, projectId), audience: { kind: 'staff' } };
  if (canInOrganisation(ctx.actor, 'partner.read'))
    return { project: await findVisibleProject(ctx.tx, ctx.actor, projectId), audience: { kind: 'partner' } };
  const managed = centresWith(ctx.actor, 'reports.read');
  const managedIds = managed === 'all' ? [] : managed;
  if (managedIds.length === 0) throw notFound();
  const [row] = await ctx.tx
    .select({ project: projects })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, ctx.actor.organisationId)));
  if (!row) throw notFound();
  const covered = await ctx.tx
    .select({ centreId: projectCentres.otherId })
    .from(projectCentres)
    .where(and(eq(projectCentres.projectId, projectId), inArray(projectCentres.otherId, managedIds)));
  if (covered.length === 0) throw notFound();
  return { project: row.project, audience: { kind: 'centre', centreIds: covered.map((c) => c.centreId) } };
}

/** Report kinds each audience may have: a centre's manager the activity figures only. */
export const reportAllowed = (audience: ReportAudience, kind: ReportKindName): boolean =>
  audience.kind !== 'centre' || kind === 'project-results' || kind === 'compare';

export function mayHaveReport(audience: ReportAudience, kind: ReportKindName): void {
  if (!reportAllowed(audience, kind)) throw new AppError('FORBIDDEN');
}

/** Whether the records behind a figure may be listed for this audience. */
export function mayListRecords(audience: ReportAudience): void {
  if (audience.kind === 'partner') throw new AppError('FORBIDDEN');
}

const quarterStarts = ['01-01', '04-01', '07-01', '10-01'];
const quarterEnds = ['03-31', '06-30', '09-30', '12-31'];

/** A partner's period must be whole calendar quarters: a finer one could single out a family. */
export function periodAllowed(audience: ReportAudience, periods: (Period | undefined)[]): void {
  if (audience.kind !== 'partner') return;
  for (const period of periods) {
    if (!period) continue;
    if (!quarterStarts.includes(period.from.slice(5)))
      throw invalid({ field: 'from', key: 'validation.wholeQuarters' });
    if (!quarterEnds.includes(period.to.slice(5)))
      throw invalid({ field: 'to', key: 'validation.wholeQuarters' });
  }
}

/** Counts of people and families, which small-cell suppression applies to. */
const peopleCounts: readonly IndicatorKey[] = [
  'families_reached',
  'children_in_families_reached',
  'persons_reached',
  'women_reached',
];

/** A count of 1 to 4 is shown as "<5"; 0 and 5 or more as they are. */
export const suppressed = (n: number): number | '<5' => (n >= 1 && n <= 4 ? '<5' : n);

/**
 * The report as a partner may see it: every count of people or families from 1 to 4 replaced by "<5"
 * (and a change computed from one of them left out), in every output format alike.
 */
export function forAudience(audience: ReportAudience, kind: ReportKindName, report: unknown): unknown {
  if (audience.kind !== 'partner') return report;
  const r = report as Record<string, unknown>;
  if (kind === 'project-results') {
    const indicators = r.indicators as { key: IndicatorKey; achieved: number }[];
    return {
      ...r,
      indicators: indicators.map((i) =>
        peopleCounts.includes(i.key) ? { ...i, achieved: suppressed(i.achieved) } : i,
      ),
    };
  }
  if (kind === 'compare') {
    const indicators = r.indicators as {
      key: IndicatorKey;
      current: number;
      previous: number;
      change: number;
    }[];
    return {
      ...r,
      indicators: indicators.map((i) => {
        if (!peopleCounts.includes(i.key)) return i;
        const current = suppressed(i.current);
        const previous = suppressed(i.previous);
        return { ...i, current, previous, change: current === '<5' || previous === '<5' ? null : i.change };
      }),
    };
  }
  if (kind === 'quarterly') {
    const quarters = r.quarters as Record<string, unknown>[];
    return {
      ...r,
      quarters: quarters.map((q) => ({
        ...q,
        families_reached: suppressed(q.families_reached as number),
        new_families: suppressed(q.new_families as number),
      })),
    };
  }
  if (kind === 'contract') {
    const list = r.contracts as Record<string, unknown>[];
    return {
      ...r,
      contracts: list.map((c) => ({
        ...c,
        families_served: suppressed(c.families_served as number),
        linked_cases: suppressed(c.linked_cases as number),
      })),
    };
  }
  return report; // budget: money, no people; public-summary: suppressed for everyone already
}
