import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor, Ctx } from '../../platform/context';
import { activeEmergencyCases } from '../cases/emergency-access';
import { organisations } from '../organisation/tables';
import { roleGrants, users } from '../users/tables';
import { mfaRequiredFor } from './mfa';
import { sessions } from './tables';

export const sessionCookieName = 'atbalsts_session';

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** The table keeps only a hash of the token, so a copy of the database signs nobody in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The actor a user acts as, with her roles as granted now: for a session, and for work done as her from
 * the command line (`atbalsts import`).
 */
export async function actorOfUser(
  db: Db,
  user: typeof users.$inferSelect,
  sessionId: string,
): Promise<Actor> {
  const roles = await db
    .select({ role: roleGrants.role, centreId: roleGrants.centreId })
    .from(roleGrants)
    .where(eq(roleGrants.userId, user.id));
  return {
    userId: user.id,
    organisationId: user.organisationId,
    sessionId,
    email: user.email,
    givenName: user.givenName,
    familyName: user.familyName,
    specialty: user.specialty,
    language: user.language,
    mustChangePassword: user.mustChangePassword,
    roles,
  };
}

export async function createSession(ctx: Ctx, user: { id: string; organisationId: string }): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await ctx.tx.insert(sessions).values({
    id: hashToken(token),
    organisationId: user.organisationId,
    userId: user.id,
    createdAt: ctx.now,
    lastSeenAt: ctx.now,
    ip: ctx.ip,
  });
  return token;
}

export async function endSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every open session of a user (disabled, password reset), except `keep` if given. */
export async function endUserSessions(db: Db, userId: string, now: Date, keep?: string): Promise<void> {
  const open = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
  for (const session of open) if (session.id !== keep) await endSession(db, session.id, now);
}

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/**
 * Finds the signed-in user behind a session token. A session ends after `idleMinutes`
 * without requests or `maxHours` after sign-in, whichever comes first; a disabled
 * user's sessions end at once.
 */
export async function lookUpSession(
  db: Db,
  token: string,
  now: Date,
  limits: SessionLimits,
): Promise<SessionLookup> {
  const id = hashToken(token);
  const [row] = await db
    .select({ session: sessions, user: users, mfaRequired: organisations.mfaRequired })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
  if (!row) return null;
  const { session, user, mfaRequired } = row;
  const idleMs = now.getTime() - session.lastSeenAt.getTime();
  const ageMs = now.getTime() - session.createdAt.getTime();
  if (user.disabledAt || idleMs > limits.idleMinutes * 60_000 || ageMs > limits.maxHours * 3_600_000) {
    await endSession(db, id, now);
    return { expired: true };
  }
  // Writing on every request would be wasteful; a minute of slack in the idle timeout is not.
  if (idleMs > 60_000) await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  const actor = await actorOfUser(db, user, id);
  return {
    actor: {
      ...actor,
      emergencyCases: (await activeEmergencyCases(db, user.id, now)).map((access) => access.caseId),
      mfaSetupRequired: !user.mfaEnabledAt && mfaRequiredFor(actor, mfaRequired),
    },
  };
}
