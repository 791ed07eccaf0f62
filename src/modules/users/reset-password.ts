import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import type { UserView } from '../../shared/contracts/users';
import { hashPassword, oneTimePassword } from '../auth/passwords';
import { endUserSessions } from '../auth/sessions';
import { clearFailures } from '../auth/throttle';
import { findUserInScope } from './policy';
import { presentUser } from './presenter';
import { roleGrantsOf } from './queries';
import { users } from './tables';

/**
 * Gives a user a new one-time password (shown once to the administrator), ends their
 * sessions and lifts any sign-in throttling on the account.
 */
export async function resetPassword(
  ctx: ActorCtx,
  userId: string,
): Promise<{ user: UserView; oneTimePassword: string }> {
  const user = await findUserInScope(ctx.tx, ctx.actor, userId);
  const password = oneTimePassword();
  const [updated] = await ctx.tx
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      // When the one-time password was issued: it expires (src/modules/auth/sign-in.ts).
      passwordChangedAt: ctx.now,
      updatedAt: ctx.now,
    })
    .where(eq(users.id, user.id))
    .returning();
  await endUserSessions(ctx.tx, user.id, ctx.now);
  await clearFailures(ctx.tx, user.email);
  await recordAudit(ctx, { action: 'user.reset_password', entityType: 'user', entityId: user.id });
  const grants = (await roleGrantsOf(ctx.tx, [user.id])).get(user.id) ?? [];
  return { user: presentUser(updated!, grants), oneTimePassword: password };
}
