import { boolean, date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { correctionColumns } from '../../platform/corrections';
import type { VolunteerCheckKind, VolunteerStatus } from '../../shared/contracts/projects';

export const volunteers = pgTable('volunteers', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  email: text().notNull(),
  phone: text().notNull(),
  screenedOn: date('screened_on', { mode: 'string' }),
  trainedOn: date('trained_on', { mode: 'string' }),
  active: boolean().notNull(),
  status: text().$type<VolunteerStatus>().notNull().default('applicant'),
  appliedOn: date('applied_on', { mode: 'string' }),
  heardFrom: text('heard_from').notNull().default(''),
  availability: text().notNull().default(''),
  endedOn: date('ended_on', { mode: 'string' }),
  endReason: text('end_reason'),
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** The checks of a volunteer's screening (migration 0032). */
export const volunteerChecks = pgTable('volunteer_checks', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  kind: text().$type<VolunteerCheckKind>().notNull(),
  doneOn: date('done_on', { mode: 'string' }).notNull(),
  result: text().$type<'passed' | 'failed'>().notNull(),
  expiresOn: date('expires_on', { mode: 'string' }),
  note: text().notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  ...correctionColumns(),
});

export const volunteerHours = pgTable('volunteer_hours', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  projectId: uuid('project_id').notNull(),
  activityId: uuid('activity_id'),
  workedOn: date('worked_on', { mode: 'string' }).notNull(),
  hours: numeric({ mode: 'number' }).notNull(),
  description: text().notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  ...correctionColumns(),
});
