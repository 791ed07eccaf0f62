import { expect, it } from 'vitest';
import { createTestApp, type TestApp, testPassword } from '../../test/helpers/app';
import { readConfig } from '../platform/config';
import { buildApp } from './app';

/** The address the audit log gives a sign-in that came through proxies with this `X-Forwarded-For`. */
async function recordedAddress(t: TestApp, trustProxy: string, forwardedFor: string): Promise<string | null> {
  const config = { ...t.app.deps.config, trustProxy: readConfig({ TRUST_PROXY: trustProxy }).trustProxy };
  const app = await buildApp({ database: t.database, clock: t.clock, config });
  try {
    const user = await t.user({ roles: [{ role: 'project_manager' }] });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': forwardedFor },
      remoteAddress: '10.0.0.5',
      payload: { email: user.email, password: testPassword },
    });
    const [row] = await t.database.query<{ ip: string | null }>(
      // The helper's own sign-in came from 127.0.0.1; this one from the proxy at 10.0.0.5.
      `SELECT ip::text AS ip FROM audit_log WHERE action = 'auth.sign_in' AND actor_user_id = $1
         AND ip::text NOT LIKE '127.0.0.1%'`,
      [user.id],
    );
    return row?.ip?.replace(/\/32$/, '') ?? null;
  } finally {
    await app.close();
  }
}

it('believes only the configured proxies about the client address, never what the client wrote', async () => {
  const t = await createTestApp('pglite');
  try {
    // The client wrote 6.6.6.6 itself; the one proxy in front (10.0.0.5) added the address it saw.
    const forwarded = '6.6.6.6, 203.0.113.7';
    expect(await recordedAddress(t, 'false', forwarded)).toBe('10.0.0.5');
    expect(await recordedAddress(t, '1', forwarded)).toBe('203.0.113.7');
    expect(await recordedAddress(t, 'true', forwarded)).toBe('203.0.113.7');
    expect(await recordedAddress(t, '10.0.0.5', forwarded)).toBe('203.0.113.7');
    // A proxy that is not on the list is the client as far as we know.
    expect(await recordedAddress(t, '10.0.0.9', forwarded)).toBe('10.0.0.5');
  } finally {
    await t.app.close();
    await t.database.close();
  }
}, 120_000);

it('refuses a TRUST_PROXY it cannot read, naming the setting', () => {
  expect(() => readConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY must be/);
});
