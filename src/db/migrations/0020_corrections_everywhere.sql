-- Every logged fact can be corrected and voided (issue 13): money spent, volunteer hours, assessments and
-- plan reviews carry a version (a save based on an older one is refused), who changed them last and when,
-- and a void mark (kept, counted nowhere) with who, when and why.
ALTER TABLE expenditures
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_by uuid REFERENCES users (id),
  ADD COLUMN updated_at timestamptz,
  ADD COLUMN voided_at timestamptz,
  ADD COLUMN voided_by uuid REFERENCES users (id),
  ADD COLUMN void_reason text,
  ADD CONSTRAINT expenditures_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL));

ALTER TABLE volunteer_hours
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_by uuid REFERENCES users (id),
  ADD COLUMN updated_at timestamptz,
  ADD COLUMN voided_at timestamptz,
  ADD COLUMN voided_by uuid REFERENCES users (id),
  ADD COLUMN void_reason text,
  ADD CONSTRAINT volunteer_hours_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL));

ALTER TABLE assessments
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_by uuid REFERENCES users (id),
  ADD COLUMN updated_at timestamptz,
  ADD COLUMN voided_at timestamptz,
  ADD COLUMN voided_by uuid REFERENCES users (id),
  ADD COLUMN void_reason text,
  ADD CONSTRAINT assessments_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL));

ALTER TABLE plan_reviews
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_by uuid REFERENCES users (id),
  ADD COLUMN updated_at timestamptz,
  ADD COLUMN voided_at timestamptz,
  ADD COLUMN voided_by uuid REFERENCES users (id),
  ADD COLUMN void_reason text,
  ADD CONSTRAINT plan_reviews_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL));

-- Records several people edit: a version against lost updates, and who saved last.
ALTER TABLE plans ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN updated_by uuid REFERENCES users (id);
ALTER TABLE support_groups ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN updated_by uuid REFERENCES users (id);
ALTER TABLE projects
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_by uuid REFERENCES users (id),
  ADD COLUMN budget_version integer NOT NULL DEFAULT 1,
  ADD COLUMN budget_updated_by uuid REFERENCES users (id),
  ADD COLUMN budget_updated_at timestamptz;
ALTER TABLE family_members
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_by uuid REFERENCES users (id),
  ADD COLUMN updated_at timestamptz;

-- Field-level change history for the corrected records too.
ALTER TABLE field_changes DROP CONSTRAINT field_changes_entity_type_check;
ALTER TABLE field_changes ADD CONSTRAINT field_changes_entity_type_check
  CHECK (entity_type IN ('person', 'family', 'case', 'activity', 'expenditure', 'volunteer_hours', 'assessment',
                         'plan_review', 'family_member'));

-- The intake assessment stays one per case and instrument, but a voided one no longer holds the place.
DROP INDEX assessments_one_intake;
CREATE UNIQUE INDEX assessments_one_intake ON assessments (case_id, instrument_id, phase)
  WHERE phase IN ('intake', 'exit') AND voided_at IS NULL;
