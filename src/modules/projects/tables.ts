import {
  bigint,
  boolean,
  date,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { correctionColumns } from '../../platform/corrections';
import type { FundingSourceType, IndicatorKey, ProjectStatus } from '../../shared/indicators';

const money = (name: string) => bigint(name, { mode: 'number' });

export const projects = pgTable('projects', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  code: text().notNull(),
  titleLv: text('title_lv').notNull(),
  titleEn: text('title_en').notNull(),
  descriptionLv: text('description_lv').notNull(),
  descriptionEn: text('description_en').notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  status: text().$type<ProjectStatus>().notNull(),
  places: text().array().notNull(),
  declaredTotalCents: money('declared_total_cents'),
  cofinancingRequiredShare: numeric('cofinancing_required_share', { mode: 'number' }),
  cofinancingCountsInKind: boolean('cofinancing_counts_in_kind').notNull(),
  volunteerHourlyRateCents: money('volunteer_hourly_rate_cents'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** Raised by every save: a save based on an older one is refused (409). */
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
  /** The budget (lines and sources) is saved as a whole, with its own version. */
  budgetVersion: integer('budget_version').notNull().default(1),
  budgetUpdatedBy: uuid('budget_updated_by'),
  budgetUpdatedAt: timestamp('budget_updated_at', { withTimezone: true }),
});

const link = (table: string, column: string) =>
  pgTable(table, { projectId: uuid('project_id').notNull(), otherId: uuid(column).notNull() }, (t) => [
    primaryKey({ columns: [t.projectId, t.otherId] }),
  ]);
export const projectCentres = link('project_centres', 'centre_id');
export const projectProgrammes = link('project_programmes', 'programme_id');
export const projectManagers = link('project_managers', 'user_id');
export const projectViewers = link('project_viewers', 'user_id');

export const projectFunders = pgTable('project_funders', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  projectId: uuid('project_id').notNull(),
  name: text().notNull(),
  fundingProgramme: text('funding_programme').notNull(),
  donorCountries: text('donor_countries').array().notNull(),
  position: integer().notNull(),
});

export const projectPartners = pgTable('project_partners', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  projectId: uuid('project_id').notNull(),
  name: text().notNull(),
  role: text().notNull(),
  position: integer().notNull(),
});

export const projectTargets = pgTable('project_targets', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  projectId: uuid('project_id').notNull(),
  indicatorKey: text('indicator_key').$type<IndicatorKey>().notNull(),
  label: text().notNull(),
  plannedValue: numeric('planned_value', { mode: 'number' }).notNull(),
  periodYear: integer('period_year'),
  periodQuarter: integer('period_quarter'),
});

export const budgetLines = pgTable('budget_lines', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  projectId: uuid('project_id').notNull(),
  category: text().notNull(),
  plannedCents: money('planned_cents').notNull(),
  position: integer().notNull(),
});

export const fundingSources = pgTable('funding_sources', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  projectId: uuid('project_id').notNull(),
  type: text().$type<FundingSourceType>().notNull(),
  name: text().notNull(),
  amountCents: money('amount_cents').notNull(),
  position: integer().notNull(),
});

export const expenditures = pgTable('expenditures', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  projectId: uuid('project_id').notNull(),
  budgetLineId: uuid('budget_line_id').notNull(),
  fundingSourceId: uuid('funding_source_id'),
  spentOn: date('spent_on', { mode: 'string' }).notNull(),
  amountCents: money('amount_cents').notNull(),
  description: text().notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  ...correctionColumns(),
});
