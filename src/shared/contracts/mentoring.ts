import { z } from 'zod';
import { correctionFields, isoDate, recordDate, text, voidMark } from './common';

/**
 * Volunteer mentoring (issue 15): a match of a mentor (a volunteer) with a young person of a case, and
 * their meetings. Run by the mentoring coordinators of the case's centre.
 */
export const matchStatuses = ['proposed', 'active', 'paused', 'closed'] as const;
export type MatchStatus = (typeof matchStatuses)[number];
/** How a match ended: its planned length run, ended before it, or closed before it started. */
export const matchEndKinds = ['planned', 'early', 'not_started'] as const;
export type MatchEndKind = (typeof matchEndKinds)[number];
export const matchOutcomes = ['goals_met', 'partly_met', 'not_met'] as const;
export const meetingOutcomes = ['held', 'absent', 'cancelled'] as const;
export type MeetingOutcome = (typeof meetingOutcomes)[number];
/** A planned length when none is given: six months, as in the seed project. */
export const defaultMatchMonths = 6;

const matchDetails = {
  volunteerId: z.uuid(),
  programmeId: z.uuid().nullable().default(null),
  /** The project the meetings count for; their volunteer hours are its in-kind co-financing. */
  projectId: z.uuid().nullable().default(null),
  startsOn: recordDate,
  plannedMonths: z.number().int().min(1).max(36).default(defaultMatchMonths),
  goals: text(2000).min(1),
  needs: text(2000).default(''),
  /** The parent or guardian who consented, by name, and the day; required before the match starts. */
  consentBy: text(200).default(''),
  consentOn: isoDate.nullable().default(null),
};

export const matchInput = z.object({
  caseId: z.uuid(),
  menteeId: z.uuid(),
  ...matchDetails,
});
export const matchEdit = z.object({ ...matchDetails, version: z.number().int().min(1) });
export const matchVersion = z.object({ version: z.number().int().min(1) });
export const matchPause = z.object({ version: z.number().int().min(1), reason: text(1000).min(1) });
export const matchClose = z.object({
  version: z.number().int().min(1),
  endedOn: recordDate,
  /** Required unless the match ran its planned length. */
  reason: text(1000).default(''),
  outcome: z.enum(matchOutcomes),
  outcomeNote: text(2000).default(''),
});

/** A young person the coordinator may match: the essentials only, never anything of the case's content. */
export const menteeCandidate = z.object({
  personId: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  age: z.number().int().nullable(),
});
export const menteeCandidates = z.object({ candidates: z.array(menteeCandidate) });
export const menteeQuery = z.object({ q: text(100).default('') });

export const matchView = z.object({
  id: z.uuid(),
  centreId: z.uuid(),
  centreName: z.string(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  keyWorkerName: z.string(),
  menteeId: z.uuid(),
  menteeName: z.string(),
  menteeAge: z.number().int().nullable(),
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  programmeId: z.uuid().nullable(),
  projectId: z.uuid().nullable(),
  status: z.enum(matchStatuses),
  startsOn: z.string(),
  plannedMonths: z.number().int(),
  /** The day before the planned length is reached, counted from the start (or the planned start). */
  plannedEndOn: z.string(),
  goals: z.string(),
  needs: z.string(),
  consentBy: z.string(),
  consentOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  keyWorkerInformedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  endKind: z.enum(matchEndKinds).nullable(),
  endReason: z.string().nullable(),
  outcome: z.enum(matchOutcomes).nullable(),
  outcomeNote: z.string(),
  meetingsHeld: z.number().int(),
  lastMeetingOn: z.string().nullable(),
  /** The middle of the planned length, when the match is reviewed; whether a review is recorded. */
  midpointOn: z.string(),
  reviewed: z.boolean(),
  version: z.number().int(),
  voided: voidMark,
});
export type MatchView = z.infer<typeof matchView>;
export const matchListQuery = z.object({
  status: z.enum(matchStatuses).optional(),
  centreId: z.uuid().optional(),
});
export const matchList = z.object({
  matches: z.array(matchView),
  centres: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

export const meetingInput = z.object({
  heldOn: recordDate,
  durationMinutes: z.number().int().min(1).max(1440),
  outcome: z.enum(meetingOutcomes).default('held'),
  what: text(1000).default(''),
  note: text(2000).default(''),
  /** The volunteer's hours for that day were already entered by hand and include this meeting. */
  hoursEnteredByHand: z.boolean().default(false),
  confirmDuplicate: z.boolean().default(false),
});
export const meetingCorrection = z.object({
  ...correctionFields,
  heldOn: recordDate,
  durationMinutes: z.number().int().min(1).max(1440),
  outcome: z.enum(meetingOutcomes),
  what: text(1000).default(''),
  note: text(2000).default(''),
});
export const meetingView = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  durationMinutes: z.number().int(),
  outcome: z.enum(meetingOutcomes),
  what: z.string(),
  note: z.string(),
  /** Volunteer hours counted for the match's project (null: none, e.g. cancelled or entered by hand). */
  hours: z.number().nullable(),
  version: z.number().int(),
  voided: voidMark,
});
export type MeetingView = z.infer<typeof meetingView>;

export const mentoringFiguresQuery = z.object({
  from: isoDate,
  to: isoDate,
  centreId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
  projectId: z.uuid().optional(),
});
export const mentoringFigures = z.object({
  youngPeople: z.number().int(),
  started: z.number().int(),
  completedAsPlanned: z.number().int(),
  endedEarly: z.number().int(),
  /** Of the matches closed in the period (null: none closed). */
  averageDays: z.number().int().nullable(),
  meetingsHeld: z.number().int(),
  /** The meetings' hours (held, or the young person absent: the mentor came) and their value at the project's rate. */
  hours: z.number(),
  valueCents: z.number().int(),
});
export type MentoringFigures = z.infer<typeof mentoringFigures>;

/** The review of a match: how it goes and what next (at its mid-point: due then, on the home page). */
export const reviewInput = z.object({
  reviewedOn: recordDate,
  progress: text(2000).min(1),
  nextSteps: text(2000).default(''),
});
export const reviewView = z.object({
  id: z.uuid(),
  reviewedOn: z.string(),
  progress: z.string(),
  nextSteps: z.string(),
  byName: z.string(),
  version: z.number().int(),
  voided: voidMark,
});
export type ReviewView = z.infer<typeof reviewView>;

/** A supervision session with mentors of a centre. */
export const supervisionInput = z.object({
  centreId: z.uuid(),
  heldOn: recordDate,
  durationMinutes: z.number().int().min(1).max(1440),
  volunteerIds: z.array(z.uuid()).min(1).max(50),
  notes: text(4000).default(''),
});
export const supervisionView = z.object({
  id: z.uuid(),
  centreId: z.uuid(),
  heldOn: z.string(),
  durationMinutes: z.number().int(),
  mentors: z.array(z.object({ id: z.uuid(), name: z.string() })),
  notes: z.string(),
  version: z.number().int(),
  voided: voidMark,
});
export type SupervisionView = z.infer<typeof supervisionView>;
export const supervisionList = z.object({ supervisions: z.array(supervisionView) });

export const matchDetail = z.object({
  match: matchView,
  meetings: z.array(meetingView),
  reviews: z.array(reviewView),
});
export type MatchDetail = z.infer<typeof matchDetail>;
