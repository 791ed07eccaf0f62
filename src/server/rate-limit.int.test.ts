import { expect, it } from 'vitest';
import { createTestApp, testPassword } from '../../test/helpers/app';
import { buildApp } from './app';

it('limits requests a minute per session and per address, answering 429 with when to try again', async () => {
  const t = await createTestApp('pglite');
  // A low limit for the test; the default (600 a minute) is far above what a person clicks.
  const app = await buildApp({
    database: t.database,
    clock: t.clock,
    config: { ...t.app.deps.config, rateLimitPerMinute: 5 },
  });
  try {
    const user = await t.user({ roles: [{ role: 'project_manager' }] });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: testPassword },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const ask = (headers: Record<string, string> = { cookie }) =>
      app.inject({ method: 'GET', url: '/api/projects', headers });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await ask()).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await ask();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['retry-after']).toBe('60');

    // The address has its own, larger allowance (ten sessions' worth, 50 here), counting every request.
    const more: number[] = [];
    for (let i = 0; i < 44; i++) more.push((await ask({})).statusCode);
    expect(more.slice(0, 42).every((s) => s === 401)).toBe(true);
    expect(more.slice(42)).toEqual([429, 429]);

    // The next minute starts afresh.
    t.clock.advanceMinutes(1);
    expect((await ask()).statusCode).toBe(200);
  } finally {
    await app.close();
    await t.app.close();
    await t.database.close();
  }
});
