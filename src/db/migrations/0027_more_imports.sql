-- More comes in from spreadsheets (issue 19): activities with attendance into a centre, and the
-- organisation's registers of partner institutions and volunteers, which belong to no centre. An import's
-- record is then an activity (and the group memberships it added), or a register's row, rather than a
-- family, its case and its people.
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check
  CHECK (kind IN ('families', 'activities', 'institutions', 'volunteers'));
ALTER TABLE imports ALTER COLUMN centre_id DROP NOT NULL;
ALTER TABLE imports ADD CONSTRAINT imports_centre CHECK ((centre_id IS NULL) = (kind IN ('institutions', 'volunteers')));

ALTER TABLE import_records ALTER COLUMN family_id DROP NOT NULL;
ALTER TABLE import_records ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE import_records ADD COLUMN activity_id uuid;
ALTER TABLE import_records ADD COLUMN group_member_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE import_records ADD COLUMN record_id uuid;
ALTER TABLE import_records ADD CONSTRAINT import_records_what CHECK (
  (kind = 'families' AND family_id IS NOT NULL AND case_id IS NOT NULL)
  OR (kind = 'activities' AND activity_id IS NOT NULL)
  OR (kind IN ('institutions', 'volunteers') AND record_id IS NOT NULL)
);
