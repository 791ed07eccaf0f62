-- Foundation: organisation, centres, users and their roles, sessions, sign-in
-- throttling and the append-only audit log. Ids are UUIDv7 made by the application.

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE centres (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name text NOT NULL,
  municipality text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX centres_name_unique ON centres (organisation_id, lower(name));

CREATE TABLE users (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  email text NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  specialty text CHECK (specialty IN ('social_worker', 'psychologist', 'lawyer', 'family_assistant')),
  language text NOT NULL DEFAULT 'lv' CHECK (language IN ('lv', 'en')),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  password_changed_at timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (email = lower(email))
);
-- Sign-in is by email, so an email names one user in the whole installation.
CREATE UNIQUE INDEX users_email_unique ON users (email);
CREATE INDEX users_organisation ON users (organisation_id, family_name, given_name);

CREATE TABLE role_grants (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('administrator', 'centre_manager', 'specialist', 'group_facilitator',
    'fgc_coordinator', 'mentoring_coordinator', 'project_manager', 'finance_officer', 'partner_viewer',
    'data_protection_officer')),
  centre_id uuid REFERENCES centres (id),
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, centre_id) NULLS NOT DISTINCT;
CREATE INDEX role_grants_centre ON role_grants (centre_id, role);

-- Server-side sessions; the cookie holds a random token, the table its SHA-256.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ended_at timestamptz,
  ip text
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE ended_at IS NULL;

-- Failed sign-ins of the last minutes, for throttling per account and per address.
CREATE TABLE sign_in_failures (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  ip text NOT NULL,
  occurred_at timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, occurred_at);
CREATE INDEX sign_in_failures_ip ON sign_in_failures (ip, occurred_at);

CREATE TABLE audit_log (
  id uuid PRIMARY KEY,
  organisation_id uuid REFERENCES organisations (id),
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid REFERENCES users (id),
  action text NOT NULL,
  entity_type text,
  entity_id text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied', 'throttled')),
  ip text,
  reason text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_time ON audit_log (organisation_id, occurred_at DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, occurred_at DESC);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, occurred_at DESC);
CREATE INDEX audit_log_action ON audit_log (action, occurred_at DESC);

-- The audit log is append-only: no UPDATE, DELETE or TRUNCATE, for any role.
CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();
