/**
 * The indicators reports compute (counting rules in DOMAIN.md); project targets name
 * one of these keys. Labels live in i18n as `indicator.<key>`.
 */
export const indicatorKeys = [
  'families_reached',
  'children_in_families_reached',
  'persons_reached',
  'women_reached',
  'groups_held',
  'events_held',
  'institutions_reached',
  'activities_held',
  'service_hours',
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

export const projectStatuses = ['planned', 'active', 'completed', 'closed'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const fundingSourceTypes = ['grant', 'municipal', 'own_funds', 'in_kind', 'other'] as const;
export type FundingSourceType = (typeof fundingSourceTypes)[number];

/** Sources that count as co-financing: everything but the grant itself (in kind only if the funder allows). */
export function countsAsCofinancing(type: FundingSourceType, countsInKind: boolean): boolean {
  if (type === 'grant' || type === 'other') return false;
  return type !== 'in_kind' || countsInKind;
}
