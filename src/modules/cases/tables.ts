import { sql } from 'drizzle-orm';
import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  CaseStatus,
  ClosureReason,
  ReferralReason,
  ReferralSource,
  RiskLevel,
} from '../../shared/registry';

export const cases = pgTable('cases', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  familyId: uuid('family_id').notNull(),
  /**
   * "2026-0042": given by the database when the case is written (migration 0030), never by the app; an
   * insert leaves it out (the `null` default is only what the trigger fills in).
   */
  number: text().notNull().default(sql`null`),
  numberYear: integer('number_year').notNull().default(sql`null`),
  numberSeq: integer('number_seq').notNull().default(sql`null`),
  centreId: uuid('centre_id').notNull(),
  keyWorkerId: uuid('key_worker_id').notNull(),
  status: text().$type<CaseStatus>().notNull(),
  openedOn: date('opened_on', { mode: 'string' }).notNull(),
  closedOn: date('closed_on', { mode: 'string' }),
  closureReason: text('closure_reason').$type<ClosureReason>(),
  outcomeNote: text('outcome_note').notNull(),
  restricted: boolean().notNull(),
  riskLevel: text('risk_level').$type<RiskLevel>(),
  riskSetOn: date('risk_set_on', { mode: 'string' }),
  riskSetBy: uuid('risk_set_by'),
  legalBasis: text('legal_basis').notNull(),
  referralDate: date('referral_date', { mode: 'string' }).notNull(),
  referralSource: text('referral_source').$type<ReferralSource>().notNull(),
  referralInstitution: text('referral_institution').notNull(),
  referralContact: text('referral_contact').notNull(),
  referralReasons: text('referral_reasons').array().$type<ReferralReason[]>().notNull(),
  pendingCentreId: uuid('pending_centre_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** Raised by every save; a save based on an older one is refused. */
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
});

export const caseTeam = pgTable(
  'case_team',
  {
    caseId: uuid('case_id').notNull(),
    userId: uuid('user_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] })],
);

export const caseStatusChanges = pgTable('case_status_changes', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  caseId: uuid('case_id').notNull(),
  fromStatus: text('from_status').$type<CaseStatus>(),
  toStatus: text('to_status').$type<CaseStatus>().notNull(),
  changedOn: date('changed_on', { mode: 'string' }).notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  changedBy: uuid('changed_by'),
  note: text().notNull(),
});

export const consents = pgTable('consents', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  caseId: uuid('case_id').notNull(),
  purpose: text().notNull(),
  givenBy: text('given_by').notNull(),
  givenOn: date('given_on', { mode: 'string' }).notNull(),
  withdrawnOn: date('withdrawn_on', { mode: 'string' }),
  recordedBy: uuid('recorded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const emergencyAccess = pgTable('emergency_access', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  caseId: uuid('case_id').notNull(),
  userId: uuid('user_id').notNull(),
  reason: text().notNull(),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
