-- Erasure (GDPR Art. 17, issue 16 part 2): a person is anonymised in place, so that every count that
-- published reports and snapshots depend on stays the same; the row keeps who erased it, when and why.
ALTER TABLE persons
  ADD COLUMN erased_at timestamptz,
  ADD COLUMN erased_by uuid REFERENCES users (id),
  ADD COLUMN erasure_reason text,
  ADD CONSTRAINT persons_erasure_complete CHECK ((erased_at IS NULL) = (erased_by IS NULL AND erasure_reason IS NULL));
