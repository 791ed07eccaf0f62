/** The fixed vocabularies of the registry; their labels live in i18n under the same names. */

export const sexes = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof sexes)[number];

export const relations = [
  'mother',
  'father',
  'stepparent',
  'guardian',
  'foster_carer',
  'grandparent',
  'child',
  'sibling',
  'partner',
  'other',
] as const;
export type Relation = (typeof relations)[number];

export const caseStatuses = ['referred', 'intake', 'active', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Forward moves of a case; a closed case can be reopened to intake or active. */
export const allowedTransitions: Record<CaseStatus, readonly CaseStatus[]> = {
  referred: ['intake', 'active', 'closed'],
  intake: ['active', 'closed'],
  active: ['closed'],
  closed: ['intake', 'active'],
};

export const closureReasons = [
  'goals_reached',
  'moved_away',
  'family_declined',
  'transferred',
  'placed_in_care',
  'other',
] as const;
export type ClosureReason = (typeof closureReasons)[number];

export const referralSources = [
  'social_service',
  'maternity_hospital',
  'hospital',
  'kindergarten',
  'school',
  'police',
  'court',
  'self_referral',
  'other',
] as const;
export type ReferralSource = (typeof referralSources)[number];

export const referralReasons = [
  'abandonment',
  'abuse',
  'dangerous_living_conditions',
  'insufficient_care',
  'learning_difficulties',
  'offences',
  'parental_conflict',
  'domestic_violence',
  'disability',
  'bereavement',
  'new_mother_in_difficulty',
  'other',
] as const;
export type ReferralReason = (typeof referralReasons)[number];

export const riskLevels = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof riskLevels)[number];
