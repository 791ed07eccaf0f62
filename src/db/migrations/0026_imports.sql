-- Imports from spreadsheets (issue 19): each import, who made it from which file, and what each of its
-- families became. A family's key (a hash of its rows) is unique in the organisation while its import
-- stands, so the same rows imported again are found imported instead of registered twice. Undoing an
-- import deletes what it created and its keys, and keeps the import's row with who undid it and why.
CREATE TABLE imports (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  centre_id uuid NOT NULL REFERENCES centres (id),
  kind text NOT NULL CHECK (kind IN ('families')),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  rows_total integer NOT NULL,
  families_imported integer NOT NULL,
  families_already integer NOT NULL,
  families_skipped integer NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  undone_at timestamptz,
  undone_by uuid REFERENCES users (id),
  undo_reason text,
  CHECK ((undone_at IS NULL) = (undone_by IS NULL))
);
CREATE INDEX imports_organisation ON imports (organisation_id, created_at DESC);

CREATE TABLE import_records (
  import_id uuid NOT NULL REFERENCES imports (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  kind text NOT NULL,
  row_key text NOT NULL,
  family_id uuid NOT NULL,
  case_id uuid NOT NULL,
  person_ids uuid[] NOT NULL,
  PRIMARY KEY (import_id, row_key)
);
CREATE UNIQUE INDEX import_records_key ON import_records (organisation_id, kind, row_key);

-- The last column mapping used for a spreadsheet with these headers, offered again next time.
CREATE TABLE import_mappings (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  kind text NOT NULL,
  headers_key text NOT NULL,
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, kind, headers_key)
);
