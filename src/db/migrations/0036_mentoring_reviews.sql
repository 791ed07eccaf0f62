-- Volunteer mentoring (issue 15, supervision and review): the coordinator's mid-point review of a match
-- (how it goes, what next) and her supervision sessions with mentors (one or several at a time).
-- Both are corrected by voiding and recording again.
CREATE TABLE mentoring_reviews (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  match_id uuid NOT NULL REFERENCES mentoring_matches (id),
  reviewed_on date NOT NULL,
  progress text NOT NULL,
  next_steps text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz,
  voided_at timestamptz,
  voided_by uuid REFERENCES users (id),
  void_reason text,
  CONSTRAINT mentoring_reviews_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL))
);
CREATE INDEX mentoring_reviews_match ON mentoring_reviews (match_id, reviewed_on);

CREATE TABLE mentoring_supervisions (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  centre_id uuid NOT NULL REFERENCES centres (id),
  held_on date NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes > 0 AND duration_minutes <= 1440),
  volunteer_ids uuid[] NOT NULL CHECK (cardinality(volunteer_ids) > 0),
  notes text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz,
  voided_at timestamptz,
  voided_by uuid REFERENCES users (id),
  void_reason text,
  CONSTRAINT mentoring_supervisions_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL))
);
CREATE INDEX mentoring_supervisions_centre ON mentoring_supervisions (centre_id, held_on);

ALTER TABLE field_changes DROP CONSTRAINT field_changes_entity_type_check;
ALTER TABLE field_changes ADD CONSTRAINT field_changes_entity_type_check
  CHECK (entity_type IN ('person', 'family', 'case', 'activity', 'expenditure', 'volunteer_hours', 'assessment',
                         'plan_review', 'family_member', 'volunteer_check', 'mentoring_match', 'mentoring_meeting',
                         'mentoring_review', 'mentoring_supervision'));
