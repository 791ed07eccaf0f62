-- A logged activity can be corrected (a version against lost updates, who changed it last) and voided: the
-- row stays, marked with who voided it, when and why, and stops counting in every figure.
ALTER TABLE activities
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_by uuid REFERENCES users (id),
  ADD COLUMN voided_at timestamptz,
  ADD COLUMN voided_by uuid REFERENCES users (id),
  ADD COLUMN void_reason text,
  ADD CONSTRAINT activities_void_complete CHECK ((voided_at IS NULL) = (voided_by IS NULL AND void_reason IS NULL));

-- Field-level change history for activities too (who changed what from what to what).
ALTER TABLE field_changes DROP CONSTRAINT field_changes_entity_type_check;
ALTER TABLE field_changes ADD CONSTRAINT field_changes_entity_type_check
  CHECK (entity_type IN ('person', 'family', 'case', 'activity'));
