-- Volunteer mentoring (issue 15, matches and meetings): a mentor (a volunteer) and a young person of a
-- case, from a proposal to a closure, and the meetings they have.
--
-- A match belongs to the centre of the mentee's case; the mentoring coordinators of that centre run it
-- (src/modules/mentoring/policy.ts). Proposed → active (the parent's or guardian's consent recorded, the
-- volunteer's checks in force, the case's key worker told by a notice) ⇄ paused → closed, with the day, how
-- it ended (as planned, early, or before it started), a reason when it did not run its course, and the
-- outcome. A proposal made in error is voided instead.
--
-- A meeting is also an activity of type `mentoring_meeting` on the case, with the mentee as its participant,
-- so the indicators count it like any other; its hours are a `volunteer_hours` row linked to that activity
-- when the match is attributed to a project (in-kind co-financing, counted once).
CREATE TABLE mentoring_matches (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  centre_id uuid NOT NULL REFERENCES centres (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  mentee_id uuid NOT NULL REFERENCES persons (id),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  programme_id uuid REFERENCES programmes (id),
  project_id uuid REFERENCES projects (id),
  status text NOT NULL CHECK (status IN ('proposed', 'active', 'paused', 'closed')),
  starts_on date NOT NULL,
  planned_months integer NOT NULL CHECK (planned_months BETWEEN 1 AND 36),
  goals text NOT NULL,
  -- What the mentor needs to know for the meetings: all of the case a mentor is ever told.
  needs text NOT NULL DEFAULT '',
  consent_by text NOT NULL DEFAULT '',
  consent_on date,
  started_on date,
  key_worker_informed_on date,
  ended_on date,
  end_kind text CHECK (end_kind IN ('planned', 'early', 'not_started')),
  end_reason text,
  outcome text CHECK (outcome IN ('goals_met', 'partly_met', 'not_met')),
  outcome_note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz,
  voided_at timestamptz,
  voided_by uuid REFERENCES users (id),
  void_reason text,
  CONSTRAINT mentoring_matches_consent CHECK (status = 'proposed' OR end_kind = 'not_started' OR (consent_on IS NOT NULL AND consent_by <> '')),
  CONSTRAINT mentoring_matches_started CHECK ((status IN ('proposed') OR end_kind = 'not_started') = (started_on IS NULL)),
  CONSTRAINT mentoring_matches_closed CHECK ((status = 'closed') = (ended_on IS NOT NULL AND end_kind IS NOT NULL)),
  CONSTRAINT mentoring_matches_reason CHECK (end_kind IS NULL OR end_kind = 'planned' OR end_reason <> ''),
  CONSTRAINT mentoring_matches_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL))
);
CREATE INDEX mentoring_matches_centre ON mentoring_matches (centre_id, status);
CREATE INDEX mentoring_matches_volunteer ON mentoring_matches (volunteer_id);

CREATE TABLE mentoring_meetings (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  match_id uuid NOT NULL REFERENCES mentoring_matches (id),
  activity_id uuid NOT NULL REFERENCES activities (id),
  hours_id uuid REFERENCES volunteer_hours (id),
  held_on date NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes > 0 AND duration_minutes <= 1440),
  outcome text NOT NULL CHECK (outcome IN ('held', 'absent', 'cancelled')),
  what text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz,
  voided_at timestamptz,
  voided_by uuid REFERENCES users (id),
  void_reason text,
  CONSTRAINT mentoring_meetings_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL))
);
CREATE INDEX mentoring_meetings_match ON mentoring_meetings (match_id, held_on);

ALTER TABLE field_changes DROP CONSTRAINT field_changes_entity_type_check;
ALTER TABLE field_changes ADD CONSTRAINT field_changes_entity_type_check
  CHECK (entity_type IN ('person', 'family', 'case', 'activity', 'expenditure', 'volunteer_hours', 'assessment',
                         'plan_review', 'family_member', 'volunteer_check', 'mentoring_match', 'mentoring_meeting'));

ALTER TABLE notices DROP CONSTRAINT notices_kind_check;
ALTER TABLE notices ADD CONSTRAINT notices_kind_check
  CHECK (kind IN ('case_role_granted', 'restricted_person_registered', 'emergency_access', 'mentoring_started'));
