-- Two-step sign-in (issue 16, part 5): a TOTP secret per user once enabled (a pending one during set-up),
-- the last time step used (a code is never accepted twice), one-use recovery codes (hashed), and an
-- organisation setting that requires it of everyone who reads case content and of administrators.
ALTER TABLE users
  ADD COLUMN mfa_secret text,
  ADD COLUMN mfa_pending_secret text,
  ADD COLUMN mfa_enabled_at timestamptz,
  ADD COLUMN mfa_last_step bigint,
  ADD CONSTRAINT users_mfa_complete CHECK ((mfa_secret IS NULL) = (mfa_enabled_at IS NULL));

CREATE TABLE mfa_recovery_codes (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  code_hash text NOT NULL,
  used_at timestamptz
);
CREATE INDEX mfa_recovery_codes_user ON mfa_recovery_codes (user_id) WHERE used_at IS NULL;

ALTER TABLE organisations ADD COLUMN mfa_required boolean NOT NULL DEFAULT false;
