import { boolean, date, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { correctionColumns } from '../../platform/corrections';

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
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
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
