-- Municipal contracts with quotas, enrolment in programmes, volunteers and their hours.

CREATE TABLE contracts (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  counterparty text NOT NULL,
  number text NOT NULL,
  kind text NOT NULL DEFAULT 'delegation' CHECK (kind IN ('delegation', 'service_agreement')),
  starts_on date NOT NULL,
  ends_on date,
  service text NOT NULL DEFAULT '',
  quota_families integer CHECK (quota_families > 0),
  budget_programme text NOT NULL DEFAULT '',
  -- The project the contract co-finances, if any (shown on the project page).
  project_id uuid REFERENCES projects (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE UNIQUE INDEX contracts_number_unique ON contracts (organisation_id, lower(number));
CREATE INDEX contracts_project ON contracts (project_id);

CREATE TABLE contract_cases (
  contract_id uuid NOT NULL REFERENCES contracts (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  PRIMARY KEY (contract_id, case_id)
);
CREATE INDEX contract_cases_case ON contract_cases (case_id);

CREATE TABLE contract_viewers (
  contract_id uuid NOT NULL REFERENCES contracts (id),
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (contract_id, user_id)
);

CREATE TABLE enrolments (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  programme_id uuid NOT NULL REFERENCES programmes (id),
  family_id uuid REFERENCES families (id),
  person_id uuid REFERENCES persons (id),
  starts_on date NOT NULL,
  ends_on date,
  exit_reason text CHECK (exit_reason IN ('completed', 'moved_away', 'declined', 'transferred', 'other')),
  enrolled_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK ((family_id IS NULL) <> (person_id IS NULL)),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK ((ends_on IS NULL) = (exit_reason IS NULL))
);
CREATE INDEX enrolments_programme ON enrolments (programme_id, starts_on);
CREATE INDEX enrolments_family ON enrolments (family_id);
CREATE INDEX enrolments_person ON enrolments (person_id);
