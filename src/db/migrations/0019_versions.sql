-- People and cases are edited by several people: each save raises the version and names who saved, and a
-- save based on an older version is refused (409) instead of silently overwriting (src/platform/versions.ts).
ALTER TABLE persons ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN updated_by uuid REFERENCES users (id);
ALTER TABLE cases ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN updated_by uuid REFERENCES users (id);
