-- Families, people and cases: the registry specialists work in every day.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE persons (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  birth_date date,
  -- Set from birth_date when known; alone when only the year is known.
  birth_year integer CHECK (birth_year BETWEEN 1850 AND 2200),
  sex text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  personal_code text CHECK (personal_code ~ '^[0-9]{6}-[0-9]{5}$'),
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  municipality text NOT NULL DEFAULT '',
  town text NOT NULL DEFAULT '',
  street text NOT NULL DEFAULT '',
  preferred_language text NOT NULL DEFAULT 'lv',
  disability boolean NOT NULL DEFAULT false,
  disability_note text NOT NULL DEFAULT '',
  notes text NOT NULL DEFAULT '',
  -- Folded "given family family given" for case- and diacritic-insensitive search.
  search_name text NOT NULL,
  -- Latvian alphabetical order, compared byte by byte on both engines.
  sort_key text COLLATE "C" NOT NULL,
  merged_into uuid REFERENCES persons (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (birth_date IS NULL OR birth_year = extract(year FROM birth_date))
);
CREATE UNIQUE INDEX persons_personal_code_unique ON persons (organisation_id, personal_code)
  WHERE personal_code IS NOT NULL AND merged_into IS NULL;
CREATE INDEX persons_search_trgm ON persons USING gin (search_name gin_trgm_ops);
CREATE INDEX persons_birth_date ON persons (organisation_id, birth_date);
CREATE INDEX persons_sort ON persons (organisation_id, sort_key);

CREATE TABLE families (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE family_members (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  family_id uuid NOT NULL REFERENCES families (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  relation text NOT NULL CHECK (relation IN ('mother', 'father', 'stepparent', 'guardian', 'foster_carer',
    'grandparent', 'child', 'sibling', 'partner', 'other')),
  joined_on date NOT NULL,
  left_on date,
  CHECK (left_on IS NULL OR left_on >= joined_on)
);
-- A person is a current member of a family at most once; history rows have left_on.
CREATE UNIQUE INDEX family_members_current ON family_members (family_id, person_id) WHERE left_on IS NULL;
CREATE INDEX family_members_person ON family_members (person_id);

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  family_id uuid NOT NULL REFERENCES families (id),
  centre_id uuid NOT NULL REFERENCES centres (id),
  key_worker_id uuid NOT NULL REFERENCES users (id),
  status text NOT NULL CHECK (status IN ('referred', 'intake', 'active', 'closed')),
  opened_on date NOT NULL,
  closed_on date,
  closure_reason text CHECK (closure_reason IN ('goals_reached', 'moved_away', 'family_declined', 'transferred',
    'placed_in_care', 'other')),
  outcome_note text NOT NULL DEFAULT '',
  restricted boolean NOT NULL DEFAULT false,
  risk_level text CHECK (risk_level IN ('high', 'medium', 'low')),
  risk_set_on date,
  risk_set_by uuid REFERENCES users (id),
  legal_basis text NOT NULL DEFAULT '',
  referral_date date NOT NULL,
  referral_source text NOT NULL CHECK (referral_source IN ('social_service', 'maternity_hospital', 'hospital',
    'kindergarten', 'school', 'police', 'court', 'self_referral', 'other')),
  referral_institution text NOT NULL DEFAULT '',
  referral_contact text NOT NULL DEFAULT '',
  referral_reasons text[] NOT NULL DEFAULT '{}',
  pending_centre_id uuid REFERENCES centres (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((status = 'closed') = (closed_on IS NOT NULL AND closure_reason IS NOT NULL))
);
-- One open case per family and centre.
CREATE UNIQUE INDEX cases_open_unique ON cases (family_id, centre_id) WHERE status <> 'closed';
CREATE INDEX cases_centre ON cases (centre_id, status);
CREATE INDEX cases_family ON cases (family_id);
CREATE INDEX cases_key_worker ON cases (key_worker_id, status);

-- The people working on a case, the key worker included.
CREATE TABLE case_team (
  case_id uuid NOT NULL REFERENCES cases (id),
  user_id uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_team_user ON case_team (user_id);

CREATE TABLE case_status_changes (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  from_status text,
  to_status text NOT NULL,
  changed_on date NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by uuid REFERENCES users (id),
  note text NOT NULL DEFAULT ''
);
CREATE INDEX case_status_changes_case ON case_status_changes (case_id, changed_at);

CREATE TABLE consents (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  purpose text NOT NULL,
  given_by text NOT NULL,
  given_on date NOT NULL,
  withdrawn_on date,
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE INDEX consents_case ON consents (case_id);

-- Field-level change history of people, families and cases. Kept apart from the
-- append-only audit log because it holds personal data that may have to be erased.
CREATE TABLE field_changes (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  entity_type text NOT NULL CHECK (entity_type IN ('person', 'family', 'case')),
  entity_id uuid NOT NULL,
  field text NOT NULL,
  old_value text,
  new_value text,
  changed_at timestamptz NOT NULL,
  changed_by uuid REFERENCES users (id)
);
CREATE INDEX field_changes_entity ON field_changes (entity_type, entity_id, changed_at);
