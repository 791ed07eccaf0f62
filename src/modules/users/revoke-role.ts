import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findUserInScope, notOwnRoles } from './policy';
import { otherActiveAdministrators } from './rules';
import { roleGrants } from './tables';

/** Takes a role away; the last active administrator keeps theirs. */
export async function revokeRole(ctx: ActorCtx, userId: string, grantId: string): Promise<void> {
  const user = await findUserInScope(ctx.tx, ctx.actor, userId);
  notOwnRoles(ctx, user.id);
  const [grant] = await ctx.tx
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, user.id)));
  if (!grant) throw notFound();
  if (
    grant.role === 'administrator' &&
    (await otherActiveAdministrators(ctx.tx, user.organisationId, user.id)) === 0
  ) {
    throw new AppError('LAST_ADMINISTRATOR');
  }
  await ctx.tx.delete(roleGrants).where(eq(roleGrants.id, grant.id));
  await recordAudit(ctx, {
    action: 'user.revoke_role',
    entityType: 'user',
    entityId: user.id,
    details: { grantId: grant.id, role: grant.role, centreId: grant.centreId },
  });
}
