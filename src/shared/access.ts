/**
 * Roles and permissions: the one place where a role is mapped to what it may do.
 * Server and web both use these rules; the server never trusts the web's decision.
 *
 * Every role is either a centre role (always held at one centre: its permissions apply
 * at that centre and nowhere else) or an organisation role (always held organisation-wide,
 * `centreId` null). No role can be both, so a grant at one centre never acts at another.
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

/**
 * Roles held organisation-wide, never at a centre. Projects, contracts and money are organisation
 * metadata, not tied to a centre: their managers and finance officers see all of them, partner viewers
 * those they are linked to (a link per project or contract, not a centre).
 */
export const organisationWideRoles: readonly Role[] = [
  'administrator',
  'data_protection_officer',
  'project_manager',
  'finance_officer',
  'partner_viewer',
];

/** Roles always held at one centre. */
export const centreRoles: readonly Role[] = roles.filter((role) => !organisationWideRoles.includes(role));

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
  'subjects.export',
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
  data_protection_officer: ['audit.read', 'subjects.export'],
};

export interface RoleGrant {
  role: Role;
  centreId: string | null;
}

export interface AccessSubject {
  roles: readonly RoleGrant[];
}

/**
 * True when the subject holds the permission at this centre: through a centre role granted at it, or an
 * organisation role. The centre is required: a record's centre decides, and no centre never means "any".
 */
export function can(subject: AccessSubject, permission: Permission, centreId: string): boolean {
  return subject.roles.some(
    (grant) =>
      rolePermissions[grant.role].includes(permission) &&
      (grant.centreId === null || grant.centreId === centreId),
  );
}

/** True when an organisation role grants the permission: for records that belong to no centre. */
export function canInOrganisation(subject: AccessSubject, permission: Permission): boolean {
  return subject.roles.some(
    (grant) => grant.centreId === null && rolePermissions[grant.role].includes(permission),
  );
}

/**
 * True when the subject holds the permission at some centre or organisation-wide. Only for deciding
 * whether a route or menu is worth offering; a record is always checked with `can` at its centre.
 */
export function canSomewhere(subject: AccessSubject, permission: Permission): boolean {
  return subject.roles.some((grant) => rolePermissions[grant.role].includes(permission));
}

/** Centres at which the subject holds a permission; `'all'` when an organisation role grants it. */
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

/** Whether a subject satisfies a non-public access rule: the gate of a route, before any record is read. */
export function satisfies(
  subject: AccessSubject,
  rule: Exclude<AccessRule, 'public' | 'signed-in'>,
): boolean {
  const wanted = 'permission' in rule ? [rule.permission] : rule.anyPermission;
  return wanted.some((permission) => canSomewhere(subject, permission));
}
