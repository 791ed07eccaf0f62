import { expect, it } from 'vitest';
import { describeOnDatabases, json } from '../../../test/helpers/app';

/* Issue 17, item 9: the first administrator is created in the browser with the link the server printed. */
describeOnDatabases('the first administrator, in the browser', (t) => {
  it('is created once, with the token of the setup link and an acceptable password', async () => {
    const anyone = t().anonymous;
    expect(json(await anyone.get('/api/setup'))).toEqual({ needed: true });
    const body = {
      email: 'Pirma@Example.org',
      givenName: 'Ilze',
      familyName: 'Pirmā',
      password: 'rudens lapas krīt uz ceļa',
    };

    const wrong = await anyone.post('/api/setup', { ...body, token: 'a'.repeat(64) });
    expect(wrong.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(wrong).error.code).toBe('SETUP_TOKEN_INVALID');
    const token = t().app.deps.setupToken!;
    const weak = await anyone.post('/api/setup', { ...body, token, password: 'parole123456' });
    expect(weak.statusCode).toBe(400);
    expect(json(await anyone.get('/api/setup'))).toEqual({ needed: true });

    // Two at once (a double click): one administrator.
    const [first, second] = await Promise.all([
      anyone.post('/api/setup', { ...body, token }),
      anyone.post('/api/setup', { ...body, email: 'otra@example.org', token }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    expect(json(await anyone.get('/api/setup'))).toEqual({ needed: false });
    const admins = await t().database.query<{ email: string; role: string; must: boolean }>(
      `SELECT u.email, g.role, u.must_change_password AS must FROM users u JOIN role_grants g ON g.user_id = u.id`,
    );
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ role: 'administrator', must: false });
    const [audited] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'setup.first_administrator'`,
    );
    expect(audited!.n).toBe(1);
    const signedIn = await anyone.post('/api/auth/login', {
      email: admins[0]!.email,
      password: body.password,
    });
    expect(signedIn.statusCode).toBe(200);
    expect((await anyone.post('/api/setup', { ...body, email: 'tresa@example.org', token })).statusCode).toBe(
      409,
    );
  });
});
