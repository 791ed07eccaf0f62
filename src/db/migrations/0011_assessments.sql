-- Assessments with configurable instruments. One instrument ships: the eight well-being
-- dimensions SOS Children's Villages uses publicly, scored 1 to 5. Licensed instruments
-- (NCFAS, Outcomes Star, SDQ) are not shipped: their owners forbid unlicensed copies.

CREATE TABLE assessment_instruments (
  id uuid PRIMARY KEY,
  -- NULL: shipped with the product, the same for every organisation.
  organisation_id uuid REFERENCES organisations (id),
  name_lv text NOT NULL,
  name_en text NOT NULL,
  version text NOT NULL,
  -- [{"key": "care", "nameLv": "Aprūpe", "nameEn": "Care"}, ...]
  domains jsonb NOT NULL,
  -- {"min": 1, "max": 5, "labels": [{"value": 1, "lv": "...", "en": "..."}, ...]}
  scale jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO assessment_instruments (id, organisation_id, name_lv, name_en, version, domains, scale) VALUES (
  '5f0c2d1e-8a43-4b7e-9c21-3d6f1e0a7b55', NULL,
  'Ģimenes labklājības novērtējums (8 jomas)', 'Family well-being assessment (8 domains)', '1',
  '[{"key": "care", "nameLv": "Aprūpe", "nameEn": "Care"},
    {"key": "food_security", "nameLv": "Pārtikas nodrošinājums", "nameEn": "Food security"},
    {"key": "accommodation", "nameLv": "Mājoklis", "nameEn": "Accommodation"},
    {"key": "physical_health", "nameLv": "Fiziskā veselība", "nameEn": "Physical health"},
    {"key": "education_skills", "nameLv": "Izglītība un prasmes", "nameEn": "Education and skills"},
    {"key": "livelihood", "nameLv": "Iztika", "nameEn": "Livelihood"},
    {"key": "protection_inclusion", "nameLv": "Aizsardzība un sociālā iekļaušanās", "nameEn": "Protection and social inclusion"},
    {"key": "social_emotional", "nameLv": "Sociāli emocionālā labklājība", "nameEn": "Social-emotional well-being"}]',
  '{"min": 1, "max": 5, "labels": [
    {"value": 1, "lv": "nopietnas grūtības", "en": "serious difficulties"},
    {"value": 2, "lv": "grūtības", "en": "difficulties"},
    {"value": 3, "lv": "daļēji apmierinoši", "en": "partly adequate"},
    {"value": 4, "lv": "apmierinoši", "en": "adequate"},
    {"value": 5, "lv": "labi", "en": "good"}]}'
);

CREATE TABLE assessments (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  instrument_id uuid NOT NULL REFERENCES assessment_instruments (id),
  phase text NOT NULL CHECK (phase IN ('intake', 'review', 'exit')),
  assessed_on date NOT NULL,
  assessed_by uuid NOT NULL REFERENCES users (id),
  notes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL
);
CREATE INDEX assessments_case ON assessments (case_id, assessed_on);
-- One intake and one exit per case and instrument.
CREATE UNIQUE INDEX assessments_one_intake ON assessments (case_id, instrument_id, phase) WHERE phase IN ('intake', 'exit');

CREATE TABLE assessment_scores (
  assessment_id uuid NOT NULL REFERENCES assessments (id),
  domain_key text NOT NULL,
  score integer NOT NULL,
  PRIMARY KEY (assessment_id, domain_key)
);
