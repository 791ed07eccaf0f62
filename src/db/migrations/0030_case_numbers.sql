-- Case numbers (issue 17, item 2: families told apart by their case number). Each case gets a number
-- "YYYY-NNNN": the year it was opened and its place among the organisation's cases opened that year
-- ("2026-0042"; past 9999 it grows a digit). The number is the case's for good: a transfer to another
-- centre keeps it, a corrected opening date keeps it, a case opened again is a new case with a new number.
--
-- The database gives it, in the inserting transaction, whoever inserts (registration, an import of
-- thousands of families in one statement, the reference dataset): the next after the organisation's
-- highest of that year, found through the unique index. A transaction-level advisory lock per
-- organisation and year makes concurrent registrations take their turn, so two at once get two numbers.
-- (A counter row incremented per case was the first design: updating one row once per case of a
-- 50 000-row import leaves a version per update that each next update walks past, as migration 0028
-- found for the audit chain's head.) A rolled-back registration leaves no gap; a deleted case does.
-- A restore loads the numbers as they were, with triggers off.
ALTER TABLE cases ADD COLUMN number_year int, ADD COLUMN number_seq int, ADD COLUMN number text;

CREATE FUNCTION case_number_of(year int, seq int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT year || '-' || lpad(seq::text, greatest(4, length(seq::text)), '0')
$$;

-- The cases already kept: numbered by the day they were opened, then by when they were written.
UPDATE cases c SET number_year = n.year, number_seq = n.seq, number = case_number_of(n.year, n.seq)
FROM (
  SELECT id, extract(year FROM opened_on)::int AS year,
         row_number() OVER (PARTITION BY organisation_id, extract(year FROM opened_on)
                            ORDER BY opened_on, created_at, id)::int AS seq
  FROM cases
) n WHERE n.id = c.id;

CREATE FUNCTION cases_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.number_year := extract(year FROM NEW.opened_on)::int;
  PERFORM pg_advisory_xact_lock(hashtextextended('case number ' || NEW.organisation_id || ' ' || NEW.number_year, 0));
  SELECT coalesce(max(number_seq), 0) + 1 INTO NEW.number_seq
    FROM cases WHERE organisation_id = NEW.organisation_id AND number_year = NEW.number_year;
  NEW.number := case_number_of(NEW.number_year, NEW.number_seq);
  RETURN NEW;
END
$$;
CREATE TRIGGER cases_number BEFORE INSERT ON cases
  FOR EACH ROW WHEN (NEW.number IS NULL) EXECUTE FUNCTION cases_number();

ALTER TABLE cases ALTER COLUMN number_year SET NOT NULL, ALTER COLUMN number_seq SET NOT NULL,
  ALTER COLUMN number SET NOT NULL;
CREATE UNIQUE INDEX cases_number_unique ON cases (organisation_id, number_year, number_seq);
CREATE UNIQUE INDEX cases_number_text ON cases (organisation_id, number text_pattern_ops);

-- A family's last contact (the lists and the header's search show it): its latest day in the report rows.
CREATE INDEX report_attendance_family ON report_attendance (family_id, occurs_on DESC);
