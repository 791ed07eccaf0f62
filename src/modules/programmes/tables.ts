import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const programmes = pgTable('programmes', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  nameLv: text('name_lv').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionLv: text('description_lv').notNull(),
  descriptionEn: text('description_en').notNull(),
  active: boolean().notNull(),
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
