-- Programmes, projects, their funders, partners, targets and money.

CREATE TABLE programmes (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name_lv text NOT NULL,
  name_en text NOT NULL,
  description_lv text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX programmes_name_unique ON programmes (organisation_id, lower(name_lv));

CREATE TABLE projects (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  code text NOT NULL,
  title_lv text NOT NULL,
  title_en text NOT NULL DEFAULT '',
  description_lv text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'closed')),
  places text[] NOT NULL DEFAULT '{}',
  -- The total as published, kept beside the total computed from the funding sources.
  declared_total_cents bigint CHECK (declared_total_cents >= 0),
  -- The funder's co-financing rule: a minimum share of the total, and whether valued volunteer work counts.
  cofinancing_required_share numeric(5, 4) CHECK (cofinancing_required_share BETWEEN 0 AND 1),
  cofinancing_counts_in_kind boolean NOT NULL DEFAULT true,
  volunteer_hourly_rate_cents bigint CHECK (volunteer_hourly_rate_cents >= 0),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX projects_code_unique ON projects (organisation_id, lower(code));

CREATE TABLE project_centres (
  project_id uuid NOT NULL REFERENCES projects (id),
  centre_id uuid NOT NULL REFERENCES centres (id),
  PRIMARY KEY (project_id, centre_id)
);
CREATE TABLE project_programmes (
  project_id uuid NOT NULL REFERENCES projects (id),
  programme_id uuid NOT NULL REFERENCES programmes (id),
  PRIMARY KEY (project_id, programme_id)
);
CREATE TABLE project_managers (
  project_id uuid NOT NULL REFERENCES projects (id),
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (project_id, user_id)
);

CREATE TABLE project_funders (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  project_id uuid NOT NULL REFERENCES projects (id),
  name text NOT NULL,
  funding_programme text NOT NULL DEFAULT '',
  donor_countries text[] NOT NULL DEFAULT '{}',
  position integer NOT NULL
);
CREATE INDEX project_funders_project ON project_funders (project_id);

CREATE TABLE project_partners (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  project_id uuid NOT NULL REFERENCES projects (id),
  name text NOT NULL,
  role text NOT NULL DEFAULT '',
  position integer NOT NULL
);
CREATE INDEX project_partners_project ON project_partners (project_id);

CREATE TABLE project_targets (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  project_id uuid NOT NULL REFERENCES projects (id),
  indicator_key text NOT NULL,
  label text NOT NULL DEFAULT '',
  planned_value numeric NOT NULL CHECK (planned_value >= 0),
  period_year integer,
  period_quarter integer CHECK (period_quarter BETWEEN 1 AND 4),
  CHECK (period_quarter IS NULL OR period_year IS NOT NULL)
);
CREATE INDEX project_targets_project ON project_targets (project_id);

CREATE TABLE budget_lines (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  project_id uuid NOT NULL REFERENCES projects (id),
  category text NOT NULL,
  planned_cents bigint NOT NULL CHECK (planned_cents >= 0),
  position integer NOT NULL
);
CREATE INDEX budget_lines_project ON budget_lines (project_id);

CREATE TABLE funding_sources (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  project_id uuid NOT NULL REFERENCES projects (id),
  type text NOT NULL CHECK (type IN ('grant', 'municipal', 'own_funds', 'in_kind', 'other')),
  name text NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  position integer NOT NULL
);
CREATE INDEX funding_sources_project ON funding_sources (project_id);

CREATE TABLE expenditures (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  project_id uuid NOT NULL REFERENCES projects (id),
  budget_line_id uuid NOT NULL REFERENCES budget_lines (id),
  funding_source_id uuid REFERENCES funding_sources (id),
  spent_on date NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  description text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX expenditures_project ON expenditures (project_id, spent_on);

-- Partner viewers (municipality, funder) see only the projects they are linked to.
CREATE TABLE project_viewers (
  project_id uuid NOT NULL REFERENCES projects (id),
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_viewers_user ON project_viewers (user_id);
