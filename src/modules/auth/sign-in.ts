import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { SignInInput } from '../../shared/contracts/auth';
import { users } from '../users/tables';
import { secondFactorOk } from './mfa';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { createSession, endSession, hashToken } from './sessions';
import { clearFailures, oneAttemptAtATime, recordFailure, throttled, throttledFor } from './throttle';

/** How long a one-time password may be used. */
export const oneTimePasswordHours = 72;

export type SignInResult = { ok: true; token: string } | { ok: false; error: AppError };

/**
 * Checks an email and password and opens a session. A failure is returned, not thrown,
 * so that its audit entry and the throttling record commit with the transaction.
 * Unknown email, wrong password and disabled account get the same answer. `previousToken`: the session
 * cookie the browser still sent, whose session ends when the new one opens.
 */
export async function signIn(ctx: Ctx, input: SignInInput, previousToken?: string): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const ip = ctx.ip ?? 'unknown';
  await oneAttemptAtATime(ctx.tx, email);
  const [user] = await ctx.tx.select().from(users).where(eq(users.email, email));
  const subject = { actorUserId: user?.id ?? null, organisationId: user?.organisationId ?? null };

  const waitMinutes = await throttledFor(ctx.tx, email, ip, ctx.now);
  if (waitMinutes !== null) {
    await recordAudit(ctx, { action: 'auth.sign_in', outcome: 'throttled', details: { email }, ...subject });
    return {
      ok: false,
      error: throttled(waitMinutes),
    };
  }

  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !passwordOk || user.disabledAt) {
    await recordFailure(ctx.tx, email, ip, ctx.now);
    const reason = !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled';
    await recordAudit(ctx, {
      action: 'auth.sign_in',
      outcome: 'failure',
      reason,
      details: { email },
      ...subject,
    });
    return { ok: false, error: new AppError('INVALID_CREDENTIALS') };
  }

  // A one-time password (a new account's or a reset's) is good for three days; then an administrator
  // issues another. Checked after the password, so that a guess learns nothing of the account.
  const issuedAt = user.passwordChangedAt ?? user.createdAt;
  if (user.mustChangePassword && ctx.now.getTime() - issuedAt.getTime() > oneTimePasswordHours * 3_600_000) {
    await recordAudit(ctx, {
      action: 'auth.sign_in',
      outcome: 'failure',
      reason: 'one_time_password_expired',
      details: { email },
      ...subject,
    });
    return { ok: false, error: new AppError('ONE_TIME_PASSWORD_EXPIRED') };
  }

  // Two-step sign-in: without a code the answer asks for one; a wrong code counts as a failed sign-in.
  if (user.mfaSecret) {
    if (!input.code) return { ok: false, error: new AppError('MFA_REQUIRED') };
    const used = await secondFactorOk(ctx, user, input.code);
    if (!used) {
      await recordFailure(ctx.tx, email, ip, ctx.now);
      await recordAudit(ctx, {
        action: 'auth.sign_in',
        outcome: 'failure',
        reason: 'wrong_code',
        details: { email },
        ...subject,
      });
      return {
        ok: false,
        error: new AppError('MFA_INVALID_CODE', { fields: [{ field: 'code', key: 'validation.mfaCode' }] }),
      };
    }
    if (used === 'recovery')
      await recordAudit(ctx, {
        action: 'auth.mfa_recovery_code',
        entityType: 'user',
        entityId: user.id,
        ...subject,
      });
  }

  await clearFailures(ctx.tx, email);
  // Signing in again in the same browser ends the session it held: no second session is left open there.
  if (previousToken) await endSession(ctx.tx, hashToken(previousToken), ctx.now);
  const token = await createSession(ctx, user);
  await recordAudit(ctx, { action: 'auth.sign_in', entityType: 'user', entityId: user.id, ...subject });
  return { ok: true, token };
}
