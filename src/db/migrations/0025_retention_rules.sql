-- Retention rules per organisation (issue 16, part 3), set by its administrator: how many years after a case
-- closed its people are anonymised, and its documents deleted. NULL: the server's CASE_RETENTION_YEARS.
-- Documents never outlive the people they are about.
ALTER TABLE organisations
  ADD COLUMN retention_case_years integer CHECK (retention_case_years BETWEEN 1 AND 100),
  ADD COLUMN retention_document_years integer CHECK (retention_document_years BETWEEN 1 AND 100),
  ADD CONSTRAINT organisations_documents_within_cases
    CHECK (retention_document_years <= coalesce(retention_case_years, retention_document_years));
