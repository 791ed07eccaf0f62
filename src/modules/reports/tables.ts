import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ReportKindName, ReportRequest } from './reports';

export const reportSnapshots = pgTable('report_snapshots', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  projectId: uuid('project_id').notNull(),
  kind: text().$type<ReportKindName>().notNull(),
  parameters: jsonb().$type<ReportRequest>().notNull(),
  report: jsonb().notNull(),
  definitions: jsonb().notNull(),
  inputHash: text('input_hash').notNull(),
  publishedBy: uuid('published_by').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
});
