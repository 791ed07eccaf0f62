import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const sessions = pgTable('sessions', {
  id: text().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  userId: uuid('user_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  ip: text(),
});

export const signInFailures = pgTable('sign_in_failures', {
  id: uuid().primaryKey(),
  email: text().notNull(),
  ip: text().notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
});
