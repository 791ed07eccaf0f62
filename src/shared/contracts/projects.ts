import { z } from 'zod';
import { fundingSourceTypes, indicatorKeys, projectStatuses } from '../indicators';
import { correctionFields, isoDate, recordDate, text, voidMark } from './common';

const cents = z.number().int().min(0).max(1e13);

export const programmeInput = z.object({
  nameLv: text(200).min(2),
  nameEn: text(200).min(2),
  descriptionLv: text(5000).default(''),
  descriptionEn: text(5000).default(''),
  active: z.boolean().default(true),
  /** An edit's: the version it was read at (a save from an older screen is refused). */
  version: z.number().int().min(1).optional(),
});
export type ProgrammeInput = z.input<typeof programmeInput>;

export const programme = z.object({
  id: z.uuid(),
  nameLv: z.string(),
  nameEn: z.string(),
  descriptionLv: z.string(),
  descriptionEn: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type Programme = z.infer<typeof programme>;
export const programmeList = z.object({ programmes: z.array(programme) });

export const funderInput = z.object({
  name: text(300).min(2),
  fundingProgramme: text(300).default(''),
  donorCountries: z.array(text(100).min(2)).max(20).default([]),
});
export const partnerInput = z.object({ name: text(300).min(2), role: text(300).default('') });
export const targetInput = z.object({
  indicatorKey: z.enum(indicatorKeys),
  label: text(300).default(''),
  plannedValue: z.number().min(0).max(1e9),
  periodYear: z.number().int().min(1990).max(2100).nullable().default(null),
  periodQuarter: z.number().int().min(1).max(4).nullable().default(null),
});

/** A project as entered by a project manager: description, period, who funds and partners it, its targets. */
export const projectInput = z.object({
  code: text(100).min(2),
  titleLv: text(500).min(2),
  titleEn: text(500).default(''),
  descriptionLv: text(10000).default(''),
  descriptionEn: text(10000).default(''),
  startsOn: isoDate,
  endsOn: isoDate,
  status: z.enum(projectStatuses).default('planned'),
  places: z.array(text(200).min(1)).max(50).default([]),
  centreIds: z.array(z.uuid()).max(50).default([]),
  programmeIds: z.array(z.uuid()).max(50).default([]),
  managerIds: z.array(z.uuid()).max(20).default([]),
  /** Partner viewers linked to the project; left as they are when omitted. */
  viewerIds: z.array(z.uuid()).max(50).optional(),
  funders: z.array(funderInput).max(20).default([]),
  partners: z.array(partnerInput).max(50).default([]),
  targets: z.array(targetInput).max(200).default([]),
  /** The version the project was read at, when it is edited (409 when someone saved since). */
  version: z.number().int().min(1).optional(),
});
export type ProjectInput = z.input<typeof projectInput>;

export const budgetInput = z.object({
  declaredTotalCents: cents.nullable().default(null),
  cofinancingRequiredShare: z.number().min(0).max(1).nullable().default(null),
  cofinancingCountsInKind: z.boolean().default(true),
  volunteerHourlyRateCents: cents.nullable().default(null),
  lines: z
    .array(z.object({ id: z.uuid().optional(), category: text(200).min(1), plannedCents: cents }))
    .max(200)
    .default([]),
  sources: z
    .array(
      z.object({
        id: z.uuid().optional(),
        type: z.enum(fundingSourceTypes),
        name: text(300).min(1),
        amountCents: cents,
      }),
    )
    .max(50)
    .default([]),
  /** The budget's version as read, when it is edited (409 when someone saved since). */
  version: z.number().int().min(1).optional(),
});
export type BudgetInput = z.input<typeof budgetInput>;

export const expenditureInput = z.object({
  budgetLineId: z.uuid(),
  fundingSourceId: z.uuid().nullable().default(null),
  spentOn: recordDate,
  amountCents: z.number().int().min(1).max(1e13),
  description: text(1000).default(''),
});
export type ExpenditureInput = z.input<typeof expenditureInput>;
/** A correction of an expenditure: the whole form again, the version read and a reason when needed. */
export const expenditureCorrection = expenditureInput.extend(correctionFields);

export const inconsistency = z.object({ code: z.string(), message: z.string() });

export const budgetView = z.object({
  declaredTotalCents: z.number().nullable(),
  computedTotalCents: z.number(),
  differenceCents: z.number(),
  spentCents: z.number(),
  lines: z.array(
    z.object({ id: z.uuid(), category: z.string(), plannedCents: z.number(), spentCents: z.number() }),
  ),
  sources: z.array(
    z.object({
      id: z.uuid(),
      type: z.enum(fundingSourceTypes),
      name: z.string(),
      amountCents: z.number(),
      spentCents: z.number(),
    }),
  ),
  coFinancing: z.object({
    share: z.number().nullable(),
    requiredShare: z.number().nullable(),
    countsInKind: z.boolean(),
    met: z.boolean().nullable(),
  }),
  volunteerHourlyRateCents: z.number().nullable(),
  /** Hours logged by volunteers and their value at the project's hourly rate (in-kind co-financing). */
  volunteerWork: z.object({ hours: z.number(), valueCents: z.number() }),
  inconsistencies: z.array(inconsistency),
  /** Raised by every save of the budget. */
  version: z.number(),
});
export type BudgetView = z.infer<typeof budgetView>;

export const projectView = z.object({
  id: z.uuid(),
  /** Raised by every save of the project's description, links and targets. */
  version: z.number(),
  code: z.string(),
  titleLv: z.string(),
  titleEn: z.string(),
  descriptionLv: z.string(),
  descriptionEn: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(projectStatuses),
  places: z.array(z.string()),
  centres: z.array(z.object({ id: z.uuid(), name: z.string() })),
  programmes: z.array(z.object({ id: z.uuid(), nameLv: z.string(), nameEn: z.string() })),
  managers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  viewerIds: z.array(z.uuid()),
  /** Contracts that co-finance the project; families served come from the reporting engine. */
  contracts: z.array(
    z.object({
      id: z.uuid(),
      counterparty: z.string(),
      number: z.string(),
      quotaFamilies: z.number().nullable(),
      linkedCases: z.number(),
    }),
  ),
  funders: z.array(
    z.object({ name: z.string(), fundingProgramme: z.string(), donorCountries: z.array(z.string()) }),
  ),
  partners: z.array(z.object({ name: z.string(), role: z.string() })),
  targets: z.array(
    z.object({
      id: z.uuid(),
      indicatorKey: z.enum(indicatorKeys),
      label: z.string(),
      plannedValue: z.number(),
      periodYear: z.number().nullable(),
      periodQuarter: z.number().nullable(),
    }),
  ),
  budget: budgetView,
  /** By the server's policy: edit the project and publish its reports; record its money and volunteer hours. */
  abilities: z.object({ manage: z.boolean(), keepMoney: z.boolean() }),
});
export type ProjectView = z.infer<typeof projectView>;

export const projectSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  titleLv: z.string(),
  titleEn: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(projectStatuses),
});
export const projectList = z.object({ projects: z.array(projectSummary) });

export const expenditureView = z.object({
  id: z.uuid(),
  budgetLineId: z.uuid(),
  category: z.string(),
  fundingSourceId: z.uuid().nullable(),
  spentOn: z.string(),
  amountCents: z.number(),
  description: z.string(),
  /** Raised by every correction; a correction or void sends the version it was based on. */
  version: z.number(),
  voided: voidMark,
});
export type ExpenditureView = z.infer<typeof expenditureView>;
export const expenditureList = z.object({ expenditures: z.array(expenditureView) });

/** The statuses a volunteer is given by the form; "left" only by ending their work. */
export const volunteerFormStatuses = ['applicant', 'screened', 'trained', 'active', 'paused'] as const;
export const volunteerStatuses = [...volunteerFormStatuses, 'left'] as const;
export type VolunteerStatus = (typeof volunteerStatuses)[number];
/** The checks of a volunteer's screening (issue 15); the first two are required before mentoring a child. */
export const volunteerCheckKinds = ['criminal_record', 'interview', 'references', 'other'] as const;
export type VolunteerCheckKind = (typeof volunteerCheckKinds)[number];
export const requiredVolunteerChecks: readonly VolunteerCheckKind[] = ['criminal_record', 'interview'];

const volunteerDetails = {
  givenName: text(100).min(1),
  familyName: text(100).min(1),
  email: text(320).default(''),
  phone: text(40).default(''),
  screenedOn: isoDate.nullable().default(null),
  trainedOn: isoDate.nullable().default(null),
  /** Recruitment: when they applied, how they heard of the organisation, when they can give time. */
  appliedOn: isoDate.nullable().default(null),
  heardFrom: text(200).default(''),
  availability: text(500).default(''),
};
/**
 * Registering a volunteer (the form, an import). Without a status: active when trained, screened when
 * screened, else an applicant; `active` false (an import's "inactive") registers them paused.
 */
export const volunteerInput = z.object({
  ...volunteerDetails,
  status: z.enum(volunteerFormStatuses).optional(),
  active: z.boolean().default(true),
});
/** Editing a volunteer: the whole form at the version it was read; ending is its own step. */
export const volunteerEdit = z.object({
  ...volunteerDetails,
  status: z.enum(volunteerFormStatuses),
  version: z.number().int().min(1),
});
/** Ending a volunteer's work with the organisation (status "left"): the day and why. */
export const volunteerEnd = z.object({
  endedOn: isoDate,
  reason: text(1000).min(1),
  version: z.number().int().min(1),
});
export const volunteerCheckInput = z
  .object({
    kind: z.enum(volunteerCheckKinds),
    doneOn: isoDate,
    result: z.enum(['passed', 'failed']),
    /** Empty: a criminal-record certificate is taken to be in force for a year, other checks for good. */
    expiresOn: isoDate.nullable().default(null),
    note: text(1000).default(''),
  })
  .refine((check) => !check.expiresOn || check.expiresOn >= check.doneOn, {
    path: ['expiresOn'],
    message: 'validation.expiresBeforeDone',
  });
export const volunteerCheckView = z.object({
  id: z.uuid(),
  kind: z.enum(volunteerCheckKinds),
  doneOn: z.string(),
  result: z.enum(['passed', 'failed']),
  expiresOn: z.string().nullable(),
  note: z.string(),
  version: z.number(),
  voided: voidMark,
});
export type VolunteerCheckView = z.infer<typeof volunteerCheckView>;
/**
 * Whether a volunteer may mentor a child today: each required check passed and in force. `missing`: the
 * required checks without one (never done, failed, expired or voided); `expiring`: those in force that
 * expire within 30 days.
 */
export const volunteerReadiness = z.object({
  ready: z.boolean(),
  missing: z.array(z.enum(volunteerCheckKinds)),
  expiring: z.array(z.object({ kind: z.enum(volunteerCheckKinds), expiresOn: z.string() })),
});
export type VolunteerReadiness = z.infer<typeof volunteerReadiness>;
export const volunteerView = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string(),
  phone: z.string(),
  screenedOn: z.string().nullable(),
  trainedOn: z.string().nullable(),
  appliedOn: z.string().nullable(),
  heardFrom: z.string(),
  availability: z.string(),
  status: z.enum(volunteerStatuses),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  readiness: volunteerReadiness,
});
export type VolunteerView = z.infer<typeof volunteerView>;
export const volunteerList = z.object({
  volunteers: z.array(volunteerView),
  /** By the server's policy: see and record the volunteers' screening (the mentoring coordinator). */
  abilities: z.object({ screen: z.boolean() }),
});
/** One volunteer with the checks of their screening, voided ones marked (for the mentoring coordinator). */
export const volunteerDetail = z.object({ volunteer: volunteerView, checks: z.array(volunteerCheckView) });

export const volunteerHoursInput = z.object({
  volunteerId: z.uuid(),
  workedOn: recordDate,
  hours: z.number().gt(0).max(24),
  description: text(1000).default(''),
});
/** A correction of logged hours: the whole form again, the version read and a reason when needed. */
export const volunteerHoursCorrection = volunteerHoursInput.extend(correctionFields);
export const volunteerHoursView = z.object({
  id: z.uuid(),
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  workedOn: z.string(),
  hours: z.number(),
  description: z.string(),
  /** Counted from a mentoring meeting: corrected or voided with the meeting, not here. */
  fromMeeting: z.boolean(),
  version: z.number(),
  voided: voidMark,
});
export type VolunteerHoursView = z.infer<typeof volunteerHoursView>;
export const volunteerHoursList = z.object({ hours: z.array(volunteerHoursView) });

export const partnerViewerList = z.object({
  viewers: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string() })),
});
