import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const contracts = pgTable('contracts', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  counterparty: text().notNull(),
  number: text().notNull(),
  kind: text().$type<'delegation' | 'service_agreement'>().notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
  service: text().notNull(),
  quotaFamilies: integer('quota_families'),
  budgetProgramme: text('budget_programme').notNull(),
  projectId: uuid('project_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const contractCases = pgTable(
  'contract_cases',
  { contractId: uuid('contract_id').notNull(), caseId: uuid('case_id').notNull() },
  (t) => [primaryKey({ columns: [t.contractId, t.caseId] })],
);

export const contractViewers = pgTable(
  'contract_viewers',
  { contractId: uuid('contract_id').notNull(), userId: uuid('user_id').notNull() },
  (t) => [primaryKey({ columns: [t.contractId, t.userId] })],
);
