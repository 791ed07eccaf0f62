-- The volunteer register of a mentoring coordinator (issue 15, volunteers): recruitment, a status, an end,
-- and screening as a list of checks.
--
-- Status: applicant → screened → trained → active, paused, left. `active` stays, as what it meant: the
-- volunteer may be given hours (any status but paused and left); the use cases keep it in step.
-- Screening checks (a criminal-record certificate, an interview, references, other): each with its date,
-- result and expiry, corrected by voiding and recording again. A volunteer may mentor a child only with a
-- passed criminal-record certificate and interview in force (`volunteers.ts`, `readinessOf`).
ALTER TABLE volunteers
  ADD COLUMN status text NOT NULL DEFAULT 'applicant'
    CHECK (status IN ('applicant', 'screened', 'trained', 'active', 'paused', 'left')),
  ADD COLUMN applied_on date,
  ADD COLUMN heard_from text NOT NULL DEFAULT '',
  ADD COLUMN availability text NOT NULL DEFAULT '',
  ADD COLUMN ended_on date,
  ADD COLUMN end_reason text,
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_by uuid REFERENCES users (id),
  ADD CONSTRAINT volunteers_end CHECK ((status = 'left') = (ended_on IS NOT NULL AND end_reason IS NOT NULL));

-- The volunteers already kept: their status from what was known.
UPDATE volunteers SET status = CASE
  WHEN NOT active THEN 'paused'
  WHEN trained_on IS NOT NULL THEN 'active'
  WHEN screened_on IS NOT NULL THEN 'screened'
  ELSE 'applicant' END;

CREATE TABLE volunteer_checks (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  kind text NOT NULL CHECK (kind IN ('criminal_record', 'interview', 'references', 'other')),
  done_on date NOT NULL,
  result text NOT NULL CHECK (result IN ('passed', 'failed')),
  expires_on date CHECK (expires_on >= done_on),
  note text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz,
  voided_at timestamptz,
  voided_by uuid REFERENCES users (id),
  void_reason text,
  CONSTRAINT volunteer_checks_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL))
);
CREATE INDEX volunteer_checks_volunteer ON volunteer_checks (volunteer_id, done_on);

ALTER TABLE field_changes DROP CONSTRAINT field_changes_entity_type_check;
ALTER TABLE field_changes ADD CONSTRAINT field_changes_entity_type_check
  CHECK (entity_type IN ('person', 'family', 'case', 'activity', 'expenditure', 'volunteer_hours', 'assessment',
                         'plan_review', 'family_member', 'volunteer_check'));
