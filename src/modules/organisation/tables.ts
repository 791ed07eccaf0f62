import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const organisations = pgTable('organisations', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  /** The secret under which families and people get their pseudonymous codes (never sent out). */
  pseudonymKey: text('pseudonym_key')
    .notNull()
    .default(sql`encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'hex')`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Two-step sign-in required of everyone who reads case content and of administrators. */
  mfaRequired: boolean('mfa_required').notNull().default(false),
});
