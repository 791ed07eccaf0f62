-- A tamper-evident audit trail (issue 16, part 6). Every entry carries its number in its chain (one chain
-- per organisation, one for entries of no organisation), the hash of the entry before it, and its own hash
-- over both and all its fields. An entry edited, deleted or inserted past this trigger breaks the chain at
-- that point, which `atbalsts audit verify` finds.
--
-- The trigger chains every insert, whoever makes it. Concurrent writers: the chain's head row is locked
-- (FOR UPDATE) until the writing transaction ends, so entries of one organisation get their numbers in
-- commit order, one transaction at a time; a rolled-back transaction takes its numbers with it.
-- The functions run as their owner (SECURITY DEFINER): the server's database role, when separated from the
-- migrations' role, needs no right on the heads table and none but INSERT and SELECT on the log.

ALTER TABLE audit_log
  ADD COLUMN chain_seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text;

CREATE TABLE audit_chain_heads (
  chain text PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);

-- The entry's hash: SHA-256 over the text of a row of the previous hash, its number and every field
-- (a row's text form is unambiguous: NULL and '' differ, quotes are escaped; jsonb's text is canonical).
-- Times are hashed as microseconds since 1970, so the session's time zone cannot change the text hashed.
-- `atbalsts audit verify` computes the same expression inline (src/modules/audit/verify.ts), which is
-- three times faster than calling this function for each of a million rows.
CREATE FUNCTION audit_entry_hash(e audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(ROW(
    e.prev_hash, e.chain_seq, e.id, e.organisation_id,
    (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
    e.actor_user_id, e.action, e.entity_type, e.entity_id, e.outcome, e.ip, e.reason, e.details
  )::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_chain_of(organisation_id uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(organisation_id::text, 'system')
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  head audit_chain_heads;
  key text := audit_chain_of(NEW.organisation_id);
BEGIN
  INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (key, 0, repeat('0', 64)) ON CONFLICT (chain) DO NOTHING;
  SELECT * INTO head FROM audit_chain_heads WHERE chain = key FOR UPDATE;
  NEW.chain_seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := audit_entry_hash(NEW);
  UPDATE audit_chain_heads SET seq = NEW.chain_seq, hash = NEW.hash WHERE chain = key;
  RETURN NEW;
END;
$$;

-- Entries written before this migration join their chains in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
DO $$
DECLARE
  entry audit_log;
  head audit_chain_heads;
  key text;
BEGIN
  FOR entry IN SELECT * FROM audit_log ORDER BY occurred_at, id LOOP
    key := audit_chain_of(entry.organisation_id);
    INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (key, 0, repeat('0', 64)) ON CONFLICT (chain) DO NOTHING;
    SELECT * INTO head FROM audit_chain_heads WHERE chain = key;
    entry.chain_seq := head.seq + 1;
    entry.prev_hash := head.hash;
    entry.hash := audit_entry_hash(entry);
    UPDATE audit_log SET chain_seq = entry.chain_seq, prev_hash = entry.prev_hash, hash = entry.hash WHERE id = entry.id;
    UPDATE audit_chain_heads SET seq = entry.chain_seq, hash = entry.hash WHERE chain = key;
  END LOOP;
END;
$$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE UNIQUE INDEX audit_log_chain_order ON audit_log (audit_chain_of(organisation_id), chain_seq);
