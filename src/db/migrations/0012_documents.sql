-- Files attached to a family, a case or an activity. The bytes live under DATA_DIR
-- (outside the web root), named by the document's id; the table keeps the sanitised
-- original name, the type detected from the content, the size and a SHA-256.

CREATE TABLE documents (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  -- The case whose team may read it; the family and activity it is about, when given.
  case_id uuid NOT NULL REFERENCES cases (id),
  family_id uuid NOT NULL REFERENCES families (id),
  activity_id uuid REFERENCES activities (id),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 20971520),
  sha256 text NOT NULL,
  description text NOT NULL DEFAULT '',
  uploaded_by uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX documents_case ON documents (case_id, uploaded_at);
