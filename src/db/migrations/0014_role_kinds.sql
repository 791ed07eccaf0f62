-- Every role is either held at one centre or organisation-wide, never both (src/shared/access.ts), so a
-- grant at one centre can never act at another. Project managers, finance officers and partner viewers
-- work on organisation metadata (projects, contracts, money) that belongs to no centre; their grants at
-- a centre already acted organisation-wide, so they become what they were in effect: one
-- organisation-wide grant per user and role.
DELETE FROM role_grants g
WHERE g.role IN ('project_manager', 'finance_officer', 'partner_viewer') AND g.centre_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM role_grants o WHERE o.user_id = g.user_id AND o.role = g.role AND o.centre_id IS NULL);

UPDATE role_grants SET centre_id = NULL
WHERE id IN (
  SELECT DISTINCT ON (user_id, role) id FROM role_grants
  WHERE role IN ('project_manager', 'finance_officer', 'partner_viewer') AND centre_id IS NOT NULL
  ORDER BY user_id, role, id
);

DELETE FROM role_grants
WHERE role IN ('project_manager', 'finance_officer', 'partner_viewer') AND centre_id IS NOT NULL;

ALTER TABLE role_grants ADD CONSTRAINT role_grants_kind CHECK (
  (role IN ('administrator', 'data_protection_officer', 'project_manager', 'finance_officer', 'partner_viewer'))
  = (centre_id IS NULL)
);
