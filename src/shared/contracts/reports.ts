import { builtinActivityCodes } from '../activities';
import { type Language, type MessageKey, translate } from '../i18n';
import type { IndicatorKey } from '../indicators';

/** The reports of a project, each at `GET /api/projects/:id/reports/:kind`. */
export const reportKindNames = [
  'project-results',
  'compare',
  'quarterly',
  'budget',
  'contract',
  'public-summary',
] as const;
export type ReportKindName = (typeof reportKindNames)[number];

export interface ReportPeriod {
  from: string;
  to: string;
}

/** `GET /api/reports/results`: the organisation's, a centre's or a programme's results for a period. */
export interface ScopeResults {
  scope: { organisation: string; centre: string | null; programme: string | null };
  period: ReportPeriod;
  previous: ReportPeriod;
  indicators: {
    key: IndicatorKey;
    /** null: the unbroken figure; otherwise the breakdown's dimension values. */
    by: Record<string, string> | null;
    achieved: number;
    /** The previous period's figure, beside the unbroken ones only. */
    previous: number | null;
  }[];
}

/**
 * A dimension's value as people read it, on screens and in every output: a built-in activity type by
 * its name (reports key it by its code, `camp`); an organisation's own type by its name; sex, age band
 * and disability translated; a municipality not recorded said so; anything else as is.
 */
export function dimensionValue(language: Language, dimension: string, value: string): string {
  const t = (key: string) => translate(language, key as MessageKey);
  if (dimension === 'activity_type' && (builtinActivityCodes as readonly string[]).includes(value))
    return t(`activityType.${value}`);
  if (dimension === 'sex') return t(`sex.${value}`);
  if (dimension === 'age_band') return t(`ageBand.${value}`);
  if (dimension === 'disability') return t(value === 'yes' ? 'common.yes' : 'common.no');
  if (dimension === 'municipality' && value === '') return t('report.notRecorded');
  return value;
}

/** A dimension as a column heading: "Aktivitātes veids", not "aktivitātes veids". */
export function dimensionHeading(language: Language, dimension: string): string {
  const name = translate(language, `dimension.${dimension}` as MessageKey);
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}
