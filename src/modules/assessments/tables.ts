import {
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { correctionColumns } from '../../platform/corrections';
import type { AssessmentPhase, InstrumentDomain, InstrumentScale } from '../../shared/contracts/assessments';

export const assessmentInstruments = pgTable('assessment_instruments', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id'),
  nameLv: text('name_lv').notNull(),
  nameEn: text('name_en').notNull(),
  version: text().notNull(),
  domains: jsonb().$type<InstrumentDomain[]>().notNull(),
  scale: jsonb().$type<InstrumentScale>().notNull(),
  active: boolean().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const assessments = pgTable('assessments', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  caseId: uuid('case_id').notNull(),
  instrumentId: uuid('instrument_id').notNull(),
  phase: text().$type<AssessmentPhase>().notNull(),
  assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
  assessedBy: uuid('assessed_by').notNull(),
  notes: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  ...correctionColumns(),
});

export const assessmentScores = pgTable(
  'assessment_scores',
  {
    assessmentId: uuid('assessment_id').notNull(),
    domainKey: text('domain_key').notNull(),
    score: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.domainKey] })],
);
