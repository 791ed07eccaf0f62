import { bigint, boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
  /** Two-step sign-in: the TOTP secret once enabled, one being set up, the last step used. Never sent out. */
  mfaSecret: text('mfa_secret'),
  mfaPendingSecret: text('mfa_pending_secret'),
  mfaEnabledAt: timestamp('mfa_enabled_at', { withTimezone: true }),
  mfaLastStep: bigint('mfa_last_step', { mode: 'number' }),
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

export const mfaRecoveryCodes = pgTable('mfa_recovery_codes', {
  id: uuid().primaryKey(),
  userId: uuid('user_id').notNull(),
  codeHash: text('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
