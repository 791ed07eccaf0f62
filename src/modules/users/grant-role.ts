import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { invalid, isUniqueViolation } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { centreRoles, organisationWideRoles, rolePermissions } from '../../shared/access';
import type { grantRoleInput } from '../../shared/contracts/users';
import { centres } from '../centres/tables';
import { notify } from '../notices/notices';
import { notOwnRoles } from './policy';
import type { UserRow } from './queries';
import { roleGrants } from './tables';

/** Gives a user a role at a centre or organisation-wide. */
export async function grantRole(
  ctx: Ctx,
  user: UserRow,
  input: z.output<typeof grantRoleInput>,
): Promise<void> {
  const { role, centreId } = input;
  notOwnRoles(ctx, user.id);
  if (organisationWideRoles.includes(role) && centreId !== null) {
    throw invalid({ field: 'centreId', key: 'validation.centreNotAllowed' });
  }
  if (centreRoles.includes(role) && centreId === null)
    throw invalid({ field: 'centreId', key: 'validation.centreRequired' });
  if (role === 'specialist' && user.specialty === null)
    throw invalid({ field: 'role', key: 'validation.specialtyRequired' });
  if (centreId !== null) {
    const [centre] = await ctx.tx
      .select({ id: centres.id })
      .from(centres)
      .where(and(eq(centres.id, centreId), eq(centres.organisationId, user.organisationId)));
    if (!centre) throw invalid({ field: 'centreId', key: 'validation.unknownCentre' });
  }
  const id = newId(ctx.now.getTime());
  try {
    await ctx.tx.insert(roleGrants).values({
      id,
      organisationId: user.organisationId,
      userId: user.id,
      role,
      centreId,
      createdAt: ctx.now,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'role_grants_unique'))
      throw invalid({ field: 'role', key: 'validation.roleDuplicate' });
    throw error;
  }
  if (rolePermissions[role].includes('cases.read')) {
    // Case content is read through this role: the data protection officer learns who may now read it.
    await notify(ctx, user.organisationId, {
      kind: 'case_role_granted',
      to: { role: 'data_protection_officer' },
      details: { userId: user.id, role, centreId },
    });
  }
  await recordAudit(ctx, {
    action: 'user.grant_role',
    entityType: 'user',
    entityId: user.id,
    organisationId: user.organisationId,
    details: { grantId: id, role, centreId },
  });
}
