/**
 * Roles and permissions: the one place where a role is mapped to what it may do.
 * Server and web both use these rules; the server never trusts the web's decision.
 *
 * A role is held at one centre, or organisation-wide (centreId null). A permission
 * granted by an organisation-wide role applies at every centre.
 */

export const roles = [
  'administrator',
  'centre_manager',
  'specialist',
  'group_facilitator',
  'fgc_coordinator',
  'mentoring_coordinator',
  'project_manager',
  'finance_officer',
  'partner_viewer',
  'data_protection_officer',
] as const;
export type Role = (typeof roles)[number];

/** Roles that only make sense organisation-wide: they are never tied to one centre. */
export const organisationWideRoles: readonly Role[] = ['administrator', 'data_protection_officer'];

export const specialties = ['social_worker', 'psychologist', 'lawyer', 'family_assistant'] as const;
export type Specialty = (typeof specialties)[number];

export const permissions = [
  'centres.manage',
  'users.manage',
  'catalogues.manage',
  'audit.read',
  'cases.read',
  'cases.write',
  'cases.supervise',
  'groups.run',
  'fgc.run',
  'mentoring.run',
  'projects.read',
  'projects.manage',
  'finance.manage',
  'reports.read',
  'partner.read',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What each role may do. Case content needs `cases.read`, which the administrator,
 * project manager, finance officer, partner viewer and data protection officer never get.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: ['centres.manage', 'users.manage', 'catalogues.manage', 'audit.read'],
  centre_manager: ['cases.read', 'cases.write', 'cases.supervise', 'groups.run', 'reports.read'],
  specialist: ['cases.read', 'cases.write'],
  group_facilitator: ['groups.run'],
  fgc_coordinator: ['cases.read', 'cases.write', 'fgc.run'],
  mentoring_coordinator: ['mentoring.run'],
  project_manager: ['projects.read', 'projects.manage', 'reports.read'],
  finance_officer: ['projects.read', 'finance.manage', 'reports.read'],
  partner_viewer: ['partner.read'],
  data_protection_officer: ['audit.read'],
};

export interface RoleGrant {
  role: Role;
  centreId: string | null;
}

export interface AccessSubject {
  roles: readonly RoleGrant[];
}

/** True when the subject holds the permission at the centre (or anywhere when no centre is given). */
export function can(subject: AccessSubject, permission: Permission, centreId?: string | null): boolean {
  return subject.roles.some(
    (grant) =>
      rolePermissions[grant.role].includes(permission) &&
      (centreId === undefined || centreId === null || grant.centreId === null || grant.centreId === centreId),
  );
}

/** Centres at which the subject holds a permission; `'all'` when an organisation-wide role grants it. */
export function centresWith(subject: AccessSubject, permission: Permission): 'all' | string[] {
  const ids = new Set<string>();
  for (const grant of subject.roles) {
    if (!rolePermissions[grant.role].includes(permission)) continue;
    if (grant.centreId === null) return 'all';
    ids.add(grant.centreId);
  }
  return [...ids];
}

/** The access rule every route declares: anyone, any signed-in user, or one of some permissions. */
export type AccessRule =
  | 'public'
  | 'signed-in'
  | { permission: Permission }
  | { anyPermission: readonly Permission[] };

/** Whether a subject satisfies a non-public access rule. */
export function satisfies(
  subject: AccessSubject,
  rule: Exclude<AccessRule, 'public' | 'signed-in'>,
): boolean {
  const wanted = 'permission' in rule ? [rule.permission] : rule.anyPermission;
  return wanted.some((permission) => can(subject, permission));
}
