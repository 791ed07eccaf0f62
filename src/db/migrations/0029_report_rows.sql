-- The activities and attendance the reports count, resolved once when they are written (issue 18, speed).
--
-- `report_activities`: one row per held, not voided activity, or for an event whose attendance was taken
-- per day one row per day someone was present (`per_day`), with its minutes (an event without attendance
-- per day: the minutes of all its days) and the projects it is attributed to.
--
-- One row per present participant of a held, not voided activity and day the row is dated by, with the
-- family reached through it and the person who attended in person, each already resolved: a family
-- participant reaches its family; a person participant the family they came with, or else every family
-- they belonged to on the day (a row per family; one row with no family when they belonged to none); a
-- merged person counts as the record they were merged into. The dated day (issue 18, rule 7): the days
-- a person was marked present on, for an event whose attendance was taken per day; else every day anyone
-- was present at it; else the day the activity took place. The person's sex, age band on the day,
-- disability and municipality are the dimensions of a person (rule 8).
--
-- The tables are never stale: triggers on every table they are derived from (activities, their projects,
-- participants and attendance per day, family membership, the persons' own fields they read) recompute
-- the rows of the activities a statement touched, in that statement's transaction. They are pure
-- functions of those tables (no clock, no session setting), so `atbalsts reports verify` recomputes them
-- and compares. `report_activities_source` and `report_attendance_source` are those functions: change one
-- and rebuild its table in the same migration.

CREATE TABLE report_attendance (
  organisation_id uuid NOT NULL,
  activity_id uuid NOT NULL,
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
CREATE INDEX report_attendance_activity ON report_attendance (activity_id);
CREATE INDEX report_attendance_day ON report_attendance (organisation_id, occurs_on);

CREATE TABLE report_activities (
  organisation_id uuid NOT NULL,
  activity_id uuid NOT NULL,
  occurs_on date NOT NULL,
  minutes integer NOT NULL,
  per_day boolean NOT NULL,
  centre_id uuid NOT NULL,
  programme_id uuid,
  type_id uuid NOT NULL,
  group_id uuid,
  case_id uuid,
  project_ids uuid[] NOT NULL
);
CREATE INDEX report_activities_activity ON report_activities (activity_id);
CREATE INDEX report_activities_day ON report_activities (organisation_id, occurs_on);
-- The few rows of events attended per day, which the reports read apart from the rest.
CREATE INDEX report_activities_per_day ON report_activities (organisation_id, occurs_on) WHERE per_day;

-- What the refresh needs to find fast: an activity's participants, and the records merged into a person.
CREATE INDEX activity_participants_activity ON activity_participants (activity_id);
CREATE INDEX persons_merged_into ON persons (merged_into) WHERE merged_into IS NOT NULL;

CREATE VIEW report_attendance_source AS
SELECT a.organisation_id, a.id AS activity_id, d.day AS occurs_on, a.centre_id, a.programme_id, a.type_id,
       a.group_id, a.case_id,
       coalesce(p.family_id, p.via_family_id, fm.family_id) AS family_id,
       coalesce(pe.merged_into, pe.id) AS person_id,
       pe.sex = 'female' AND d.day >= b.born_on + interval '18 years' AS woman,
       pe.sex,
       CASE WHEN pe.id IS NULL THEN NULL
            WHEN b.born_on IS NULL THEN 'unknown'
            WHEN d.day < b.born_on + interval '3 years' THEN '0-2'
            WHEN d.day < b.born_on + interval '7 years' THEN '3-6'
            WHEN d.day < b.born_on + interval '13 years' THEN '7-12'
            WHEN d.day < b.born_on + interval '18 years' THEN '13-17'
            ELSE 'adult' END AS age_band,
       CASE WHEN pe.id IS NULL THEN NULL WHEN pe.disability THEN 'yes' ELSE 'no' END AS disability,
       pe.municipality,
       pr.project_ids
FROM activities a
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(ap.project_id ORDER BY ap.project_id), '{}') AS project_ids
  FROM activity_projects ap WHERE ap.activity_id = a.id
) pr
JOIN activity_participants p ON p.activity_id = a.id AND p.attendance = 'present'
-- The days this participant was marked present on.
LEFT JOIN activity_day_attendance pd ON pd.activity_id = a.id AND pd.person_id = p.person_id
     AND pd.attendance = 'present'
-- Without their own, the days anyone was present on.
LEFT JOIN LATERAL (
  SELECT DISTINCT x.day FROM activity_day_attendance x
  WHERE pd.activity_id IS NULL AND x.activity_id = a.id AND x.attendance = 'present'
) ed ON true
CROSS JOIN LATERAL (SELECT coalesce(pd.day, ed.day, a.occurs_on) AS day) d
LEFT JOIN persons pe ON pe.id = p.person_id
-- The birthday, taken as 1 July when only the year is known.
CROSS JOIN LATERAL (SELECT coalesce(pe.birth_date, make_date(pe.birth_year, 7, 1)) AS born_on) b
LEFT JOIN family_members fm ON p.person_id IS NOT NULL AND p.via_family_id IS NULL
     AND fm.person_id = coalesce(pe.merged_into, pe.id)
     AND fm.joined_on <= d.day AND (fm.left_on IS NULL OR fm.left_on >= d.day)
WHERE a.status = 'held' AND a.voided_at IS NULL;

CREATE VIEW report_activities_source AS
SELECT a.organisation_id, a.id AS activity_id, coalesce(ed.day, a.occurs_on) AS occurs_on,
       a.duration_minutes * CASE WHEN ed.day IS NULL THEN coalesce(a.ends_on, a.occurs_on) - a.occurs_on + 1
                                 ELSE 1 END AS minutes,
       ed.day IS NOT NULL AS per_day,
       a.centre_id, a.programme_id, a.type_id, a.group_id, a.case_id, pr.project_ids
FROM activities a
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(ap.project_id ORDER BY ap.project_id), '{}') AS project_ids
  FROM activity_projects ap WHERE ap.activity_id = a.id
) pr
LEFT JOIN LATERAL (
  SELECT DISTINCT x.day FROM activity_day_attendance x WHERE x.activity_id = a.id AND x.attendance = 'present'
) ed ON true
WHERE a.status = 'held' AND a.voided_at IS NULL;

-- Recomputes the rows of these activities. PL/pgSQL keeps the statements' plans for the session: planning
-- the attendance view's joins afresh at every write (as a SQL function would) costs more than running them.
-- `= ANY (ids)` lets that kept plan look the few activities of a write up by their keys.
CREATE FUNCTION report_rows_refresh(ids uuid[], tables text) RETURNS void LANGUAGE plpgsql AS $$
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
      EXECUTE 'DELETE FROM report_attendance WHERE activity_id = ANY ($1)' USING ids;
      EXECUTE 'INSERT INTO report_attendance SELECT * FROM report_attendance_source WHERE activity_id = ANY ($1)' USING ids;
    END IF;
    RETURN;
  END IF;
  IF tables IN ('activities', 'both') THEN
    DELETE FROM report_activities WHERE activity_id = ANY (ids);
    INSERT INTO report_activities SELECT * FROM report_activities_source WHERE activity_id = ANY (ids);
  END IF;
  IF tables IN ('attendance', 'both') THEN
    DELETE FROM report_attendance WHERE activity_id = ANY (ids);
    INSERT INTO report_attendance SELECT * FROM report_attendance_source WHERE activity_id = ANY (ids);
  END IF;
END $$;

-- The activities in which these persons, or records merged into them, took part in person.
CREATE FUNCTION report_attendance_of_persons(ids uuid[]) RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF coalesce(cardinality(ids), 0) = 0 THEN
    RETURN '{}';
  END IF;
  RETURN ARRAY(
    SELECT p.activity_id FROM activity_participants p WHERE p.person_id = ANY (ids)
    UNION
    SELECT p.activity_id FROM persons pe JOIN activity_participants p ON p.person_id = pe.id
    WHERE pe.merged_into = ANY (ids));
END $$;

-- The trigger functions: which activities a statement touched, and (the trigger's argument) which of
-- the tables depend on what it changed: 'activities', 'attendance' or 'both'.

-- Activities. A new one has no attendance yet; a change refreshes them only when it touches what the rows hold.
CREATE FUNCTION report_rows_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rows_refresh(ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.organisation_id, n.occurs_on, n.ends_on, n.duration_minutes, n.centre_id, n.programme_id,
           n.type_id, n.group_id, n.case_id, n.status, n.voided_at)
      IS DISTINCT FROM (o.organisation_id, o.occurs_on, o.ends_on, o.duration_minutes, o.centre_id,
           o.programme_id, o.type_id, o.group_id, o.case_id, o.status, o.voided_at)), TG_ARGV[0]);
  RETURN NULL;
END $$;

-- Rows that name their activity (participants, attendance per day, projects; a new or deleted
-- activity itself, as `id`): the activities they belong to, before and after.
CREATE FUNCTION report_rows_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'activities' THEN
    PERFORM report_rows_refresh(ARRAY(SELECT id FROM new_rows), TG_ARGV[0]);
  ELSE
    PERFORM report_rows_refresh(ARRAY(SELECT DISTINCT activity_id FROM new_rows), TG_ARGV[0]);
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION report_rows_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'activities' THEN
    PERFORM report_rows_refresh(ARRAY(SELECT id FROM old_rows), TG_ARGV[0]);
  ELSE
    PERFORM report_rows_refresh(ARRAY(SELECT DISTINCT activity_id FROM old_rows), TG_ARGV[0]);
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION report_rows_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rows_refresh(
    ARRAY(SELECT activity_id FROM new_rows UNION SELECT activity_id FROM old_rows), TG_ARGV[0]);
  RETURN NULL;
END $$;

-- Family membership: the activities its persons took part in, before and after.
CREATE FUNCTION report_rows_members_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rows_refresh(report_attendance_of_persons(ARRAY(SELECT person_id FROM new_rows)), 'attendance');
  RETURN NULL;
END $$;
CREATE FUNCTION report_rows_members_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rows_refresh(report_attendance_of_persons(ARRAY(SELECT person_id FROM old_rows)), 'attendance');
  RETURN NULL;
END $$;
CREATE FUNCTION report_rows_members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rows_refresh(report_attendance_of_persons(ARRAY(
    SELECT unnest(ARRAY[n.person_id, o.person_id]) FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.family_id, n.person_id, n.joined_on, n.left_on)
      IS DISTINCT FROM (o.family_id, o.person_id, o.joined_on, o.left_on))), 'attendance');
  RETURN NULL;
END $$;

-- Persons: a change of a field the rows read (a merge, sex, birth, disability, municipality), a deletion.
-- The activities of the person, of the record it was merged into or out of, and of records merged into it.
CREATE FUNCTION report_rows_persons_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rows_refresh(report_attendance_of_persons(ARRAY(
    SELECT unnest(ARRAY[n.id, n.merged_into, o.merged_into]) FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.merged_into, n.sex, n.birth_date, n.birth_year, n.disability, n.municipality)
      IS DISTINCT FROM (o.merged_into, o.sex, o.birth_date, o.birth_year, o.disability, o.municipality))),
    'attendance');
  RETURN NULL;
END $$;
CREATE FUNCTION report_rows_persons_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rows_refresh(report_attendance_of_persons(ARRAY(
    SELECT unnest(ARRAY[o.id, o.merged_into]) FROM old_rows o)), 'attendance');
  RETURN NULL;
END $$;

CREATE TRIGGER report_rows_inserted AFTER INSERT ON activities
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_new('activities');
CREATE TRIGGER report_rows_updated AFTER UPDATE ON activities
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION report_rows_activities_changed('both');
CREATE TRIGGER report_rows_deleted AFTER DELETE ON activities
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_old('both');

CREATE TRIGGER report_rows_inserted AFTER INSERT ON activity_participants
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_new('attendance');
CREATE TRIGGER report_rows_updated AFTER UPDATE ON activity_participants
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION report_rows_both('attendance');
CREATE TRIGGER report_rows_deleted AFTER DELETE ON activity_participants
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_old('attendance');

CREATE TRIGGER report_rows_inserted AFTER INSERT ON activity_day_attendance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_new('both');
CREATE TRIGGER report_rows_updated AFTER UPDATE ON activity_day_attendance
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION report_rows_both('both');
CREATE TRIGGER report_rows_deleted AFTER DELETE ON activity_day_attendance
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_old('both');

CREATE TRIGGER report_rows_inserted AFTER INSERT ON activity_projects
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_new('both');
CREATE TRIGGER report_rows_updated AFTER UPDATE ON activity_projects
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION report_rows_both('both');
CREATE TRIGGER report_rows_deleted AFTER DELETE ON activity_projects
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_old('both');

CREATE TRIGGER report_rows_inserted AFTER INSERT ON family_members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_members_new();
CREATE TRIGGER report_rows_updated AFTER UPDATE ON family_members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION report_rows_members_changed();
CREATE TRIGGER report_rows_deleted AFTER DELETE ON family_members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_members_old();

CREATE TRIGGER report_rows_updated AFTER UPDATE ON persons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION report_rows_persons_changed();
CREATE TRIGGER report_rows_deleted AFTER DELETE ON persons
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_persons_deleted();

-- The rows of the activities already there.
INSERT INTO report_activities SELECT * FROM report_activities_source;
INSERT INTO report_attendance SELECT * FROM report_attendance_source;
