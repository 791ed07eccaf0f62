import { describe, expect, it } from 'vitest';
import { can, canInOrganisation, canSomewhere, centresWith, rolePermissions, roles } from './access';

describe('roles and permissions', () => {
  it('never lets the administrator, project, finance, partner or data protection roles read case content', () => {
    for (const role of [
      'administrator',
      'project_manager',
      'finance_officer',
      'partner_viewer',
      'data_protection_officer',
    ] as const) {
      expect(rolePermissions[role]).not.toContain('cases.read');
    }
  });

  it('maps every role', () => {
    for (const role of roles) expect(rolePermissions[role].length).toBeGreaterThan(0);
  });

  it('applies a centre role only at its centre, an organisation-wide one everywhere', () => {
    const specialist = { roles: [{ role: 'specialist' as const, centreId: 'bauska' }] };
    expect(can(specialist, 'cases.read', 'bauska')).toBe(true);
    expect(can(specialist, 'cases.read', 'valmiera')).toBe(false);
    expect(canSomewhere(specialist, 'cases.read')).toBe(true);
    expect(canInOrganisation(specialist, 'cases.read')).toBe(false);
    expect(centresWith(specialist, 'cases.read')).toEqual(['bauska']);
    const finance = { roles: [{ role: 'finance_officer' as const, centreId: null }] };
    expect(can(finance, 'finance.manage', 'valmiera')).toBe(true);
    expect(centresWith(finance, 'finance.manage')).toBe('all');
    expect(centresWith(finance, 'cases.read')).toEqual([]);
  });
});
