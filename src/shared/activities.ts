/** Vocabularies of service delivery; labels live in i18n under the same names. */
export const activityKinds = ['individual', 'group', 'event', 'institutional'] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const places = ['centre', 'home', 'institution', 'online', 'camp_site', 'other'] as const;
export type Place = (typeof places)[number];

export const activityStatuses = ['planned', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

export const attendances = ['present', 'absent', 'excused'] as const;
export type Attendance = (typeof attendances)[number];

/** Codes of the built-in activity types that reports rely on. */
export const builtinActivityCodes = [
  'consultation',
  'home_visit',
  'remote_consultation',
  'support_group_session',
  'camp',
  'training',
  'mentoring_meeting',
  'family_group_conference',
  'information_event',
  'closing_event',
] as const;

/** Minutes between two `HH:MM` times on one day; negative when the end is before the start. */
export function minutesBetween(start: string, end: string): number {
  const [sh, sm] = start.split(':').map(Number) as [number, number];
  const [eh, em] = end.split(':').map(Number) as [number, number];
  return eh * 60 + em - (sh * 60 + sm);
}

export const institutionTypes = [
  'kindergarten',
  'maternity_hospital',
  'hospital',
  'school',
  'social_service',
  'other',
] as const;
export type InstitutionType = (typeof institutionTypes)[number];
