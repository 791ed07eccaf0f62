import { and, count, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { signInFailures } from './tables';

/**
 * Sign-in throttling: after 5 failures for one account, or 20 from one address, within
 * 15 minutes, further attempts are refused until the oldest of them leaves the window.
 * Unknown and known emails are throttled alike, so the answer reveals nothing.
 */
export const throttleWindowMinutes = 15;
export const maxFailuresPerAccount = 5;
export const maxFailuresPerIp = 20;

async function retryAfter(db: Db, column: 'email' | 'ip', value: string, limit: number, now: Date) {
  const since = new Date(now.getTime() - throttleWindowMinutes * 60_000);
  const where = and(eq(signInFailures[column], value), gt(signInFailures.occurredAt, since));
  const [total] = await db.select({ n: count() }).from(signInFailures).where(where);
  if (!total || total.n < limit) return null;
  // The failure whose expiry brings the count below the limit.
  const [pivot] = await db
    .select({ at: signInFailures.occurredAt })
    .from(signInFailures)
    .where(where)
    .orderBy(desc(signInFailures.occurredAt))
    .offset(limit - 1)
    .limit(1);
  const freeAt = (pivot?.at ?? now).getTime() + throttleWindowMinutes * 60_000;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
}

/**
 * Attempts on one account (signing in, or proving the current password) are checked one at a time until the
 * transaction ends: thirty sent at once meet the limit as thirty sent one after another would.
 */
export async function oneAttemptAtATime(db: Db, email: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`);
}

/** The refusal of an attempt while the account or address is throttled, with when to try again. */
export function throttled(waitMinutes: number): AppError {
  return new AppError('THROTTLED', {
    params: { count: waitMinutes },
    headers: { 'retry-after': String(waitMinutes * 60) },
  });
}

/** Minutes until another attempt is allowed, or null when it is allowed now. */
export async function throttledFor(db: Db, email: string, ip: string, now: Date): Promise<number | null> {
  const account = await retryAfter(db, 'email', email, maxFailuresPerAccount, now);
  const address = await retryAfter(db, 'ip', ip, maxFailuresPerIp, now);
  if (account === null && address === null) return null;
  return Math.max(account ?? 0, address ?? 0);
}

export async function recordFailure(db: Db, email: string, ip: string, now: Date): Promise<void> {
  await db.insert(signInFailures).values({ id: newId(now.getTime()), email, ip, occurredAt: now });
  // Keep the table small: failures older than the window no longer matter.
  await db
    .delete(signInFailures)
    .where(lt(signInFailures.occurredAt, new Date(now.getTime() - throttleWindowMinutes * 60_000)));
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
