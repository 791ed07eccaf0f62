-- Notices: what a person must learn and acknowledge because of someone else's action. A notice goes to
-- the holders of a role organisation-wide (the data protection officer: a role that reads case content
-- was granted) or to the managers of one centre (a restricted case's person was registered elsewhere).
CREATE TABLE notices (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('case_role_granted', 'restricted_person_registered')),
  to_role text CHECK (to_role IN ('data_protection_officer')),
  to_centre_id uuid REFERENCES centres (id),
  details jsonb NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  acknowledged_by uuid REFERENCES users (id),
  acknowledged_at timestamptz,
  CHECK ((to_role IS NULL) <> (to_centre_id IS NULL))
);
CREATE INDEX notices_open ON notices (organisation_id, created_at) WHERE acknowledged_at IS NULL;

-- A person registered with the personal code of a person in a restricted case, by someone who may not
-- know that she exists: the new record keeps the code and points at the protected one, unseen by its
-- registrar, until the restricted case's manager resolves it (src/modules/families/check-duplicates.ts).
ALTER TABLE persons ADD COLUMN duplicate_of uuid REFERENCES persons (id);
DROP INDEX persons_personal_code_unique;
CREATE UNIQUE INDEX persons_personal_code_unique ON persons (organisation_id, personal_code)
  WHERE personal_code IS NOT NULL AND merged_into IS NULL AND duplicate_of IS NULL;
