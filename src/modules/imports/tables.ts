import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const imports = pgTable('imports', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  /** Null for a register of the organisation (institutions, volunteers). */
  centreId: uuid('centre_id'),
  kind: text().notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  rowsTotal: integer('rows_total').notNull(),
  /** Records (families or activities, by kind) imported, found imported before, and left out. */
  familiesImported: integer('families_imported').notNull(),
  familiesAlready: integer('families_already').notNull(),
  familiesSkipped: integer('families_skipped').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  undoneAt: timestamp('undone_at', { withTimezone: true }),
  undoneBy: uuid('undone_by'),
  undoReason: text('undo_reason'),
});

export const importRecords = pgTable(
  'import_records',
  {
    importId: uuid('import_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    kind: text().notNull(),
    rowKey: text('row_key').notNull(),
    /** A family import's family, its case and its people (new or already registered). */
    familyId: uuid('family_id'),
    caseId: uuid('case_id'),
    personIds: uuid('person_ids').array().notNull(),
    /** An activity import's activity, and the group memberships it added for its participants. */
    activityId: uuid('activity_id'),
    groupMemberIds: uuid('group_member_ids').array().notNull(),
    /** A register import's institution or volunteer. */
    recordId: uuid('record_id'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowKey] })],
);

export const importMappings = pgTable(
  'import_mappings',
  {
    organisationId: uuid('organisation_id').notNull(),
    kind: text().notNull(),
    headersKey: text('headers_key').notNull(),
    mapping: jsonb().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.kind, t.headersKey] })],
);
