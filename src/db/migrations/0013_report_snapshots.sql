-- Published reports: the figures as published, with the parameters, the definitions of the
-- indicators and a hash of the inputs, so that a later re-run shows what changed since.
-- A published snapshot is never changed.

CREATE TABLE report_snapshots (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  project_id uuid NOT NULL REFERENCES projects (id),
  kind text NOT NULL,
  parameters jsonb NOT NULL,
  report jsonb NOT NULL,
  definitions jsonb NOT NULL,
  input_hash text NOT NULL,
  published_by uuid NOT NULL REFERENCES users (id),
  published_at timestamptz NOT NULL
);
CREATE INDEX report_snapshots_project ON report_snapshots (project_id, published_at);

CREATE FUNCTION report_snapshots_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report_snapshots are immutable: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER report_snapshots_no_update_delete BEFORE UPDATE OR DELETE ON report_snapshots
  FOR EACH ROW EXECUTE FUNCTION report_snapshots_reject_change();
