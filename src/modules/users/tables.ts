import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role, Specialty } from '../../shared/access';
import type { Language } from '../../shared/i18n';

export const users = pgTable('users', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  email: text().notNull(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  specialty: text().$type<Specialty>(),
  language: text().$type<Language>().notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const roleGrants = pgTable('role_grants', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  userId: uuid('user_id').notNull(),
  role: text().$type<Role>().notNull(),
  centreId: uuid('centre_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
