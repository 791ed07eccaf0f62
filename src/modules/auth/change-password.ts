import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import type { ChangePasswordInput } from '../../shared/contracts/auth';
import { users } from '../users/tables';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords';
import { endUserSessions } from './sessions';
import { oneAttemptAtATime, recordFailure, throttled, throttledFor } from './throttle';

/**
 * Replaces the actor's password; other sessions of the same user end. A wrong current password counts as a
 * failed sign-in of the account (the same limit: a stolen session cannot guess the password either); it is
 * returned, not thrown, so that the failure is kept when the transaction commits.
 */
export async function changePassword(ctx: ActorCtx, input: ChangePasswordInput): Promise<AppError | null> {
  const [user] = await ctx.tx.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  await oneAttemptAtATime(ctx.tx, user.email);
  const waitMinutes = await throttledFor(ctx.tx, user.email, ctx.ip ?? 'unknown', ctx.now);
  if (waitMinutes !== null) return throttled(waitMinutes);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordFailure(ctx.tx, user.email, ctx.ip ?? 'unknown', ctx.now);
    await recordAudit(ctx, {
      action: 'auth.change_password',
      outcome: 'failure',
      reason: 'wrong_password',
      entityType: 'user',
      entityId: user.id,
    });
    return new AppError('WRONG_PASSWORD', {
      fields: [{ field: 'currentPassword', key: 'error.WRONG_PASSWORD' }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw invalid({ field: 'newPassword', key: 'validation.passwordSameAsOld' });
  }
  assertAcceptablePassword(input.newPassword, user);
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
  return null;
}
