import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const enrolments = pgTable('enrolments', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  programmeId: uuid('programme_id').notNull(),
  familyId: uuid('family_id'),
  personId: uuid('person_id'),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
  exitReason: text('exit_reason').$type<'completed' | 'moved_away' | 'declined' | 'transferred' | 'other'>(),
  enrolledBy: uuid('enrolled_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
