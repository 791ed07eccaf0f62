import { z } from 'zod';
import { activityKinds, activityStatuses, attendances, institutionTypes, places } from '../activities';
import { correctionFields, isoDate, recordDate, text, voidInput, voidMark } from './common';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.time' });

export const activityType = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  nameLv: z.string(),
  nameEn: z.string(),
  kind: z.enum(activityKinds),
  builtin: z.boolean(),
  active: z.boolean(),
});
export type ActivityType = z.infer<typeof activityType>;
export const activityTypeList = z.object({ types: z.array(activityType) });
export const activityTypeInput = z.object({
  nameLv: text(200).min(2),
  nameEn: text(200).min(2),
  kind: z.enum(activityKinds),
  active: z.boolean().default(true),
});

/** An activity logged on a case: by default the family attended and the caller delivered it. */
export const caseActivityInput = z.object({
  typeId: z.uuid(),
  occursOn: recordDate,
  startsAt: time.nullable().default(null),
  endsAt: time.nullable().default(null),
  durationMinutes: z.number().int().min(1).max(1440).nullable().default(null),
  place: z.enum(places),
  status: z.enum(activityStatuses).default('held'),
  notes: text(10000).default(''),
  /** Unset: confidential when the author is a psychologist or a lawyer. */
  notesConfidential: z.boolean().nullable().default(null),
  followUpOn: isoDate.nullable().default(null),
  programmeId: z.uuid().nullable().default(null),
  projectIds: z.array(z.uuid()).max(10).default([]),
  staffIds: z.array(z.uuid()).max(10).default([]),
  participants: z
    .array(
      z.object({
        familyId: z.uuid().optional(),
        personId: z.uuid().optional(),
        attendance: z.enum(attendances).default('present'),
      }),
    )
    .max(50)
    .default([]),
  /** Log it although the same activity is already logged for the family that day (a warning otherwise, 409). */
  confirmDuplicate: z.boolean().default(false),
});
export type CaseActivityInput = z.input<typeof caseActivityInput>;

export const activityView = z.object({
  id: z.uuid(),
  typeId: z.uuid(),
  typeCode: z.string().nullable(),
  typeNameLv: z.string(),
  typeNameEn: z.string(),
  occursOn: z.string(),
  startsAt: z.string().nullable(),
  durationMinutes: z.number(),
  place: z.enum(places),
  status: z.enum(activityStatuses),
  /** Null when the notes are confidential and the caller is neither their author nor the centre's manager. */
  notes: z.string().nullable(),
  notesConfidential: z.boolean(),
  followUpOn: z.string().nullable(),
  programmeId: z.uuid().nullable(),
  projectIds: z.array(z.uuid()),
  staff: z.array(z.object({ userId: z.uuid(), name: z.string(), specialty: z.string().nullable() })),
  participants: z.array(
    z.object({
      familyId: z.uuid().nullable(),
      personId: z.uuid().nullable(),
      name: z.string(),
      attendance: z.enum(attendances),
    }),
  ),
  /** Raised by every correction; a correction or void sends the version it was based on. */
  version: z.number(),
  /** Voided: shown struck through with who, when and why; counted nowhere. */
  voided: voidMark,
});
export type ActivityView = z.infer<typeof activityView>;

/**
 * A correction of an activity on a case: the whole form again, the version it was read at (a save based
 * on an older one is refused with 409), and why (required for a record older than the configured days or
 * counted in a published report).
 */
export const activityCorrection = caseActivityInput.extend(correctionFields);

/** Voiding an activity of any kind: it stays on record and stops counting; the reason is required. */
export const activityVoid = voidInput;
export const activityList = z.object({ activities: z.array(activityView) });

export const loggedActivity = z.object({
  caseId: z.uuid(),
  activityId: z.uuid(),
  /** People who will not count: the activity is dated before they joined the family (a warning). */
  notCounted: z.array(z.string()),
});

export const institutionInput = z.object({
  type: z.enum(institutionTypes),
  name: text(300).min(2),
  address: text(300).default(''),
  contactPerson: text(200).default(''),
  contactPhone: text(40).default(''),
  contactEmail: text(320).default(''),
  /** An edit's: the version it was read at (a save from an older screen is refused). */
  version: z.number().int().min(1).optional(),
});
export const institutionView = z.object({
  id: z.uuid(),
  type: z.enum(institutionTypes),
  name: z.string(),
  address: z.string(),
  contactPerson: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
  version: z.number(),
});
export type InstitutionView = z.infer<typeof institutionView>;
export const institutionList = z.object({
  institutions: z.array(institutionView),
  /** By the server's policy: add and edit institutions. */
  abilities: z.object({ edit: z.boolean() }),
});

/** An activity not tied to one family: a training, an information event, a closing event. */
export const centreActivityInput = z.object({
  centreId: z.uuid(),
  typeId: z.uuid(),
  occursOn: recordDate,
  startsAt: time.nullable().default(null),
  durationMinutes: z.number().int().min(1).max(1440),
  place: z.enum(places),
  status: z.enum(activityStatuses).default('held'),
  notes: text(10000).default(''),
  programmeId: z.uuid().nullable().default(null),
  projectIds: z.array(z.uuid()).max(10).default([]),
  staffIds: z.array(z.uuid()).max(20).default([]),
  forOwnStaff: z.boolean().default(false),
  institutions: z
    .array(
      z.object({ institutionId: z.uuid(), staffAttended: z.number().int().min(0).max(10000).default(0) }),
    )
    .max(200)
    .default([]),
});
export type CentreActivityInput = z.input<typeof centreActivityInput>;
/** A correction of a centre activity: the whole form again, the version read and a reason when needed. */
export const centreActivityCorrection = centreActivityInput.extend(correctionFields);

export const centreActivityView = z.object({
  id: z.uuid(),
  centreId: z.uuid(),
  typeId: z.uuid(),
  typeCode: z.string().nullable(),
  typeNameLv: z.string(),
  typeNameEn: z.string(),
  occursOn: z.string(),
  startsAt: z.string().nullable(),
  durationMinutes: z.number(),
  place: z.enum(places),
  status: z.enum(activityStatuses),
  notes: z.string(),
  programmeId: z.uuid().nullable(),
  projectIds: z.array(z.uuid()),
  staffIds: z.array(z.uuid()),
  forOwnStaff: z.boolean(),
  institutions: z.array(z.object({ institutionId: z.uuid(), name: z.string(), staffAttended: z.number() })),
  /** Raised by every correction; a correction or void sends the version it was based on. */
  version: z.number(),
  voided: voidMark,
});
export type CentreActivityView = z.infer<typeof centreActivityView>;
export const centreActivityList = z.object({ activities: z.array(centreActivityView) });
export const centreActivityQuery = z.object({
  centreId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const groupInput = z.object({
  name: text(200).min(2),
  centreId: z.uuid(),
  programmeId: z.uuid().nullable().default(null),
  open: z.boolean().default(true),
  facilitatorIds: z.array(z.uuid()).min(1).max(10),
});
export const groupMemberInput = z.object({ personId: z.uuid(), joinedOn: isoDate });
export const groupSessionInput = z.object({
  occursOn: recordDate,
  startsAt: time.nullable().default(null),
  durationMinutes: z.number().int().min(1).max(1440),
  place: z.enum(places).default('centre'),
  status: z.enum(activityStatuses).default('held'),
  programmeId: z.uuid().nullable().default(null),
  projectIds: z.array(z.uuid()).max(10).default([]),
  /** One row per member present, absent or excused; guests are people not (yet) members. */
  attendance: z.array(z.object({ personId: z.uuid(), attendance: z.enum(attendances) })).max(200),
  guests: z
    .array(z.object({ personId: z.uuid(), attendance: z.enum(attendances).default('present') }))
    .max(50)
    .default([]),
  /** Log it although the group already has a session that day (a warning otherwise, 409). */
  confirmDuplicate: z.boolean().default(false),
});

/** A correction of a group session: the whole form again, the version read and a reason when needed. */
export const groupSessionCorrection = groupSessionInput.extend(correctionFields);

/** What a facilitator sees of a group: members' names and attendance, never their case files. */
export const groupView = z.object({
  id: z.uuid(),
  name: z.string(),
  centreId: z.uuid(),
  programmeId: z.uuid().nullable(),
  open: z.boolean(),
  facilitators: z.array(z.object({ userId: z.uuid(), name: z.string() })),
  members: z.array(
    z.object({
      id: z.uuid(),
      personId: z.uuid(),
      /** null: a member of a restricted case the caller does not work on, shown as "a participant". */
      name: z.string().nullable(),
      joinedOn: z.string(),
      leftOn: z.string().nullable(),
    }),
  ),
  /** By the server's policy: add and end memberships (sessions are logged by all who see the group). */
  abilities: z.object({ manageMembers: z.boolean() }),
  sessions: z.array(
    z.object({
      activityId: z.uuid(),
      occursOn: z.string(),
      startsAt: z.string().nullable(),
      durationMinutes: z.number(),
      place: z.enum(places),
      status: z.enum(activityStatuses),
      programmeId: z.uuid().nullable(),
      projectIds: z.array(z.uuid()),
      version: z.number(),
      voided: voidMark,
      attendance: z.array(
        z.object({ personId: z.uuid(), name: z.string().nullable(), attendance: z.enum(attendances) }),
      ),
    }),
  ),
});
export type GroupView = z.infer<typeof groupView>;
export const groupCreated = z.object({ id: z.uuid() });

export const groupList = z.object({
  groups: z.array(
    z.object({ id: z.uuid(), name: z.string(), centreId: z.uuid(), open: z.boolean(), members: z.number() }),
  ),
});

/** A multi-day event such as a family camp: dates, a named place, capacity. */
export const eventInput = z.object({
  centreId: z.uuid(),
  typeId: z.uuid(),
  startsOn: recordDate,
  endsOn: recordDate,
  /** Programme time of one day. */
  durationMinutes: z.number().int().min(1).max(1440),
  place: z.enum(places).default('camp_site'),
  location: text(300).default(''),
  capacity: z.number().int().min(1).max(10000).nullable().default(null),
  status: z.enum(activityStatuses).default('held'),
  notes: text(10000).default(''),
  programmeId: z.uuid().nullable().default(null),
  projectIds: z.array(z.uuid()).max(10).default([]),
  staffIds: z.array(z.uuid()).max(20).default([]),
});
export type EventInput = z.input<typeof eventInput>;
/** A correction of an event: the whole form again, the version read and a reason when needed. */
export const eventCorrection = eventInput.extend(correctionFields);

/** A family taking part in an event, with the members who came (default: all current members). */
export const eventFamilyInput = z.object({
  familyId: z.uuid(),
  personIds: z.array(z.uuid()).max(30).default([]),
});

/** Attendance on one day of an event, one row per participant marked. */
export const eventDayInput = z.object({
  day: isoDate,
  attendance: z
    .array(z.object({ personId: z.uuid(), attendance: z.enum(attendances) }))
    .min(1)
    .max(500),
});

export const eventView = z.object({
  id: z.uuid(),
  centreId: z.uuid(),
  typeId: z.uuid(),
  typeCode: z.string().nullable(),
  typeNameLv: z.string(),
  typeNameEn: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  days: z.array(z.string()),
  durationMinutes: z.number(),
  place: z.enum(places),
  location: z.string(),
  capacity: z.number().nullable(),
  status: z.enum(activityStatuses),
  notes: z.string(),
  programmeId: z.uuid().nullable(),
  projectIds: z.array(z.uuid()),
  staffIds: z.array(z.uuid()),
  version: z.number(),
  voided: voidMark,
  families: z.array(
    z.object({
      familyId: z.uuid(),
      /** null, like the members' names: a family of a restricted case the caller does not work on. */
      name: z.string().nullable(),
      members: z.array(
        z.object({
          personId: z.uuid(),
          name: z.string().nullable(),
          attendance: z.enum(attendances),
          days: z.record(z.string(), z.enum(attendances)),
        }),
      ),
    }),
  ),
  /** What the caller may do with it, by the server's policy: correct it, add families, take attendance. */
  abilities: z.object({ edit: z.boolean() }),
});
export type EventView = z.infer<typeof eventView>;

export const eventList = z.object({
  events: z.array(
    z.object({
      id: z.uuid(),
      centreId: z.uuid(),
      typeCode: z.string().nullable(),
      typeNameLv: z.string(),
      typeNameEn: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      location: z.string(),
      capacity: z.number().nullable(),
      families: z.number(),
      participants: z.number(),
      voided: z.boolean(),
    }),
  ),
});

/** Current members of a family, for choosing who came: names only. */
export const familyRoster = z.object({
  familyId: z.uuid(),
  name: z.string(),
  members: z.array(z.object({ personId: z.uuid(), name: z.string(), relation: z.string() })),
});
export type FamilyRoster = z.infer<typeof familyRoster>;
