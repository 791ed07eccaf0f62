import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const documents = pgTable('documents', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  caseId: uuid('case_id').notNull(),
  familyId: uuid('family_id').notNull(),
  activityId: uuid('activity_id'),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text().notNull(),
  description: text().notNull(),
  uploadedBy: uuid('uploaded_by').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
});
