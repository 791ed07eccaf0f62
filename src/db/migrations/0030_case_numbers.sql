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

-- The index, always: planned while the table is empty (a new database, a restore, the first import), the
-- lookup would otherwise scan the table once per row inserted.
CREATE FUNCTION cases_number() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  NEW.number_year := extract(year FROM NEW.opened_on)::int;
  PERFORM pg_advisory_xact_lock(hashtextextended('case number ' || NEW.organisation_id || ' ' || NEW.number_year, 0));
  SELECT coalesce((SELECT number_seq FROM cases
                    WHERE organisation_id = NEW.organisation_id AND number_year = NEW.number_year
                    ORDER BY number_seq DESC LIMIT 1), 0) + 1
    INTO NEW.number_seq;
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

-- The header's search finds a family by its present members' names: kept on the family, folded as
-- `persons.search_name` is, so that a search tests one row per case (with a trigram index for long
-- words) instead of looking up each case's members (20 ms for a caseload of 1 100 families). Kept in step
-- by statement-level triggers on memberships and on the persons' folded names, in the writing transaction.
ALTER TABLE families ADD COLUMN member_names text NOT NULL DEFAULT '';

CREATE FUNCTION families_member_names_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE families f SET member_names = coalesce((
    SELECT string_agg(p.search_name, ' | ' ORDER BY p.search_name)
    FROM family_members fm JOIN persons p ON p.id = fm.person_id
    WHERE fm.family_id = f.id AND fm.left_on IS NULL AND p.merged_into IS NULL), '')
  WHERE f.id = ANY(ids)
$$;

SELECT families_member_names_refresh(array_agg(id)) FROM families;

CREATE FUNCTION family_members_names_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM families_member_names_refresh(array(SELECT DISTINCT family_id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION family_members_names_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM families_member_names_refresh(array(SELECT family_id FROM new_rows UNION SELECT family_id FROM old_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION family_members_names_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM families_member_names_refresh(array(SELECT DISTINCT family_id FROM old_rows));
  RETURN NULL;
END
$$;
CREATE TRIGGER family_members_names_insert AFTER INSERT ON family_members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION family_members_names_inserted();
CREATE TRIGGER family_members_names_update AFTER UPDATE ON family_members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION family_members_names_changed();
CREATE TRIGGER family_members_names_delete AFTER DELETE ON family_members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION family_members_names_deleted();

-- A person renamed, merged or anonymised: the families she is a member of.
CREATE FUNCTION persons_names_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM families_member_names_refresh(array(
    SELECT DISTINCT fm.family_id FROM family_members fm
    WHERE fm.person_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                           WHERE n.search_name IS DISTINCT FROM o.search_name
                              OR n.merged_into IS DISTINCT FROM o.merged_into)));
  RETURN NULL;
END
$$;
CREATE TRIGGER persons_names_update AFTER UPDATE ON persons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION persons_names_changed();

CREATE INDEX families_member_names_trgm ON families USING gin (member_names gin_trgm_ops);
