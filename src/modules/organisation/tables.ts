import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
  /** Retention rules (years after a case closed); null: the server's CASE_RETENTION_YEARS. */
  retentionCaseYears: integer('retention_case_years'),
  retentionDocumentYears: integer('retention_document_years'),
});
