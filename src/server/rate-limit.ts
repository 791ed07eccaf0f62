import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sessionCookieName } from '../modules/auth/sessions';
import { AppError } from '../platform/errors';

/**
 * An address may send ten sessions' worth: many people may share one (an office behind one router, or all
 * users when the server sits behind a proxy it does not trust, see TRUST_PROXY).
 */
const addressFactor = 10;

/**
 * A general limit on the API, well above human use: so many requests a minute per session, and ten times
 * as many per client address. One client cannot flood the audit log or hold the CPU; a person clicking
 * through the app never meets it. Counted in memory per server process, in windows of one minute by the
 * app's clock; the answer is 429 with `Retry-After`.
 */
export function installRateLimit(app: FastifyInstance, perMinute: number): void {
  let window = -1;
  const counts = new Map<string, number>();
  const over = (key: string, limit: number) => {
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n > limit;
  };
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const now = app.deps.clock.now().getTime();
    const current = Math.floor(now / 60_000);
    if (current !== window) {
      window = current;
      counts.clear();
    }
    const cookie = request.cookies?.[sessionCookieName] ?? parseCookie(request.headers.cookie);
    const session = cookie ? `s:${createHash('sha256').update(cookie).digest('hex').slice(0, 32)}` : null;
    // Both are counted for every request: a client that floods with a session also uses up its address's.
    const bySession = session !== null && over(session, perMinute);
    const byAddress = over(`a:${request.ip}`, perMinute * addressFactor);
    if (bySession || byAddress) {
      const seconds = Math.max(1, Math.ceil(((current + 1) * 60_000 - now) / 1000));
      throw new AppError('RATE_LIMITED', {
        params: { count: seconds },
        headers: { 'retry-after': String(seconds) },
      });
    }
  });
}

/** The session cookie from the raw header, for requests the cookie plugin has not parsed yet. */
function parseCookie(header: string | undefined): string | null {
  const match = header?.match(new RegExp(`(?:^|;\\s*)${sessionCookieName}=([^;]+)`));
  return match?.[1] ?? null;
}
