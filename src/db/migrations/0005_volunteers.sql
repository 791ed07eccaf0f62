-- Volunteers and the hours they give to projects (valued as in-kind co-financing).

CREATE TABLE volunteers (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  email text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  screened_on date,
  trained_on date,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE volunteer_hours (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  project_id uuid NOT NULL REFERENCES projects (id),
  -- The activity the hours were given to; activities arrive with service delivery.
  activity_id uuid,
  worked_on date NOT NULL,
  hours numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
  description text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX volunteer_hours_project ON volunteer_hours (project_id, worked_on);
