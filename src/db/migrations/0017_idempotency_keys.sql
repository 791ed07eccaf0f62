-- A create sent twice with the same Idempotency-Key (a double click, a retry after a lost answer) is done
-- once: the key is claimed in the request's own transaction, with the use case's result, and a repeat is
-- answered from it (src/platform/idempotency.ts). Keys are kept for a day.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id),
  key text NOT NULL,
  request_hash text NOT NULL,
  result jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
