/**
 * Areas of a family's plan. They are the eight well-being dimensions of the default
 * assessment instrument (so a goal can be read beside the domain it improves), plus other.
 */
export const wellbeingDomains = [
  'care',
  'food_security',
  'accommodation',
  'physical_health',
  'education_skills',
  'livelihood',
  'protection_inclusion',
  'social_emotional',
] as const;
export type WellbeingDomain = (typeof wellbeingDomains)[number];

export const planAreas = [...wellbeingDomains, 'other'] as const;
export type PlanArea = (typeof planAreas)[number];

/** draft → submitted → approved, or returned (with a comment) → edited → submitted again. */
export const planStatuses = ['draft', 'submitted', 'approved', 'returned'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const actionStatuses = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const goalProgress = ['not_started', 'in_progress', 'achieved', 'not_achieved'] as const;
export type GoalProgress = (typeof goalProgress)[number];
