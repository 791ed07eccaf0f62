import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import { recordAudit } from '../../platform/audit';
import type { Actor, ActorCtx, Ctx } from '../../platform/context';
import { AppError, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { canSomewhere } from '../../shared/access';
import type { MfaSetup } from '../../shared/contracts/auth';
import { organisations } from '../organisation/tables';
import { mfaRecoveryCodes, users } from '../users/tables';
import { endUserSessions } from './sessions';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp';

/**
 * Two-step sign-in with an authenticator app (TOTP, RFC 6238). A user sets it up on their account page: a
 * secret shown as a QR code, confirmed with a first code, then ten one-use recovery codes shown once (kept
 * hashed). Signing in then wants a code (or a recovery code) after the password; wrong codes count as
 * failed sign-ins and are throttled the same way. An administrator may reset it (audited), and an
 * organisation may require it of everyone who reads case content and of administrators: until they set
 * it up, such users can do nothing but that (like changing a one-time password).
 */
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
const hashCode = (code: string) =>
  createHash('sha256').update(code.trim().toLowerCase().replace(/\s/g, '')).digest('hex');

function recoveryCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += recoveryAlphabet[randomInt(recoveryAlphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Whether the organisation's rule requires two-step sign-in of this user (reads case content, or administers). */
export function mfaRequiredFor(actor: Pick<Actor, 'roles'>, organisationRequires: boolean): boolean {
  return (
    organisationRequires &&
    (canSomewhere(actor, 'cases.read') || actor.roles.some((grant) => grant.role === 'administrator'))
  );
}

export async function organisationRequiresMfa(ctx: Ctx, organisationId: string): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ required: organisations.mfaRequired })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.required ?? false;
}

/** Starts setting up (or replacing) the caller's authenticator: a new secret, pending until confirmed. */
export async function startMfaSetup(ctx: ActorCtx, issuer: string): Promise<MfaSetup> {
  const secret = newTotpSecret();
  await ctx.tx.update(users).set({ mfaPendingSecret: secret }).where(eq(users.id, ctx.actor.userId));
  const uri = otpauthUri(secret, ctx.actor.email, issuer);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

/** Confirms the pending secret with a code from the app: two-step sign-in is on; the recovery codes, once. */
export async function confirmMfaSetup(ctx: ActorCtx, code: string): Promise<{ recoveryCodes: string[] }> {
  const [user] = await ctx.tx.select().from(users).where(eq(users.id, ctx.actor.userId)).for('update');
  if (!user?.mfaPendingSecret) throw new AppError('MFA_NOT_STARTED');
  const step = verifyTotp(user.mfaPendingSecret, code, ctx.now, null);
  if (step === null) throw invalid({ field: 'code', key: 'validation.mfaCode' });
  await ctx.tx
    .update(users)
    .set({
      mfaSecret: user.mfaPendingSecret,
      mfaPendingSecret: null,
      mfaEnabledAt: ctx.now,
      mfaLastStep: step,
      updatedAt: ctx.now,
    })
    .where(eq(users.id, user.id));
  await ctx.tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id));
  const recoveryCodes = Array.from({ length: 10 }, recoveryCode);
  await ctx.tx
    .insert(mfaRecoveryCodes)
    .values(
      recoveryCodes.map((c) => ({ id: newId(ctx.now.getTime()), userId: user.id, codeHash: hashCode(c) })),
    );
  await recordAudit(ctx, { action: 'auth.mfa_enable', entityType: 'user', entityId: user.id });
  return { recoveryCodes };
}

/**
 * The second step of signing in: a current code from the app (each accepted once), or an unused recovery
 * code (then used up). True when it is right.
 */
export async function secondFactorOk(
  ctx: Ctx,
  user: { id: string; mfaSecret: string | null; mfaLastStep: number | null },
  code: string,
): Promise<'code' | 'recovery' | null> {
  if (!user.mfaSecret) return 'code';
  const step = verifyTotp(user.mfaSecret, code, ctx.now, user.mfaLastStep);
  if (step !== null) {
    await ctx.tx.update(users).set({ mfaLastStep: step }).where(eq(users.id, user.id));
    return 'code';
  }
  const unused = await ctx.tx
    .select({ id: mfaRecoveryCodes.id, codeHash: mfaRecoveryCodes.codeHash })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, user.id), isNull(mfaRecoveryCodes.usedAt)));
  const given = Buffer.from(hashCode(code));
  const match = unused.find((row) => timingSafeEqual(Buffer.from(row.codeHash), given));
  if (!match) return null;
  await ctx.tx.update(mfaRecoveryCodes).set({ usedAt: ctx.now }).where(eq(mfaRecoveryCodes.id, match.id));
  return 'recovery';
}

/** An administrator turns a user's two-step sign-in off (a lost phone): audited, their sessions end. */
export async function resetMfa(ctx: ActorCtx, userId: string): Promise<void> {
  const [user] = await ctx.tx
    .update(users)
    .set({
      mfaSecret: null,
      mfaPendingSecret: null,
      mfaEnabledAt: null,
      mfaLastStep: null,
      updatedAt: ctx.now,
    })
    .where(and(eq(users.id, userId), eq(users.organisationId, ctx.actor.organisationId)))
    .returning({ id: users.id });
  if (!user) throw notFound();
  await ctx.tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await endUserSessions(ctx.tx, userId, ctx.now);
  await recordAudit(ctx, { action: 'user.reset_mfa', entityType: 'user', entityId: userId });
}

/** The administrator's organisation-wide rule. */
export async function setMfaRequired(ctx: ActorCtx, required: boolean): Promise<void> {
  await ctx.tx
    .update(organisations)
    .set({ mfaRequired: required })
    .where(eq(organisations.id, ctx.actor.organisationId));
  await recordAudit(ctx, { action: 'organisation.mfa_required', details: { required } });
}
