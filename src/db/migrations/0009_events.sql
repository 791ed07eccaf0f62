-- Multi-day events (a three-day family camp, a closing event): dates, a named place,
-- capacity, the families taking part with the members who came, attendance per day.

-- occurs_on is the first day; ends_on the last (NULL: a one-day activity).
-- duration_minutes of a multi-day event is the programme time of one day.
ALTER TABLE activities ADD COLUMN ends_on date;
ALTER TABLE activities ADD CONSTRAINT activities_ends_after_start CHECK (ends_on IS NULL OR ends_on >= occurs_on);
ALTER TABLE activities ADD COLUMN location text NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN capacity integer CHECK (capacity IS NULL OR capacity > 0);

-- The family a person came with to an event: the family is reached through them.
ALTER TABLE activity_participants ADD COLUMN via_family_id uuid REFERENCES families (id);
CREATE INDEX activity_participants_via_family ON activity_participants (via_family_id) WHERE via_family_id IS NOT NULL;

-- Attendance per day of a multi-day event, where it is taken. A participant's overall
-- attendance (activity_participants.attendance) is "present" when present on any day.
CREATE TABLE activity_day_attendance (
  activity_id uuid NOT NULL REFERENCES activities (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  day date NOT NULL,
  attendance text NOT NULL CHECK (attendance IN ('present', 'absent', 'excused')),
  PRIMARY KEY (activity_id, person_id, day)
);
