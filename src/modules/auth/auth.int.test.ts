import { beforeEach, describe, expect, it } from 'vitest';
import { describeOnDatabases, json, testPassword } from '../../../test/helpers/app';

describeOnDatabases('sign-in and sessions', (t) => {
  // A day apart: no test sees another's sessions or sign-in failures.
  beforeEach(() => t().clock.advanceMinutes(24 * 60));

  it('signs in with a session cookie that scripts cannot read, and says who is signed in', async () => {
    const user = await t().user({ roles: [{ role: 'project_manager' }] });
    const response = await t().anonymous.post('/api/auth/login', {
      email: user.email.toUpperCase(),
      password: testPassword,
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'atbalsts_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const me = json<{ user: { email: string }; permissions: string[] }>(
      await user.caller.get('/api/auth/me'),
    );
    expect(me.user.email).toBe(user.email);
    expect(me.permissions).toContain('projects.manage');
    expect(me.permissions).not.toContain('cases.read');
  });

  it('answers a wrong password and an unknown email alike, and audits both', async () => {
    const user = await t().user({ roles: [] });
    const wrong = await t().anonymous.post('/api/auth/login', {
      email: user.email,
      password: 'not the password',
    });
    const unknown = await t().anonymous.post('/api/auth/login', {
      email: 'nobody@example.org',
      password: 'whatever12345',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(json(wrong)).toEqual(json(unknown));
    expect(json<{ error: { message: string } }>(wrong).error.message).toBe('Nepareizs e-pasts vai parole.');
    const rows = await t().database.query<{ reason: string }>(
      `SELECT reason FROM audit_log WHERE action = 'auth.sign_in' AND outcome = 'failure' AND details->>'email' IN ($1, $2) ORDER BY occurred_at`,
      [user.email, 'nobody@example.org'],
    );
    expect(rows.map((r) => r.reason).sort()).toEqual(['unknown_email', 'wrong_password']);
  });

  it('refuses the sixth wrong password in a row with 429, audits every attempt, and lifts after 15 minutes', async () => {
    const user = await t().user({ roles: [] });
    const attempts = [];
    for (let i = 0; i < 6; i++) {
      attempts.push(
        await t().anonymous.post('/api/auth/login', { email: user.email, password: `wrong password ${i}` }),
      );
      t().clock.advanceMinutes(1);
    }
    expect(attempts.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 429]);
    const throttled = json<{ error: { code: string; message: string } }>(attempts[5]!);
    expect(throttled.error.code).toBe('THROTTLED');
    // Attempt i comes at minute i: the first failure leaves the 15-minute window at minute 15.
    expect(throttled.error.message).toBe(
      'Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlreiz pēc 10 minūtēm.',
    );
    expect(attempts[5]!.headers['retry-after']).toBe('600');
    // Even the right password is refused while throttled.
    const right = await t().anonymous.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(right.statusCode).toBe(429);
    const audited = await t().database.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE action = 'auth.sign_in' AND details->>'email' = $1 ORDER BY occurred_at, id`,
      [user.email],
    );
    expect(audited.map((r) => r.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
      'throttled',
      'throttled',
    ]);
    t().clock.advanceMinutes(10);
    const later = await t().anonymous.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(later.statusCode).toBe(200);
  });

  it('throttles many failures from one address across accounts', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const responses = [];
    for (let i = 0; i < 21; i++) {
      responses.push(
        await t().anonymous.request(
          'POST',
          '/api/auth/login',
          { email: `guess${i}@example.org`, password: 'x' },
          headers,
        ),
      );
    }
    // Without a trusted proxy the address is the socket's, shared by all injected requests.
    expect(responses.slice(0, 20).every((r) => r.statusCode === 401)).toBe(true);
    expect(responses[20]!.statusCode).toBe(429);
  });

  it('ends a session after 30 idle minutes, but not while it is used', async () => {
    const user = await t().user({ roles: [] });
    for (let i = 0; i < 4; i++) {
      t().clock.advanceMinutes(25);
      expect((await user.caller.get('/api/auth/me')).statusCode).toBe(200);
    }
    t().clock.advanceMinutes(31);
    const expired = await user.caller.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(json<{ error: { code: string } }>(expired).error.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    const user = await t().user({ roles: [] });
    for (let minutes = 0; minutes < 12 * 60; minutes += 20) {
      t().clock.advanceMinutes(20);
      await user.caller.get('/api/auth/me');
    }
    t().clock.advanceMinutes(5);
    expect((await user.caller.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('signs out: the cookie no longer works', async () => {
    const user = await t().user({ roles: [] });
    expect((await user.caller.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await user.caller.get('/api/auth/me')).statusCode).toBe(401);
    const [row] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sign_out' AND actor_user_id = $1`,
      [user.id],
    );
    expect(row!.n).toBe(1);
  });

  it('changes the password after checking the current one and the policy; other sessions end', async () => {
    const user = await t().user({ roles: [] });
    const other = await t().signIn(user.email);
    const wrongCurrent = await user.caller.post('/api/auth/password', {
      currentPassword: 'nope',
      newPassword: 'a much better passphrase',
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(json<{ error: { fields: { field: string }[] } }>(wrongCurrent).error.fields![0]!.field).toBe(
      'currentPassword',
    );
    const short = await user.caller.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'short',
    });
    expect(json<{ error: { fields: { field: string; message: string }[] } }>(short).error.fields).toEqual([
      { field: 'newPassword', message: 'Parolei jābūt vismaz 12 rakstzīmēm.' },
    ]);
    const common = await user.caller.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'password1234',
    });
    expect(common.statusCode).toBe(400);
    expect(json<{ error: { fields: { message: string }[] } }>(common).error.fields[0]?.message).toMatch(
      /nopludinātu paroļu sarakstos/,
    );
    const ownName = await user.caller.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: `${user.email.split('@')[0]} in the morning`,
    });
    expect(json<{ error: { fields: { message: string }[] } }>(ownName).error.fields[0]?.message).toMatch(
      /Parolē ir jūsu vārds, uzvārds vai e-pasta adrese/,
    );
    const ok = await user.caller.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'a much better passphrase',
    });
    expect(ok.statusCode).toBe(200);
    expect((await user.caller.get('/api/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    await t().signIn(user.email, 'a much better passphrase');
  });

  it('saves the interface language per user and answers errors in it', async () => {
    const user = await t().user({ roles: [] });
    const saved = await user.caller.patch('/api/auth/me', { language: 'en' });
    expect(json<{ user: { language: string } }>(saved).user.language).toBe('en');
    const forbidden = await user.caller.get('/api/users');
    expect(json<{ error: { message: string } }>(forbidden).error.message).toBe(
      'You are not allowed to do this.',
    );
    const bad = await user.caller.patch('/api/auth/me', { language: 'de' });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { fields: { field: string; message: string }[] } }>(bad).error.fields).toEqual([
      { field: 'language', message: 'Choose one of the offered values.' },
    ]);
  });

  it('refuses changes sent from another site', async () => {
    const user = await t().user({ roles: [] });
    const evil = await user.caller.request(
      'PATCH',
      '/api/auth/me',
      { language: 'en' },
      { origin: 'https://evil.example' },
    );
    expect(evil.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(evil).error.code).toBe('CROSS_SITE_REQUEST');
    const crossSite = await user.caller.request(
      'POST',
      '/api/auth/logout',
      {},
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.statusCode).toBe(403);
    const same = await user.caller.request(
      'PATCH',
      '/api/auth/me',
      { language: 'en' },
      { origin: 'http://localhost:80' },
    );
    expect(same.statusCode).toBe(200);
  });

  describe('bad input', () => {
    it('names the missing fields of a sign-in', async () => {
      const response = await t().anonymous.post('/api/auth/login', { email: 'a@example.org' });
      expect(response.statusCode).toBe(400);
      expect(json<{ error: { fields: unknown[] } }>(response).error.fields).toEqual([
        { field: 'password', message: 'Obligāts lauks.' },
      ]);
    });
    it('rejects a body that is not JSON', async () => {
      const response = await t().anonymous.request('POST', '/api/auth/login', '{not json', {
        'content-type': 'application/json',
      });
      expect(response.statusCode).toBe(400);
      expect(json<{ error: { code: string } }>(response).error.code).toBe('BAD_REQUEST');
    });
  });

  it('counts a wrong current password as a failed sign-in: five, then even the right one waits', async () => {
    const user = await t().user({ roles: [{ role: 'project_manager' }] });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await user.caller.post('/api/auth/password', {
            currentPassword: `guess number ${i}`,
            newPassword: 'a long new passphrase 2026',
          })
        ).statusCode,
      );
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    const right = await user.caller.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'a long new passphrase 2026',
    });
    expect(right.statusCode).toBe(429);
    expect(json<{ error: { code: string } }>(right).error.code).toBe('THROTTLED');
    const signIn = await t().anonymous.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(signIn.statusCode).toBe(429);
  });

  it('lets a one-time password be used for three days; after that an administrator issues another', async () => {
    const admin = await t().user({ roles: [{ role: 'administrator' }] });
    const created = await admin.caller.post('/api/users', {
      email: 'vienreiz@example.org',
      givenName: 'Vija',
      familyName: 'Vienreizēja',
    });
    const { user, oneTimePassword } = json<{ user: { id: string }; oneTimePassword: string }>(created);
    t().clock.advanceMinutes(73 * 60);
    const late = await t().anonymous.post('/api/auth/login', {
      email: 'vienreiz@example.org',
      password: oneTimePassword,
    });
    expect(late.statusCode).toBe(401);
    expect(json<{ error: { code: string } }>(late).error.code).toBe('ONE_TIME_PASSWORD_EXPIRED');
    const again = await t().signIn(admin.email);
    const reset = json<{ oneTimePassword: string }>(await again.post(`/api/users/${user.id}/reset-password`));
    const inTime = await t().anonymous.post('/api/auth/login', {
      email: 'vienreiz@example.org',
      password: reset.oneTimePassword,
    });
    expect(inTime.statusCode).toBe(200);
  });

  it('ends the session a browser held when it signs in again', async () => {
    const user = await t().user({ roles: [{ role: 'project_manager' }] });
    expect((await user.caller.get('/api/auth/me')).statusCode).toBe(200);
    // The same browser (it still sends its cookie) signs in again: a new session, the old one ended.
    const again = await user.caller.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(again.statusCode).toBe(200);
    expect((await user.caller.get('/api/auth/me')).statusCode).toBe(401);
    const fresh = await t().signIn(user.email);
    expect((await fresh.get('/api/auth/me')).statusCode).toBe(200);
    const [row] = await t().database.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE u.email = $1 AND s.ended_at IS NULL`,
      [user.email],
    );
    // The first session ended; the one opened over it and the fresh one stay open.
    expect(row!.open).toBe(2);
  });
});
