import { type CsvSeparator, type CsvValue, csvNumber, csvText } from '../../platform/csv';
import type { ScopeResults } from '../../shared/contracts/reports';
import { dimensionHeading, dimensionValue } from '../../shared/contracts/reports';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  type Language,
  type MessageKey,
  translate,
} from '../../shared/i18n';
import type { Figure } from './indicators';
import type {
  BudgetReport,
  Comparison,
  ContractReport,
  ProjectResults,
  PublicSummary,
  QuarterlyReport,
  ReportKindName,
} from './reports';

/**
 * A report as titled sections of rows: the one layout that text, CSV, XLSX, PDF and the
 * screens render. Cells are numbers (formatted by each output) or text.
 */
export interface Section {
  title: string;
  /** A short name for a spreadsheet tab (Excel allows 31 characters); the title when absent. */
  sheet?: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** How to format each numeric column. */
  kinds?: ('text' | 'number' | 'money' | 'percent')[];
}

export interface RenderedReport {
  title: string;
  subtitle: string;
  sections: Section[];
}

export type ReportKind = ReportKindName | 'scope-results';

/** The dimensions of a breakdown, in the order the engine gives them; none for the unbroken figure. */
const dimensionsOf = (by: Figure['by']): string[] => (by ? Object.keys(by) : []);

/** Rows grouped by their breakdown (its dimensions), in the order the breakdowns first appear: a section each. */
function byBreakdown<R extends { by: Figure['by'] }>(rows: R[]): { dims: string[]; rows: R[] }[] {
  const groups = new Map<string, { dims: string[]; rows: R[] }>();
  for (const row of rows) {
    const dims = dimensionsOf(row.by);
    const group = groups.get(dims.join('+')) ?? { dims, rows: [] };
    group.rows.push(row);
    groups.set(dims.join('+'), group);
  }
  return [...groups.values()];
}

/** One column per dimension (issue 18, item 2): people filter and pivot by them. */
const dimensionCells = (language: Language, dims: string[], by: Figure['by']): string[] =>
  dims.map((d) => dimensionValue(language, d, (by as Record<string, string> | null)?.[d] ?? ''));

const ratio = (planned: number | null, achieved: number) =>
  planned === null || planned === 0 ? null : Math.round((achieved / planned) * 1000) / 1000;

/** "Sagatavots 02.03.2026 10:00 (Rīgas laikā)": the date and time in Riga, where the reports are read. */
export function generatedLine(language: Language, at: Date): string {
  const [date, time] = formatDateTime(at).split(' ');
  return translate(language, 'report.generated', { date: date!, time: time! });
}

export function sectionsOf(kind: ReportKind, report: unknown, language: Language): RenderedReport {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(language, key as never, params);
  const period = (p: { from: string; to: string }) => `${formatDate(p.from)}–${formatDate(p.to)}`;
  const indicator = (key: string) => t(`indicator.${key}`);
  const heading = (dimension: string) => dimensionHeading(language, dimension);
  // A breakdown's section: titled by its dimensions, its tab named by their headings.
  const breakdownNames = (dims: string[]) => ({
    title: t('report.breakdown', { by: dims.map((d) => t(`dimension.${d}`)).join(', ') }),
    sheet: dims.map(heading).join(', '),
  });
  switch (kind) {
    case 'project-results': {
      const r = report as ProjectResults;
      const groups = byBreakdown(r.indicators);
      return {
        title: `${r.project.code} · ${r.project.title}`,
        subtitle: period(r.period),
        sections: groups.map(({ dims, rows }) => {
          const shown = rows.filter((row) => dims.length === 0 || row.achieved !== 0);
          // A breakdown without any target has no planned and ratio columns to leave empty.
          const targets = dims.length === 0 || shown.some((row) => row.planned !== null);
          return {
            ...(dims.length ? breakdownNames(dims) : { title: t('report.targets') }),
            headers: [
              t('report.indicator'),
              ...dims.map(heading),
              ...(targets
                ? [t('report.planned'), t('report.achieved'), t('report.ratio')]
                : [t('report.achieved')]),
            ],
            kinds: [
              'text',
              ...dims.map(() => 'text' as const),
              ...(targets ? (['number', 'number', 'percent'] as const) : (['number'] as const)),
            ],
            rows: shown.map((row) => [
              indicator(row.key),
              ...dimensionCells(language, dims, row.by),
              ...(targets ? [row.planned, row.achieved, ratio(row.planned, row.achieved)] : [row.achieved]),
            ]),
          };
        }),
      };
    }
    case 'compare': {
      const r = report as Comparison;
      const groups = byBreakdown(r.indicators);
      return {
        title: t('report.compareTitle'),
        subtitle: `${period(r.period)} / ${period(r.previous)}`,
        sections: groups.map(({ dims, rows }) => ({
          ...(dims.length ? breakdownNames(dims) : { title: t('report.compareTitle') }),
          headers: [
            t('report.indicator'),
            ...dims.map(heading),
            period(r.period),
            period(r.previous),
            t('report.change'),
          ],
          kinds: ['text', ...dims.map(() => 'text' as const), 'number', 'number', 'number'],
          rows: rows
            .filter((row) => row.by === null || row.current !== 0 || row.previous !== 0)
            .map((row) => [
              indicator(row.key),
              ...dimensionCells(language, dims, row.by),
              row.current,
              row.previous,
              row.change,
            ]),
        })),
      };
    }
    case 'scope-results': {
      const r = report as ScopeResults;
      const groups = byBreakdown(r.indicators);
      const change = (row: ScopeResults['indicators'][number]) =>
        row.previous === null ? null : Math.round((row.achieved - row.previous) * 100) / 100;
      return {
        title: `${t('report.scopeTitle')} · ${[r.scope.centre, r.scope.programme].filter(Boolean).join(' · ') || r.scope.organisation}`,
        subtitle: period(r.period),
        sections: groups.map(({ dims, rows }) => {
          if (dims.length === 0)
            return {
              title: t('report.total'),
              headers: [t('report.indicator'), period(r.period), period(r.previous), t('report.change')],
              kinds: ['text', 'number', 'number', 'number'],
              rows: rows.map((row) => [indicator(row.key), row.achieved, row.previous, change(row)]),
            };
          return {
            ...breakdownNames(dims),
            headers: [t('report.indicator'), ...dims.map(heading), t('report.achieved')],
            kinds: ['text', ...dims.map(() => 'text' as const), 'number'],
            rows: rows
              .filter((row) => row.achieved !== 0)
              .map((row) => [indicator(row.key), ...dimensionCells(language, dims, row.by), row.achieved]),
          };
        }),
      };
    }
    case 'budget': {
      const r = report as BudgetReport;
      return {
        title: `${r.project.code} · ${r.project.title}`,
        subtitle: t('report.budgetTitle'),
        sections: [
          {
            title: t('report.totals'),
            headers: [t('report.item'), t('report.amount')],
            kinds: ['text', 'money'],
            rows: [
              [t('report.declaredTotal'), r.declared_total_cents],
              [t('report.computedTotal'), r.computed_total_cents],
              [t('report.difference'), r.difference_cents],
              [t('report.spent'), r.spent_cents],
            ],
          },
          {
            title: t('report.sources'),
            headers: [t('report.sourceType'), t('report.item'), t('report.amount')],
            kinds: ['text', 'text', 'money'],
            rows: r.sources.map((s) => [t(`source.${s.type}`), s.name, s.amount_cents]),
          },
          {
            title: t('report.lines'),
            headers: [t('report.item'), t('report.planned'), t('report.spent')],
            kinds: ['text', 'money', 'money'],
            rows: r.lines.map((l) => [l.category, l.planned_cents, l.spent_cents]),
          },
          {
            title: t('report.coFinancing'),
            headers: [t('report.item'), t('report.share')],
            kinds: ['text', 'percent'],
            rows: [
              [t('report.coFinancingShare'), r.co_financing.share],
              [t('report.coFinancingRequired'), r.co_financing.required_share],
            ],
          },
          {
            title: t('report.inconsistencies'),
            headers: [t('report.item')],
            rows: r.inconsistencies.length
              ? r.inconsistencies.map((i) => [i.message])
              : [[t('report.noInconsistencies')]],
          },
        ],
      };
    }
    case 'quarterly': {
      const r = report as QuarterlyReport;
      return {
        title: `${r.project.code} · ${r.project.title}`,
        subtitle: `${t('report.quarterlyTitle')} · ${period(r.period)}`,
        sections: [
          {
            title: t('report.quarterlyTitle'),
            headers: [
              t('dimension.quarter'),
              t('indicator.families_reached'),
              t('report.newFamilies'),
              t('report.cumulativeFamilies'),
              t('report.spent'),
              t('report.cumulativeSpent'),
              t('report.plannedCumulative'),
            ],
            kinds: ['text', 'number', 'number', 'number', 'money', 'money', 'money'],
            rows: r.quarters.map((q) => [
              q.quarter,
              q.families_reached,
              q.new_families,
              q.cumulative_families,
              q.spent_cents,
              q.cumulative_spent_cents,
              q.planned_cumulative_cents,
            ]),
          },
          {
            title: t('report.activitiesByQuarter'),
            headers: [t('dimension.quarter'), t('dimension.activity_type'), t('indicator.activities_held')],
            kinds: ['text', 'text', 'number'],
            rows: r.quarters.flatMap((q) =>
              q.activities.map((a) => [
                q.quarter,
                dimensionValue(language, 'activity_type', a.activity_type),
                a.count,
              ]),
            ),
          },
        ],
      };
    }
    case 'contract': {
      const r = report as ContractReport;
      return {
        title: `${r.project.code} · ${r.project.title}`,
        subtitle: `${t('report.contractTitle')} · ${period(r.period)}`,
        sections: [
          {
            title: t('report.contractTitle'),
            headers: [
              t('report.contractNumber'),
              t('report.counterparty'),
              t('report.quota'),
              t('report.familiesServed'),
              t('report.ratio'),
            ],
            kinds: ['text', 'text', 'number', 'number', 'percent'],
            rows: r.contracts.map((c) => [
              c.number,
              c.counterparty,
              c.quota_families,
              c.families_served,
              ratio(c.quota_families, c.families_served),
            ]),
          },
        ],
      };
    }
    case 'public-summary': {
      const r = report as PublicSummary;
      return {
        title: `${r.project.code} · ${r.project.title}`,
        subtitle: period(r.period),
        sections: [
          {
            title: t('report.publicSummary'),
            headers: [t('report.item')],
            rows: r.sentences.map((s) => [s]),
          },
        ],
      };
    }
  }
}

/** A cell as text in the report's language: 1 234,50 €, 10,0%, plain numbers with a decimal comma. */
export function cellText(
  value: string | number | null,
  kind: Section['kinds'] extends (infer K)[] | undefined ? K : never,
  language: Language,
): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (kind === 'money') return formatMoney(value, language);
  if (kind === 'percent') return formatPercent(value, language);
  return new Intl.NumberFormat(language === 'lv' ? 'lv-LV' : 'en-GB', { maximumFractionDigits: 2 }).format(
    value,
  );
}

/** Plain text for a terminal. */
export function toText(rendered: RenderedReport, language: Language): string {
  const out = [rendered.title, rendered.subtitle, ''];
  for (const section of rendered.sections) {
    out.push(section.title);
    const cells = section.rows.map((row) =>
      row.map((v, i) => cellText(v, section.kinds?.[i] ?? 'text', language)),
    );
    const widths = section.headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
    out.push(section.headers.map((h, i) => h.padEnd(widths[i]!)).join('  '));
    for (const row of cells)
      out.push(
        row
          .map((c, i) =>
            section.kinds?.[i] && section.kinds[i] !== 'text' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!),
          )
          .join('  '),
      );
    out.push('');
  }
  return out.join('\n');
}

/**
 * CSV for the spreadsheet of the report's language (issue 18, item 3): in Latvian `;` between cells and a
 * decimal comma, in English `,` and a decimal point; UTF-8 with a byte-order mark. A first column names
 * the section; money is in euros with cents (not in cents), shares are percentages, whole numbers stay
 * whole. Formula-like text is neutralised by the one CSV writer (src/platform/csv.ts).
 */
export function toCsv(rendered: RenderedReport, language: Language): string {
  const separator: CsvSeparator = language === 'lv' ? ';' : ',';
  const t = (key: string) => translate(language, key as MessageKey);
  const rows: CsvValue[][] = [];
  for (const section of rendered.sections) {
    rows.push([
      t('report.section'),
      ...section.headers.map((header, i) => csvHeader(header, section.kinds?.[i])),
    ]);
    for (const row of section.rows)
      rows.push([
        section.title,
        ...row.map((value, i) => {
          if (typeof value !== 'number') return value;
          const kind = section.kinds?.[i];
          if (kind === 'money') return csvNumber(value / 100, separator, 2);
          if (kind === 'percent') return csvNumber(Math.round(value * 1000) / 10, separator);
          return csvNumber(value, separator);
        }),
      ]);
  }
  return csvText(rows, separator);
}

/** A money column says its currency, a share column its unit: the cells themselves are plain numbers. */
function csvHeader(header: string, kind: string | undefined): string {
  if (kind === 'money') return `${header} (€)`;
  if (kind === 'percent') return `${header} (%)`;
  return header;
}
