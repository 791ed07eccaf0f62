-- A secret per organisation for the pseudonymous codes of families and people in the records behind a
-- figure (HMAC-SHA-256 of the id under this key): without it a code cannot be recomputed from an id.
-- gen_random_uuid() draws from the server's strong random source; two of them give 244 random bits.
ALTER TABLE organisations ADD COLUMN pseudonym_key text NOT NULL
  DEFAULT encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'hex');
