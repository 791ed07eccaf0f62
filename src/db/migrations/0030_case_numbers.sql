-- Case numbers (issue 17, item 2: families told apart by their case number). Each case gets a number
-- "YYYY-NNNN": the year it was opened and its place among the organisation's cases opened that year
-- ("2026-0042"; past 9999 it grows a digit). The number is the case's for good: a transfer to another
-- centre keeps it, a case opened again is a new case with a new number.
--
-- The database gives it, in the inserting transaction, whoever inserts (registration, an import of
-- thousands of families in one statement, the reference dataset): a per-organisation, per-year counter
-- row, incremented under its row lock, so two registrations at once get two numbers and a rolled-back one
-- leaves a gap (as a paper register would with a spoiled line). A restore loads numbers and counters as
-- they were, with triggers off.
CREATE TABLE case_number_counters (
  organisation_id uuid NOT NULL,
  year int NOT NULL,
  last int NOT NULL,
  PRIMARY KEY (organisation_id, year)
);

ALTER TABLE cases ADD COLUMN number text;

CREATE FUNCTION case_number_of(year int, n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT year || '-' || lpad(n::text, greatest(4, length(n::text)), '0')
$$;

-- The cases already kept: numbered by the day they were opened, then by when they were written.
UPDATE cases c SET number = case_number_of(n.year, n.seq::int)
FROM (
  SELECT id, extract(year FROM opened_on)::int AS year,
         row_number() OVER (PARTITION BY organisation_id, extract(year FROM opened_on)
                            ORDER BY opened_on, created_at, id) AS seq
  FROM cases
) n WHERE n.id = c.id;
INSERT INTO case_number_counters (organisation_id, year, last)
  SELECT organisation_id, extract(year FROM opened_on)::int, count(*) FROM cases GROUP BY 1, 2;

CREATE FUNCTION cases_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  opened int := extract(year FROM NEW.opened_on)::int;
  n int;
BEGIN
  INSERT INTO case_number_counters AS c (organisation_id, year, last) VALUES (NEW.organisation_id, opened, 1)
    ON CONFLICT (organisation_id, year) DO UPDATE SET last = c.last + 1
    RETURNING last INTO n;
  NEW.number := case_number_of(opened, n);
  RETURN NEW;
END
$$;
CREATE TRIGGER cases_number BEFORE INSERT ON cases
  FOR EACH ROW WHEN (NEW.number IS NULL) EXECUTE FUNCTION cases_number();

ALTER TABLE cases ALTER COLUMN number SET NOT NULL;
CREATE UNIQUE INDEX cases_number_unique ON cases (organisation_id, number);

-- A family's last contact (the lists and the header's search show it): its latest day in the report rows.
CREATE INDEX report_attendance_family ON report_attendance (family_id, occurs_on DESC);
