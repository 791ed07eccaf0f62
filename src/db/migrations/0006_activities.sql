-- Service delivery, first part: the activity catalogue and activities with staff,
-- participants and attendance, attributed to a programme and projects.

-- Built-in types (organisation_id NULL) carry the codes reports rely on; an
-- administrator adds the organisation's own.
CREATE TABLE activity_types (
  id uuid PRIMARY KEY,
  organisation_id uuid REFERENCES organisations (id),
  code text,
  name_lv text NOT NULL,
  name_en text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('individual', 'group', 'event', 'institutional')),
  builtin boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  CHECK (builtin = (organisation_id IS NULL))
);
CREATE UNIQUE INDEX activity_types_code ON activity_types (code) WHERE code IS NOT NULL;

INSERT INTO activity_types (id, organisation_id, code, name_lv, name_en, kind, builtin) VALUES
  ('3d3460ed-05d3-45c0-bac6-b39a27d095ba', NULL, 'consultation', 'Konsultācija', 'Consultation', 'individual', true),
  ('1be35245-236c-41c2-ac23-341a4d30a25b', NULL, 'home_visit', 'Mājas vizīte', 'Home visit', 'individual', true),
  ('8cf89b66-473c-4c48-916c-f386bab647ff', NULL, 'remote_consultation', 'Attālināta konsultācija', 'Remote consultation', 'individual', true),
  ('93e92889-dc98-4dde-a5cc-515c242107c6', NULL, 'support_group_session', 'Atbalsta grupas nodarbība', 'Support group session', 'group', true),
  ('31d16a84-5e76-4479-b757-fba05c877ee9', NULL, 'camp', 'Nometne', 'Camp', 'event', true),
  ('87f5d689-202f-4dec-883e-e7f4bc7050f7', NULL, 'training', 'Apmācības', 'Training', 'institutional', true),
  ('67dce77f-d256-4040-b6f7-1295c3f45dba', NULL, 'mentoring_meeting', 'Mentora tikšanās', 'Mentoring meeting', 'individual', true),
  ('58c0b882-b7ae-4980-bf2b-65664ed833a9', NULL, 'family_group_conference', 'Ģimeņu grupu konference', 'Family Group Conference', 'individual', true),
  ('cc656c19-5e36-4286-894a-695e4462ba37', NULL, 'information_event', 'Informatīvs pasākums', 'Information event', 'event', true),
  ('6ab6221b-2721-4e3f-917d-35d4dd460f79', NULL, 'closing_event', 'Noslēguma pasākums', 'Closing event', 'event', true);

CREATE TABLE activities (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  type_id uuid NOT NULL REFERENCES activity_types (id),
  centre_id uuid NOT NULL REFERENCES centres (id),
  programme_id uuid REFERENCES programmes (id),
  -- The case it was logged on, when it was (individual work with a family).
  case_id uuid REFERENCES cases (id),
  occurs_on date NOT NULL,
  starts_at time,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  place text NOT NULL CHECK (place IN ('centre', 'home', 'institution', 'online', 'camp_site', 'other')),
  status text NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
  notes text NOT NULL DEFAULT '',
  -- Confidential notes are read only by their author and the centre's manager.
  notes_confidential boolean NOT NULL DEFAULT false,
  notes_author_id uuid REFERENCES users (id),
  follow_up_on date,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX activities_centre ON activities (centre_id, occurs_on);
CREATE INDEX activities_case ON activities (case_id, occurs_on);
CREATE INDEX activities_programme ON activities (programme_id, occurs_on);
CREATE INDEX activities_follow_up ON activities (follow_up_on) WHERE follow_up_on IS NOT NULL;

-- One activity counts for several projects only when the user says so.
CREATE TABLE activity_projects (
  activity_id uuid NOT NULL REFERENCES activities (id),
  project_id uuid NOT NULL REFERENCES projects (id),
  PRIMARY KEY (activity_id, project_id)
);
CREATE INDEX activity_projects_project ON activity_projects (project_id);

CREATE TABLE activity_staff (
  activity_id uuid NOT NULL REFERENCES activities (id),
  user_id uuid NOT NULL REFERENCES users (id),
  specialty text,
  PRIMARY KEY (activity_id, user_id)
);

CREATE TABLE activity_participants (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  activity_id uuid NOT NULL REFERENCES activities (id),
  family_id uuid REFERENCES families (id),
  person_id uuid REFERENCES persons (id),
  attendance text NOT NULL CHECK (attendance IN ('present', 'absent', 'excused')),
  CHECK ((family_id IS NULL) <> (person_id IS NULL))
);
CREATE UNIQUE INDEX activity_participants_family ON activity_participants (activity_id, family_id) WHERE family_id IS NOT NULL;
CREATE UNIQUE INDEX activity_participants_person ON activity_participants (activity_id, person_id) WHERE person_id IS NOT NULL;
CREATE INDEX activity_participants_family_lookup ON activity_participants (family_id);
CREATE INDEX activity_participants_person_lookup ON activity_participants (person_id);
