import {
  boolean,
  date,
  integer,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  ActivityKind,
  ActivityStatus,
  Attendance,
  InstitutionType,
  Place,
} from '../../shared/activities';

export const activityTypes = pgTable('activity_types', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id'),
  code: text(),
  nameLv: text('name_lv').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text().$type<ActivityKind>().notNull(),
  builtin: boolean().notNull(),
  active: boolean().notNull(),
});

export const activities = pgTable('activities', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  typeId: uuid('type_id').notNull(),
  centreId: uuid('centre_id').notNull(),
  programmeId: uuid('programme_id'),
  caseId: uuid('case_id'),
  occursOn: date('occurs_on', { mode: 'string' }).notNull(),
  startsAt: time('starts_at'),
  durationMinutes: integer('duration_minutes').notNull(),
  place: text().$type<Place>().notNull(),
  status: text().$type<ActivityStatus>().notNull(),
  notes: text().notNull(),
  notesConfidential: boolean('notes_confidential').notNull(),
  notesAuthorId: uuid('notes_author_id'),
  followUpOn: date('follow_up_on', { mode: 'string' }),
  forOwnStaff: boolean('for_own_staff').notNull().default(false),
  groupId: uuid('group_id'),
  endsOn: date('ends_on', { mode: 'string' }),
  location: text().notNull().default(''),
  capacity: integer(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** Raised by every correction: a save based on an older one is refused (409). */
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
  /** Voided: kept, but counted nowhere. */
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: uuid('voided_by'),
  voidReason: text('void_reason'),
});

export const activityProjects = pgTable(
  'activity_projects',
  { activityId: uuid('activity_id').notNull(), projectId: uuid('project_id').notNull() },
  (t) => [primaryKey({ columns: [t.activityId, t.projectId] })],
);

export const activityStaff = pgTable(
  'activity_staff',
  { activityId: uuid('activity_id').notNull(), userId: uuid('user_id').notNull(), specialty: text() },
  (t) => [primaryKey({ columns: [t.activityId, t.userId] })],
);

export const activityParticipants = pgTable('activity_participants', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  activityId: uuid('activity_id').notNull(),
  familyId: uuid('family_id'),
  personId: uuid('person_id'),
  attendance: text().$type<Attendance>().notNull(),
  viaFamilyId: uuid('via_family_id'),
});

export const activityDayAttendance = pgTable(
  'activity_day_attendance',
  {
    activityId: uuid('activity_id').notNull(),
    personId: uuid('person_id').notNull(),
    day: date({ mode: 'string' }).notNull(),
    attendance: text().$type<Attendance>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.personId, t.day] })],
);

export const institutions = pgTable('institutions', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  type: text().$type<InstitutionType>().notNull(),
  name: text().notNull(),
  address: text().notNull(),
  contactPerson: text('contact_person').notNull(),
  contactPhone: text('contact_phone').notNull(),
  contactEmail: text('contact_email').notNull(),
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const activityInstitutions = pgTable(
  'activity_institutions',
  {
    activityId: uuid('activity_id').notNull(),
    institutionId: uuid('institution_id').notNull(),
    staffAttended: integer('staff_attended').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.institutionId] })],
);

export const supportGroups = pgTable('support_groups', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  centreId: uuid('centre_id').notNull(),
  programmeId: uuid('programme_id'),
  name: text().notNull(),
  open: boolean().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** Raised by every save: a save based on an older one is refused (409). */
  version: integer().notNull().default(1),
  updatedBy: uuid('updated_by'),
});

export const groupFacilitators = pgTable(
  'group_facilitators',
  { groupId: uuid('group_id').notNull(), userId: uuid('user_id').notNull() },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

export const groupMembers = pgTable('group_members', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  groupId: uuid('group_id').notNull(),
  personId: uuid('person_id').notNull(),
  joinedOn: date('joined_on', { mode: 'string' }).notNull(),
  leftOn: date('left_on', { mode: 'string' }),
});
