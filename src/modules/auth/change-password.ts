import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import type { ChangePasswordInput } from '../../shared/contracts/auth';
import { users } from '../users/tables';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords';
import { endUserSessions } from './sessions';

/** Replaces the actor's password; other sessions of the same user end. */
export async function changePassword(ctx: ActorCtx, input: ChangePasswordInput): Promise<void> {
  const [user] = await ctx.tx.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('WRONG_PASSWORD', {
      fields: [{ field: 'currentPassword', key: 'error.WRONG_PASSWORD' }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw invalid({ field: 'newPassword', key: 'validation.passwordSameAsOld' });
  }
  assertAcceptablePassword(input.newPassword, user.email);
  await ctx.tx
    .update(users)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      mustChangePassword: false,
      passwordChangedAt: ctx.now,
      updatedAt: ctx.now,
    })
    .where(eq(users.id, user.id));
  await endUserSessions(ctx.tx, user.id, ctx.now, ctx.actor.sessionId);
  await recordAudit(ctx, { action: 'auth.change_password', entityType: 'user', entityId: user.id });
}
