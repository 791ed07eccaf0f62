-- The attendance the reports count, rolled up by calendar year (issue 18, speed).
--
-- A report over a million attendance rows spent most of its time grouping them into one row per family,
-- person and combination of what it breaks down by, keeping the first day each was there. A family's
-- ~40 attendances a year are ~40 different days, so a table by day, month or quarter would have as many
-- rows; by year it has about one per family, person and kind of work. `report_attendance_years` holds,
-- for each year, each family or person (`who`: the family reached, or the person when they reached none)
-- and each combination of the columns the reports filter and break down by, the first day in that year
-- (`occurs_on`) and whether an adult woman was there that year (`woman`). Grouping it again gives exactly
-- what grouping `report_attendance` gives for any period made of whole years, since a minimum of minimums
-- and an "or" of "or"s are the minimum and the "or" of all the rows; a period that begins or ends inside a
-- year reads those edges from `report_attendance` (`indicators.ts`). A breakdown by quarter cannot use it.
--
-- It is derived from `report_attendance` (its view `report_attendance_years_source`), and kept in step by
-- the same refresh, in the same transaction: the refresh notes which families and persons in which years
-- its rows left or entered, and recomputes theirs. `atbalsts reports verify` compares it with its view
-- (and `report_attendance` with the records), `atbalsts reports rebuild` recomputes it.

CREATE TABLE report_attendance_years (
  organisation_id uuid NOT NULL,
  year integer NOT NULL,
  who uuid NOT NULL,
  occurs_on date NOT NULL,
  centre_id uuid NOT NULL,
  programme_id uuid,
  type_id uuid NOT NULL,
  group_id uuid,
  case_id uuid,
  family_id uuid,
  person_id uuid,
  woman boolean,
  sex text,
  age_band text,
  disability text,
  municipality text,
  project_ids uuid[] NOT NULL
);
CREATE INDEX report_attendance_years_who ON report_attendance_years (who, year);
CREATE INDEX report_attendance_years_year ON report_attendance_years (organisation_id, year);
-- A family's or person's rows, for recomputing theirs.
CREATE INDEX report_attendance_who ON report_attendance ((coalesce(family_id, person_id)), occurs_on);

-- Grouped by `who` and `year` as written here, so that a condition on them reaches the index above.
CREATE VIEW report_attendance_years_source AS
SELECT organisation_id, extract(year FROM occurs_on)::int AS year, coalesce(family_id, person_id) AS who,
       min(occurs_on) AS occurs_on, centre_id, programme_id, type_id, group_id, case_id, family_id, person_id,
       bool_or(woman) AS woman, sex, age_band, disability, municipality, project_ids
FROM report_attendance
GROUP BY organisation_id, extract(year FROM occurs_on)::int, coalesce(family_id, person_id), centre_id,
         programme_id, type_id, group_id, case_id, family_id, person_id, sex, age_band, disability,
         municipality, project_ids;

-- Recomputes the years of these families and persons (pairs of `whos` and `years`).
CREATE FUNCTION report_attendance_years_refresh(whos uuid[], years int[], bulk boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(whos), 0) = 0 THEN
    RETURN;
  END IF;
  IF bulk THEN
    EXECUTE 'DELETE FROM report_attendance_years y USING unnest($1, $2) k(who, year)
             WHERE y.who = k.who AND y.year = k.year' USING whos, years;
    EXECUTE 'INSERT INTO report_attendance_years SELECT s.* FROM report_attendance_years_source s
             WHERE s.who = ANY ($1) AND (s.who, s.year) IN (SELECT * FROM unnest($1, $2))' USING whos, years;
    RETURN;
  END IF;
  DELETE FROM report_attendance_years y USING unnest(whos, years) k(who, year)
  WHERE y.who = k.who AND y.year = k.year;
  INSERT INTO report_attendance_years SELECT s.* FROM report_attendance_years_source s
  WHERE s.who = ANY (whos) AND (s.who, s.year) IN (SELECT * FROM unnest(whos, years));
END $$;

-- Migration 0029's refresh, now also noting the families and persons in the attendance rows it removes
-- and writes, and recomputing their years.
CREATE OR REPLACE FUNCTION report_rows_refresh(ids uuid[], tables text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  whos uuid[];
  years int[];
BEGIN
  IF coalesce(cardinality(ids), 0) = 0 THEN
    RETURN;
  END IF;
  IF cardinality(ids) > 100 THEN
    -- A bulk write (an import, a restore's migration): planned for these ids, so that the array is a
    -- constant PostgreSQL hashes, and the tables are joined as a whole rather than looked up row by row.
    IF tables IN ('activities', 'both') THEN
      EXECUTE 'DELETE FROM report_activities WHERE activity_id = ANY ($1)' USING ids;
      EXECUTE 'INSERT INTO report_activities SELECT * FROM report_activities_source WHERE activity_id = ANY ($1)' USING ids;
    END IF;
    IF tables IN ('attendance', 'both') THEN
      EXECUTE 'WITH gone AS (DELETE FROM report_attendance WHERE activity_id = ANY ($1)
                             RETURNING coalesce(family_id, person_id) AS who, extract(year FROM occurs_on)::int AS year),
                    came AS (INSERT INTO report_attendance SELECT * FROM report_attendance_source WHERE activity_id = ANY ($1)
                             RETURNING coalesce(family_id, person_id) AS who, extract(year FROM occurs_on)::int AS year)
               SELECT array_agg(who), array_agg(year)
               FROM (SELECT who, year FROM gone UNION SELECT who, year FROM came) k' INTO whos, years USING ids;
      PERFORM report_attendance_years_refresh(whos, years, true);
    END IF;
    RETURN;
  END IF;
  IF tables IN ('activities', 'both') THEN
    DELETE FROM report_activities WHERE activity_id = ANY (ids);
    INSERT INTO report_activities SELECT * FROM report_activities_source WHERE activity_id = ANY (ids);
  END IF;
  IF tables IN ('attendance', 'both') THEN
    WITH gone AS (DELETE FROM report_attendance WHERE activity_id = ANY (ids)
                  RETURNING coalesce(family_id, person_id) AS who, extract(year FROM occurs_on)::int AS year),
         came AS (INSERT INTO report_attendance SELECT * FROM report_attendance_source WHERE activity_id = ANY (ids)
                  RETURNING coalesce(family_id, person_id) AS who, extract(year FROM occurs_on)::int AS year)
    SELECT array_agg(who), array_agg(year) INTO whos, years
    FROM (SELECT who, year FROM gone UNION SELECT who, year FROM came) k;
    PERFORM report_attendance_years_refresh(whos, years, cardinality(whos) > 100);
  END IF;
END $$;

INSERT INTO report_attendance_years SELECT * FROM report_attendance_years_source;
