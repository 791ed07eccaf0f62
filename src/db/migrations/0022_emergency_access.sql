-- Emergency ("break-glass") access to a case (issue 16, part 4): someone who works on cases at the case's
-- centre but is not on its team opens it, giving a reason, for a few hours. Every grant is kept; it ends
-- when it expires or its holder ends it. Its key worker, the centre's managers and the data protection
-- officer each get a notice that stays on their home page until they acknowledge it.
CREATE TABLE emergency_access (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  user_id uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 1000),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (expires_at >= granted_at)
);
CREATE INDEX emergency_access_user ON emergency_access (user_id, expires_at);
CREATE INDEX emergency_access_case ON emergency_access (case_id, granted_at);

-- A notice may now go to one user (the case's key worker).
ALTER TABLE notices ADD COLUMN to_user_id uuid REFERENCES users (id);
ALTER TABLE notices DROP CONSTRAINT notices_check;
ALTER TABLE notices ADD CONSTRAINT notices_one_addressee CHECK (num_nonnulls(to_role, to_centre_id, to_user_id) = 1);
ALTER TABLE notices DROP CONSTRAINT notices_kind_check;
ALTER TABLE notices ADD CONSTRAINT notices_kind_check
  CHECK (kind IN ('case_role_granted', 'restricted_person_registered', 'emergency_access'));
