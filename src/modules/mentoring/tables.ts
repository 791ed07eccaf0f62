import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { correctionColumns } from '../../platform/corrections';
import type {
  MatchEndKind,
  MatchStatus,
  MeetingOutcome,
  matchOutcomes,
} from '../../shared/contracts/mentoring';

/** A mentor and a young person of a case, from the proposal to the closure (migration 0035). */
export const mentoringMatches = pgTable('mentoring_matches', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  centreId: uuid('centre_id').notNull(),
  caseId: uuid('case_id').notNull(),
  menteeId: uuid('mentee_id').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  programmeId: uuid('programme_id'),
  projectId: uuid('project_id'),
  status: text().$type<MatchStatus>().notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  plannedMonths: integer('planned_months').notNull(),
  goals: text().notNull(),
  needs: text().notNull(),
  consentBy: text('consent_by').notNull(),
  consentOn: date('consent_on', { mode: 'string' }),
  startedOn: date('started_on', { mode: 'string' }),
  keyWorkerInformedOn: date('key_worker_informed_on', { mode: 'string' }),
  endedOn: date('ended_on', { mode: 'string' }),
  endKind: text('end_kind').$type<MatchEndKind>(),
  endReason: text('end_reason'),
  outcome: text().$type<(typeof matchOutcomes)[number]>(),
  outcomeNote: text('outcome_note').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  ...correctionColumns(),
});

/** A meeting of a match; also an activity on the case (`activityId`) and, with a project, volunteer hours. */
export const mentoringMeetings = pgTable('mentoring_meetings', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  matchId: uuid('match_id').notNull(),
  activityId: uuid('activity_id').notNull(),
  hoursId: uuid('hours_id'),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  outcome: text().$type<MeetingOutcome>().notNull(),
  what: text().notNull(),
  note: text().notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  ...correctionColumns(),
});

/** The coordinator's review of a match (at its mid-point, or whenever needed), migration 0036. */
export const mentoringReviews = pgTable('mentoring_reviews', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  matchId: uuid('match_id').notNull(),
  reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
  progress: text().notNull(),
  nextSteps: text('next_steps').notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  ...correctionColumns(),
});

/** A supervision session of the coordinator with one or more mentors of a centre, migration 0036. */
export const mentoringSupervisions = pgTable('mentoring_supervisions', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  centreId: uuid('centre_id').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  volunteerIds: uuid('volunteer_ids').array().notNull(),
  notes: text().notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  ...correctionColumns(),
});
