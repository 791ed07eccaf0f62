import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const programmes = pgTable('programmes', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  nameLv: text('name_lv').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionLv: text('description_lv').notNull(),
  descriptionEn: text('description_en').notNull(),
  active: boolean().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
