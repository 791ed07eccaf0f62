import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { queryRows } from '../../db/raw';
import type { ReportKindName } from '../../shared/contracts/reports';
import type { Language } from '../../shared/i18n';
import { translate } from '../../shared/i18n';
import type { FundingSourceType, IndicatorKey } from '../../shared/indicators';
import { centres } from '../centres/tables';
import { contracts } from '../contracts/tables';
import { programmes } from '../programmes/tables';
import { budgetOf, plannedTotalOf } from '../projects/budget';
import { projects, projectTargets } from '../projects/tables';
import {
  computeIndicators,
  type Dimension,
  type Figure,
  newFamiliesByQuarter,
  type Scope,
} from './indicators';

/**
 * The reports: each is a plain object (the JSON the API and the CLI give, in the shapes
 * other tools rely on), computed from the indicator engine and the budget. Screens, CSV,
 * XLSX and PDF are renderings of these objects.
 */

export type ProjectRow = typeof projects.$inferSelect;

export class ReportInputError extends Error {}

export interface Period {
  from: string;
  to: string;
}

export async function findProjectByCode(db: Db, organisationId: string, code: string): Promise<ProjectRow> {
  const [row] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.organisationId, organisationId), eq(projects.code, code)));
  if (!row) throw new ReportInputError(`No project with the code "${code}".`);
  return row;
}

export async function findCentreByName(db: Db, organisationId: string, name: string): Promise<string> {
  const [row] = await db
    .select({ id: centres.id })
    .from(centres)
    .where(and(eq(centres.organisationId, organisationId), eq(centres.name, name)));
  if (!row) throw new ReportInputError(`No centre named "${name}".`);
  return row.id;
}

export async function findProgrammeByName(db: Db, organisationId: string, name: string): Promise<string> {
  const [row] = await db
    .select({ id: programmes.id })
    .from(programmes)
    .where(
      and(
        eq(programmes.organisationId, organisationId),
        or(eq(programmes.nameLv, name), eq(programmes.nameEn, name)),
      ),
    );
  if (!row) throw new ReportInputError(`No programme named "${name}".`);
  return row.id;
}

/**
 * The period a report compares with: by the calendar when the period is whole months (a month with the
 * month before, a quarter with the quarter before, a year with the year before, whatever their days),
 * otherwise the same number of days ending the day before.
 */
export function previousPeriod(period: Period): Period {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const from = new Date(`${period.from}T00:00:00Z`);
  const to = new Date(`${period.to}T00:00:00Z`);
  const dayAfterTo = new Date(to.getTime() + 86_400_000);
  if (from.getUTCDate() === 1 && dayAfterTo.getUTCDate() === 1) {
    const months =
      (dayAfterTo.getUTCFullYear() - from.getUTCFullYear()) * 12 +
      (dayAfterTo.getUTCMonth() - from.getUTCMonth());
    const previousFrom = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - months, 1));
    return { from: iso(previousFrom), to: iso(new Date(from.getTime() - 86_400_000)) };
  }
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000) + 1;
  const previousTo = new Date(from.getTime() - 86_400_000);
  const previousFrom = new Date(previousTo.getTime() - (days - 1) * 86_400_000);
  return { from: iso(previousFrom), to: iso(previousTo) };
}

export interface ProjectResults {
  project: { code: string; title: string; starts_on: string; ends_on: string };
  period: Period;
  indicators: { key: IndicatorKey; by: Figure['by']; planned: number | null; achieved: number }[];
}

/** Breakdowns every project-results report contains. */
export const projectResultBreakdowns: Dimension[][] = [
  ['activity_type'],
  ['activity_type', 'centre'],
  ['centre'],
  ['programme'],
  ['year'],
];

/** The part of a span that falls within the project's own period. */
function projectPart(project: ProjectRow, from: string, to: string): Period {
  return {
    from: from < project.startsOn ? project.startsOn : from,
    to: to > project.endsOn ? project.endsOn : to,
  };
}

/**
 * Which target a report's period has (issue 18, rule 5): the whole project's for the project's period, a
 * year's for that year (its part within the project), a quarter's for that quarter; none for any other
 * period, rather than a target for a span the figures do not cover.
 */
export function targetPeriodOf(
  period: Period,
  project: ProjectRow,
): { year: number | null; quarter: number | null } | null {
  const is = (span: Period) => span.from === period.from && span.to === period.to;
  if (is(projectPart(project, project.startsOn, project.endsOn))) return { year: null, quarter: null };
  const year = Number(period.from.slice(0, 4));
  if (is(projectPart(project, `${year}-01-01`, `${year}-12-31`))) return { year, quarter: null };
  for (const quarter of [1, 2, 3, 4]) {
    const first = String(quarter * 3 - 2).padStart(2, '0');
    const last = new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10);
    if (is(projectPart(project, `${year}-${first}-01`, last))) return { year, quarter };
  }
  return null;
}

/**
 * Every target, planned against achieved, and the activity figures of a project broken
 * down by activity type, by type and centre together, by centre, programme and year.
 * The unbroken figure has the target of the report's period (`targetPeriodOf`); a year's figure
 * has that year's target when the report covers the whole year.
 */
export async function projectResults(
  db: Db,
  project: ProjectRow,
  language: Language,
  period: Period = { from: project.startsOn, to: project.endsOn },
  programmeId?: string,
  breakdowns: Dimension[][] = projectResultBreakdowns,
  centreIds?: string[],
): Promise<ProjectResults> {
  const scope: Scope = {
    organisationId: project.organisationId,
    ...period,
    projectId: project.id,
    programmeId,
    centreIds,
  };
  const figures = await computeIndicators(db, scope, breakdowns);
  const targets = await db
    .select()
    .from(projectTargets)
    .where(eq(projectTargets.projectId, project.id))
    .orderBy(asc(projectTargets.indicatorKey));
  const plannedFor = (figure: Figure): number | null => {
    const matching = (year: number | null, quarter: number | null) =>
      targets.find(
        (t) => t.indicatorKey === figure.key && t.periodYear === year && t.periodQuarter === quarter,
      );
    const planned = (target: (typeof targets)[number] | undefined) =>
      target ? Number(target.plannedValue) : null;
    if (figure.by === null) {
      const target = targetPeriodOf(period, project);
      return target ? planned(matching(target.year, target.quarter)) : null;
    }
    // A year's row: its target when the report covers the whole of that year's part of the project.
    if (Object.keys(figure.by).length === 1 && figure.by.year) {
      const year = Number(figure.by.year);
      const part = projectPart(project, `${year}-01-01`, `${year}-12-31`);
      return period.from <= part.from && period.to >= part.to ? planned(matching(year, null)) : null;
    }
    return null;
  };
  return {
    project: {
      code: project.code,
      title: language === 'lv' || !project.titleEn ? project.titleLv : project.titleEn,
      starts_on: project.startsOn,
      ends_on: project.endsOn,
    },
    period,
    // Targets are the whole project's: beside one centre's figures they would mislead.
    indicators: figures.map((f) => ({
      key: f.key,
      by: f.by,
      planned: centreIds ? null : plannedFor(f),
      achieved: f.value,
    })),
  };
}

export interface Comparison {
  period: Period;
  previous: Period;
  indicators: { key: IndicatorKey; by: Figure['by']; current: number; previous: number; change: number }[];
}

/** The same indicators for a period and the previous one, unbroken and per programme, with the change. */
export async function compare(
  db: Db,
  base: Omit<Scope, 'from' | 'to'>,
  period: Period,
  previous: Period = previousPeriod(period),
): Promise<Comparison> {
  const breakdowns: Dimension[][] = [['programme']];
  const [now, before] = [
    await computeIndicators(db, { ...base, ...period }, breakdowns),
    await computeIndicators(db, { ...base, ...previous }, breakdowns),
  ];
  const keyOf = (f: Figure) => `${f.key}|${JSON.stringify(f.by)}`;
  const rows = new Map<string, Comparison['indicators'][number]>();
  for (const f of now)
    rows.set(keyOf(f), { key: f.key, by: f.by, current: f.value, previous: 0, change: f.value });
  for (const f of before) {
    const row = rows.get(keyOf(f)) ?? { key: f.key, by: f.by, current: 0, previous: 0, change: 0 };
    row.previous = f.value;
    row.change = Math.round((row.current - f.value) * 100) / 100;
    rows.set(keyOf(f), row);
  }
  const order = (f: Comparison['indicators'][number]) => `${f.by ? `1${JSON.stringify(f.by)}` : '0'}`;
  return {
    period,
    previous,
    indicators: [...rows.values()].sort((a, b) => order(a).localeCompare(order(b))),
  };
}

export interface BudgetReport {
  project: { code: string; title: string };
  declared_total_cents: number | null;
  computed_total_cents: number;
  difference_cents: number;
  spent_cents: number;
  lines: { category: string; planned_cents: number; spent_cents: number }[];
  sources: { type: FundingSourceType; name: string; amount_cents: number }[];
  co_financing: { share: number | null; required_share: number | null; met: boolean | null };
  inconsistencies: { code: string; message: string }[];
}

/** Money by line and source, the co-financing rule and every inconsistency; volunteer work as an in-kind source. */
export async function budgetReport(db: Db, project: ProjectRow, language: Language): Promise<BudgetReport> {
  const budget = await budgetOf(db, project, language);
  const sources: BudgetReport['sources'] = budget.sources.map((s) => ({
    type: s.type,
    name: s.name,
    amount_cents: s.amountCents,
  }));
  if (budget.volunteerWork.valueCents > 0)
    sources.push({
      type: 'in_kind',
      name: translate(language, 'report.volunteerWork', { hours: budget.volunteerWork.hours }),
      amount_cents: budget.volunteerWork.valueCents,
    });
  return {
    project: {
      code: project.code,
      title: language === 'lv' || !project.titleEn ? project.titleLv : project.titleEn,
    },
    declared_total_cents: budget.declaredTotalCents,
    computed_total_cents: budget.computedTotalCents,
    difference_cents: budget.differenceCents,
    spent_cents: budget.spentCents,
    lines: budget.lines.map((l) => ({
      category: l.category,
      planned_cents: l.plannedCents,
      spent_cents: l.spentCents,
    })),
    sources,
    co_financing: {
      share: budget.coFinancing.share,
      required_share: budget.coFinancing.requiredShare,
      met: budget.coFinancing.met,
    },
    inconsistencies: budget.inconsistencies,
  };
}

/** On anything for outside eyes, a count from 1 to 4 is shown as "<5". */
export function suppressSmall(count: number): string {
  return count >= 1 && count <= 4 ? '<5' : String(count);
}

export interface PublicSummary {
  project: { code: string; title: string };
  period: Period;
  language: Language;
  sentences: string[];
  figures: { key: IndicatorKey; value: string; planned: number | null }[];
}

/**
 * Short sentences for the public, in Latvian or English, generated from the figures with
 * the plural forms of `Intl.PluralRules` ("129 ģimenes … 271 bērns"), small counts
 * suppressed, and no names. For a suppressed count the plural form is that of 5.
 */
export async function publicSummary(
  db: Db,
  project: ProjectRow,
  language: Language,
  period: Period = { from: project.startsOn, to: project.endsOn },
): Promise<PublicSummary> {
  // The public summary states overall figures only: no breakdowns to compute.
  const results = await projectResults(db, project, language, period, undefined, []);
  const overall = (key: IndicatorKey) => results.indicators.find((i) => i.key === key && i.by === null)!;
  const params = (key: IndicatorKey) => {
    const figure = overall(key);
    const shown = suppressSmall(figure.achieved);
    return { count: shown === '<5' ? 5 : figure.achieved, n: shown, planned: figure.planned ?? '' };
  };
  const t = (key: Parameters<typeof translate>[1], p: Record<string, string | number>) =>
    translate(language, key, p);
  const families = params('families_reached');
  const children = params('children_in_families_reached');
  const sentences = [
    `${t(overall('families_reached').planned === null ? 'summary.familiesNoPlan' : 'summary.families', families)} ${t(
      overall('children_in_families_reached').planned === null
        ? 'summary.childrenNoPlan'
        : 'summary.children',
      children,
    )}`,
  ];
  for (const [key, message] of [
    ['women_reached', 'summary.women'],
    ['groups_held', 'summary.groups'],
    ['events_held', 'summary.events'],
    ['institutions_reached', 'summary.institutions'],
  ] as const) {
    if (overall(key).achieved > 0) sentences.push(t(message, params(key)));
  }
  return {
    project: results.project,
    period,
    language,
    sentences,
    figures: results.indicators
      .filter((i) => i.by === null && i.key !== 'service_hours' && i.key !== 'activities_held')
      .map((i) => ({ key: i.key, value: suppressSmall(i.achieved), planned: i.planned })),
  };
}

export { type ReportKindName, reportKindNames } from '../../shared/contracts/reports';

export interface ReportRequest {
  language: Language;
  period?: Period;
  previous?: Period;
  programmeId?: string;
  /** Only activities at these centres (a centre manager's view). */
  centreIds?: string[];
}

/** The latest calendar year of a project up to `today`: the default period of a comparison. */
export function latestYearOf(project: ProjectRow, today: string): Period {
  const year = Math.max(
    Number(project.startsOn.slice(0, 4)),
    Math.min(Number(project.endsOn.slice(0, 4)), Number(today.slice(0, 4))),
  );
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** One entry point for every report kind, used by the API, the web and the CLI alike. */
export async function generateReport(
  db: Db,
  project: ProjectRow,
  kind: ReportKindName,
  request: ReportRequest,
  today: string,
): Promise<unknown> {
  const { language, period, programmeId, centreIds } = request;
  switch (kind) {
    case 'project-results':
      return projectResults(db, project, language, period, programmeId, undefined, centreIds);
    case 'compare': {
      const current = period ?? latestYearOf(project, today);
      return compare(
        db,
        { organisationId: project.organisationId, projectId: project.id, programmeId, centreIds },
        current,
        request.previous ?? previousPeriod(current),
      );
    }
    case 'budget':
      return budgetReport(db, project, language);
    case 'public-summary':
      return publicSummary(db, project, language, period);
    case 'quarterly':
      return quarterlyReport(db, project, language);
    case 'contract':
      return contractReport(db, project, language, period);
  }
}

/** The quarters (`2014-Q1`) from one date to another, with their first and last days. */
export function quartersBetween(from: string, to: string): { quarter: string; from: string; to: string }[] {
  const quarters: { quarter: string; from: string; to: string }[] = [];
  let year = Number(from.slice(0, 4));
  let q = Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
  for (;;) {
    const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    if (start > to) break;
    const endMonth = q * 3;
    const end = new Date(Date.UTC(year, endMonth, 0)).toISOString().slice(0, 10);
    quarters.push({ quarter: `${year}-Q${q}`, from: start, to: end });
    q += 1;
    if (q > 4) {
      q = 1;
      year += 1;
    }
  }
  return quarters;
}

export interface QuarterlyReport {
  project: { code: string; title: string };
  period: Period;
  quarters: {
    quarter: string;
    families_reached: number;
    new_families: number;
    cumulative_families: number;
    activities: { activity_type: string; count: number }[];
    spent_cents: number;
    cumulative_spent_cents: number;
    planned_cumulative_cents: number;
  }[];
}

/**
 * Per quarter of a project: families reached (in the quarter, new, and cumulative since
 * the start), activities by type, spending and cumulative spending against a budget spent
 * evenly over the quarters.
 */
export async function quarterlyReport(
  db: Db,
  project: ProjectRow,
  language: Language,
): Promise<QuarterlyReport> {
  const period = { from: project.startsOn, to: project.endsOn };
  const scope: Scope = { organisationId: project.organisationId, ...period, projectId: project.id };
  const figures = await computeIndicators(db, scope, [['quarter'], ['quarter', 'activity_type']]);
  const fresh = await newFamiliesByQuarter(db, scope);
  const spending = await queryRows<{ quarter: string; cents: number }>(
    db,
    sql`select to_char(spent_on, 'YYYY-"Q"Q') as quarter, sum(amount_cents)::float8 as cents
        from expenditures where project_id = ${project.id} and voided_at is null group by 1`,
  );
  const budget = await budgetOf(db, project, language);
  const plannedTotal = plannedTotalOf(budget);
  const quarters = quartersBetween(period.from, period.to);
  let cumulative = 0;
  let spentSoFar = 0;
  return {
    project: {
      code: project.code,
      title: language === 'lv' || !project.titleEn ? project.titleLv : project.titleEn,
    },
    period,
    quarters: quarters.map(({ quarter }, index) => {
      const newFamilies = fresh.find((f) => f.quarter === quarter)?.families ?? 0;
      cumulative += newFamilies;
      const spent = Math.round(spending.find((s) => s.quarter === quarter)?.cents ?? 0);
      spentSoFar += spent;
      return {
        quarter,
        families_reached:
          figures.find(
            (f) => f.key === 'families_reached' && f.by?.quarter === quarter && !f.by.activity_type,
          )?.value ?? 0,
        new_families: newFamilies,
        cumulative_families: cumulative,
        activities: figures
          .filter((f) => f.key === 'activities_held' && f.by?.quarter === quarter && f.by.activity_type)
          .map((f) => ({ activity_type: f.by!.activity_type!, count: f.value })),
        spent_cents: spent,
        cumulative_spent_cents: spentSoFar,
        planned_cumulative_cents: Math.round((plannedTotal * (index + 1)) / quarters.length),
      };
    }),
  };
}

export interface ContractReport {
  project: { code: string; title: string };
  period: Period;
  contracts: {
    number: string;
    counterparty: string;
    starts_on: string;
    ends_on: string | null;
    quota_families: number | null;
    families_served: number;
    linked_cases: number;
  }[];
}

/**
 * The project's contracts: quota against families served — families of the contract's
 * linked cases reached in the period (within the contract's own dates).
 */
export async function contractReport(
  db: Db,
  project: ProjectRow,
  language: Language,
  period: Period = { from: project.startsOn, to: project.endsOn },
): Promise<ContractReport> {
  const rows = await db
    .select()
    .from(contracts)
    .where(eq(contracts.projectId, project.id))
    .orderBy(asc(contracts.number));
  const out: ContractReport['contracts'] = [];
  for (const c of rows) {
    const from = c.startsOn > period.from ? c.startsOn : period.from;
    const to = c.endsOn && c.endsOn < period.to ? c.endsOn : period.to;
    const served =
      from <= to
        ? await computeIndicators(db, { organisationId: project.organisationId, from, to, contractId: c.id })
        : [];
    const [linked] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from contract_cases where contract_id = ${c.id}`,
    );
    out.push({
      number: c.number,
      counterparty: c.counterparty,
      starts_on: c.startsOn,
      ends_on: c.endsOn,
      quota_families: c.quotaFamilies,
      families_served: served.find((f) => f.key === 'families_reached' && f.by === null)?.value ?? 0,
      linked_cases: linked?.n ?? 0,
    });
  }
  return {
    project: {
      code: project.code,
      title: language === 'lv' || !project.titleEn ? project.titleLv : project.titleEn,
    },
    period,
    contracts: out,
  };
}
