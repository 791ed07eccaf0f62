import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { createTestApp, testPassword } from '../../test/helpers/app';
import { buildApp } from './app';

/** A second app over a test database that writes its JSON log lines into `lines`, and a signed-in officer. */
async function loggedApp() {
  const t = await createTestApp('pglite');
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').trim().split('\n')));
  const app = await buildApp(
    { database: t.database, clock: t.clock, config: t.app.deps.config },
    { logStream: stream },
  );
  const user = await t.user({ roles: [{ role: 'data_protection_officer' }] });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password: testPassword },
  });
  return { t, app, lines, user, cookie: login.headers['set-cookie'] as string };
}

it('writes JSON logs without passwords, cookies, emails or query strings', async () => {
  const { t, app, lines, user, cookie } = await loggedApp();
  try {
    await app.inject({
      method: 'GET',
      url: '/api/audit?action=auth.sign_in&entityId=Kalni%C5%86a',
      headers: { cookie },
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'secret wrong pass' },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const text = lines.join('\n');
    expect(text).toContain('/api/audit');
    for (const secret of [
      testPassword,
      'secret wrong pass',
      user.email,
      'atbalsts_session=',
      'Kalni',
      'action=',
    ]) {
      expect(text).not.toContain(secret);
    }
  } finally {
    await app.close();
    await t.app.close();
    await t.database.close();
  }
});

it('logs a failed query with its code and route, never its SQL, values or the request', async () => {
  const { t, app, lines, cookie } = await loggedApp();
  try {
    // A NUL byte the audit filter passes on to the database, which refuses it: the query fails on purpose.
    const failed = await app.inject({
      method: 'GET',
      url: '/api/audit?action=Berzina%00vardarbiba',
      headers: { cookie },
    });
    expect(failed.statusCode).toBeLessThan(500);
    expect(failed.body).not.toMatch(/select|audit_log|Berzina/i);
    await new Promise((resolve) => setImmediate(resolve));
    const text = lines.join('\n');
    expect(text).toContain('/api/audit');
    // The failure itself is on record, by its database error code.
    expect(text).toMatch(/"pgCode":"22/);
    for (const secret of ['Berzina', 'vardarbiba', 'select ', 'audit_log', 'params']) {
      expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  } finally {
    await app.close();
    await t.app.close();
    await t.database.close();
  }
});
