import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const centres = pgTable('centres', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  name: text().notNull(),
  municipality: text().notNull(),
  address: text().notNull(),
  active: boolean().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
