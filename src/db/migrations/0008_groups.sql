-- Support groups: members over time, facilitators, and sessions (activities) with attendance.

CREATE TABLE support_groups (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  centre_id uuid NOT NULL REFERENCES centres (id),
  programme_id uuid REFERENCES programmes (id),
  name text NOT NULL,
  open boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX support_groups_centre ON support_groups (centre_id);

CREATE TABLE group_facilitators (
  group_id uuid NOT NULL REFERENCES support_groups (id),
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_facilitators_user ON group_facilitators (user_id);

CREATE TABLE group_members (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  group_id uuid NOT NULL REFERENCES support_groups (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  joined_on date NOT NULL,
  left_on date,
  CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE UNIQUE INDEX group_members_current ON group_members (group_id, person_id) WHERE left_on IS NULL;

ALTER TABLE activities ADD COLUMN group_id uuid REFERENCES support_groups (id);
CREATE INDEX activities_group ON activities (group_id, occurs_on);
