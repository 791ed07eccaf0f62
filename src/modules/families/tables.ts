import { boolean, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Relation, Sex } from '../../shared/registry';

export const persons = pgTable('persons', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  birthDate: date('birth_date', { mode: 'string' }),
  birthYear: integer('birth_year'),
  sex: text().$type<Sex>().notNull(),
  personalCode: text('personal_code'),
  phone: text().notNull(),
  email: text().notNull(),
  municipality: text().notNull(),
  town: text().notNull(),
  street: text().notNull(),
  preferredLanguage: text('preferred_language').notNull(),
  disability: boolean().notNull(),
  disabilityNote: text('disability_note').notNull(),
  notes: text().notNull(),
  searchName: text('search_name').notNull(),
  sortKey: text('sort_key').notNull(),
  mergedInto: uuid('merged_into'),
  /** Registered with the personal code of a person in a restricted case, unseen by its registrar. */
  duplicateOf: uuid('duplicate_of'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** Raised by every save; a save based on an older one is refused. */
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
  /** Erased (anonymised) by the data protection officer: who, when, why (src/modules/subject-access/erase.ts). */
  erasedAt: timestamp('erased_at', { withTimezone: true }),
  erasedBy: uuid('erased_by'),
  erasureReason: text('erasure_reason'),
});

export const families = pgTable('families', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  name: text().notNull(),
  /**
   * The present members' folded names (`persons.search_name`), kept by triggers (migration 0030) for the
   * header's search; never written by the app.
   */
  memberNames: text('member_names').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const familyMembers = pgTable('family_members', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  familyId: uuid('family_id').notNull(),
  personId: uuid('person_id').notNull(),
  relation: text().$type<Relation>().notNull(),
  joinedOn: date('joined_on', { mode: 'string' }).notNull(),
  leftOn: date('left_on', { mode: 'string' }),
  /** Raised by every save: a save based on an older one is refused (409). */
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

/**
 * Each team member's cases in the order the header search lists them (migration 0033): derived from the
 * team, the cases and the families by triggers in every write's transaction.
 */
export const teamCases = pgTable('team_cases', {
  userId: uuid('user_id').notNull(),
  caseId: uuid('case_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  centreId: uuid('centre_id').notNull(),
  closed: boolean().notNull(),
  familyKey: text('family_key').notNull(),
  openedOn: date('opened_on', { mode: 'string' }).notNull(),
  memberNames: text('member_names').notNull(),
  number: text(),
});
