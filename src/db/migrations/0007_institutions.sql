-- Partner institutions and the activities they take part in (trainings for kindergarten teachers, ...).

CREATE TABLE institutions (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  type text NOT NULL CHECK (type IN ('kindergarten', 'maternity_hospital', 'hospital', 'school', 'social_service', 'other')),
  name text NOT NULL,
  address text NOT NULL DEFAULT '',
  contact_person text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  contact_email text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX institutions_name_unique ON institutions (organisation_id, lower(name));

CREATE TABLE activity_institutions (
  activity_id uuid NOT NULL REFERENCES activities (id),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  staff_attended integer NOT NULL DEFAULT 0 CHECK (staff_attended >= 0),
  PRIMARY KEY (activity_id, institution_id)
);
CREATE INDEX activity_institutions_institution ON activity_institutions (institution_id);

-- A training can be for the organisation's own specialists (e.g. three days of FGC training).
ALTER TABLE activities ADD COLUMN for_own_staff boolean NOT NULL DEFAULT false;
