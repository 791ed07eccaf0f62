import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { BudgetView } from '../../shared/contracts/projects';
import { formatMoney, formatPercent, type Language, translate } from '../../shared/i18n';
import { countsAsCofinancing } from '../../shared/indicators';
import { volunteerHours } from '../volunteers/tables';
import { budgetLines, expenditures, fundingSources, type projects } from './tables';

type ProjectRow = typeof projects.$inferSelect;

/**
 * A project's money, computed in the database from its parts: the total is the sum of
 * the funding sources; a published total that disagrees is kept and reported as an
 * inconsistency, never replaced. Co-financing share = the sources the funder counts
 * (municipal, own funds, and valued volunteer work where allowed) / total.
 */
// Correlated sums name their tables: Drizzle leaves columns unqualified in single-table selects.
export async function budgetOf(db: Db, project: ProjectRow, language: Language): Promise<BudgetView> {
  const lines = await db
    .select({
      id: budgetLines.id,
      category: budgetLines.category,
      plannedCents: budgetLines.plannedCents,
      spentCents:
        sql<number>`coalesce((select sum(e.amount_cents) from expenditures e where e.budget_line_id = budget_lines.id and e.voided_at is null), 0)`.mapWith(
          Number,
        ),
    })
    .from(budgetLines)
    .where(eq(budgetLines.projectId, project.id))
    .orderBy(asc(budgetLines.position));
  const sources = await db
    .select({
      id: fundingSources.id,
      type: fundingSources.type,
      name: fundingSources.name,
      amountCents: fundingSources.amountCents,
      spentCents:
        sql<number>`coalesce((select sum(e.amount_cents) from expenditures e where e.funding_source_id = funding_sources.id and e.voided_at is null), 0)`.mapWith(
          Number,
        ),
    })
    .from(fundingSources)
    .where(eq(fundingSources.projectId, project.id))
    .orderBy(asc(fundingSources.position));
  const [spent] = await db
    .select({ total: sql<number>`coalesce(sum(${expenditures.amountCents}), 0)`.mapWith(Number) })
    .from(expenditures)
    .where(and(eq(expenditures.projectId, project.id), isNull(expenditures.voidedAt)));

  const [volunteering] = await db
    .select({ hours: sql<number>`coalesce(sum(${volunteerHours.hours}), 0)`.mapWith(Number) })
    .from(volunteerHours)
    .where(and(eq(volunteerHours.projectId, project.id), isNull(volunteerHours.voidedAt)));
  const volunteerHoursTotal = volunteering?.hours ?? 0;
  const volunteerValue = Math.round(volunteerHoursTotal * (project.volunteerHourlyRateCents ?? 0));
  // Logged volunteer hours at the project's rate are in-kind funding like any entered source.
  const computed = sources.reduce((sum, s) => sum + s.amountCents, 0) + volunteerValue;
  const declared = project.declaredTotalCents;
  const cofinanced =
    sources
      .filter((s) => countsAsCofinancing(s.type, project.cofinancingCountsInKind))
      .reduce((sum, s) => sum + s.amountCents, 0) + (project.cofinancingCountsInKind ? volunteerValue : 0);
  const share = computed > 0 ? Math.round((cofinanced / computed) * 10000) / 10000 : null;
  const required = project.cofinancingRequiredShare;
  const met = required === null || share === null ? null : share >= required;

  const money = (cents: number) => formatMoney(cents, language);
  const inconsistencies: BudgetView['inconsistencies'] = [];
  if (declared !== null && declared !== computed) {
    inconsistencies.push({
      code: 'DECLARED_TOTAL_MISMATCH',
      message: translate(language, 'budget.declaredMismatch', {
        declared: money(declared),
        computed: money(computed),
        difference: money(Math.abs(computed - declared)),
      }),
    });
  }
  const planned = lines.reduce((sum, l) => sum + l.plannedCents, 0);
  if (lines.length > 0 && sources.length > 0 && planned !== computed) {
    inconsistencies.push({
      code: 'LINES_SOURCES_MISMATCH',
      message: translate(language, 'budget.linesMismatch', {
        lines: money(planned),
        sources: money(computed),
      }),
    });
  }
  for (const line of lines) {
    if (line.spentCents > line.plannedCents) {
      inconsistencies.push({
        code: 'LINE_OVERSPENT',
        message: translate(language, 'budget.lineOverspent', {
          line: line.category,
          spent: money(line.spentCents),
          planned: money(line.plannedCents),
        }),
      });
    }
  }
  if (met === false) {
    inconsistencies.push({
      code: 'COFINANCING_BELOW_RULE',
      message: translate(language, 'budget.cofinancingBelow', {
        share: formatPercent(share ?? 0, language),
        required: formatPercent(required ?? 0, language),
      }),
    });
  }

  return {
    declaredTotalCents: declared,
    computedTotalCents: computed,
    differenceCents: declared === null ? 0 : computed - declared,
    spentCents: spent?.total ?? 0,
    lines,
    sources,
    coFinancing: { share, requiredShare: required, countsInKind: project.cofinancingCountsInKind, met },
    volunteerHourlyRateCents: project.volunteerHourlyRateCents,
    version: project.budgetVersion,
    volunteerWork: { hours: volunteerHoursTotal, valueCents: volunteerValue },
    inconsistencies,
  };
}

/** What a project plans to spend: the sum of its budget lines, or without lines its sources' total. */
export const plannedTotalOf = (budget: Pick<BudgetView, 'lines' | 'computedTotalCents'>): number =>
  budget.lines.reduce((sum, l) => sum + l.plannedCents, 0) || budget.computedTotalCents;
