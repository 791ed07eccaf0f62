-- The audit chain's head is moved once per transaction instead of once per entry (issue 19: a 50 000-row
-- import writes 80 000 entries in one transaction). Updating one row again and again in one transaction
-- leaves a version of it per update that every later update walks past: the n-th entry cost n steps, and
-- 80 000 entries took minutes. Now:
-- - before each insert, the head is locked as before (transactions of one organisation still chain one at
--   a time, in commit order), and the entry follows the transaction's own last entry when it has one (found
--   by the chain's index), else the head;
-- - at commit, a deferred trigger moves the head to the transaction's last entry, once per chain.
-- Entries and their hashes are exactly what they were; `atbalsts audit verify` is unchanged.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  head audit_chain_heads;
  last_seq bigint;
  last_hash text;
  key text := audit_chain_of(NEW.organisation_id);
BEGIN
  SELECT * INTO head FROM audit_chain_heads WHERE chain = key FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (key, 0, repeat('0', 64)) ON CONFLICT (chain) DO NOTHING;
    SELECT * INTO head FROM audit_chain_heads WHERE chain = key FOR UPDATE;
  END IF;
  -- Entries past the head are this transaction's own: the head moves only when it commits.
  SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_log
    WHERE audit_chain_of(organisation_id) = key AND chain_seq > head.seq
    ORDER BY chain_seq DESC LIMIT 1;
  IF last_seq IS NULL THEN
    last_seq := head.seq;
    last_hash := head.hash;
  END IF;
  NEW.chain_seq := last_seq + 1;
  NEW.prev_hash := last_hash;
  NEW.hash := audit_entry_hash(NEW);
  RETURN NEW;
END;
$$;

CREATE FUNCTION audit_log_move_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  key text := audit_chain_of(NEW.organisation_id);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM audit_log WHERE audit_chain_of(organisation_id) = key AND chain_seq > NEW.chain_seq) THEN
    UPDATE audit_chain_heads SET seq = NEW.chain_seq, hash = NEW.hash WHERE chain = key AND seq < NEW.chain_seq;
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER audit_log_move_head AFTER INSERT ON audit_log
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_log_move_head();
