import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser, testPassword } from '../../../test/helpers/app';
import type { MeResponse, MfaSetup } from '../../shared/contracts/auth';
import { stepAt, totpAt } from './totp';

/*
 * Issue 16, part 5: two-step sign-in with an authenticator app, recovery codes, an administrator's reset
 * and the organisation's requirement.
 */
describeOnDatabases('two-step sign-in', (t) => {
  let user: TestUser;
  let admin: TestUser;
  let secret: string;
  let recovery: string[];

  const signIn = (code?: string) =>
    t().anonymous.post('/api/auth/login', {
      email: user.email,
      password: testPassword,
      ...(code ? { code } : {}),
    });
  const codeNow = () => totpAt(secret, stepAt(t().clock.now()));

  beforeAll(async () => {
    const centre = await t().createCentre('Divpakāpju centrs');
    user = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    admin = await t().user({ roles: [{ role: 'administrator' }] });
  }, 120_000);

  it('is set up with a QR code and a first code, and answers ten recovery codes once', async () => {
    const setup = json<MfaSetup>(await user.caller.post('/api/auth/mfa/setup', {}));
    expect(setup.qrSvg).toMatch(/^<svg/);
    expect(setup.uri).toContain(`secret=${setup.secret}`);
    secret = setup.secret;
    const wrong = await user.caller.post('/api/auth/mfa/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await user.caller.post('/api/auth/mfa/confirm', { code: codeNow() });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    recovery = json<{ recoveryCodes: string[] }>(confirmed).recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    expect(json<MeResponse>(await user.caller.get('/api/auth/me')).mfaEnabled).toBe(true);
  });

  it('asks for a code after the password, takes each code once, and a recovery code once', async () => {
    const withoutCode = await signIn();
    expect(withoutCode.statusCode).toBe(401);
    expect(json<{ error: { code: string } }>(withoutCode).error.code).toBe('MFA_REQUIRED');
    expect(withoutCode.cookies.find((c) => c.name === 'atbalsts_session')).toBeUndefined();
    // The code that confirmed the set-up was used: the same step is refused.
    const replayed = await signIn(codeNow());
    expect(json<{ error: { code: string } }>(replayed).error.code).toBe('MFA_INVALID_CODE');
    t().clock.advanceMinutes(1);
    expect((await signIn(codeNow())).statusCode).toBe(200);
    expect((await signIn(codeNow())).statusCode).toBe(401);
    expect((await signIn(recovery[0]!.toUpperCase())).statusCode).toBe(200);
    expect((await signIn(recovery[0])).statusCode).toBe(401);
    const [used] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.mfa_recovery_code' AND entity_id = $1`,
      [user.id],
    );
    expect(used!.n).toBe(1);
  });

  it('throttles wrong codes like wrong passwords', async () => {
    t().clock.advanceMinutes(30);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await signIn('123456')).statusCode);
    expect(answers.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(answers[5]).toBe(429);
    t().clock.advanceMinutes(16);
  });

  it('is reset by an administrator (audited), after which the password alone signs in', async () => {
    admin.caller = await t().signIn(admin.email);
    expect((await user.caller.post(`/api/users/${user.id}/mfa/reset`, {})).statusCode).toBe(401);
    const reset = await admin.caller.post(`/api/users/${user.id}/mfa/reset`, {});
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await signIn()).statusCode).toBe(200);
    const [row] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.reset_mfa' AND entity_id = $1`,
      [user.id],
    );
    expect(row!.n).toBe(1);
  });

  it('when the organisation requires it, lets those who read cases do nothing else until they set it up', async () => {
    const manager = await t().user({ roles: [{ role: 'project_manager' }] });
    expect((await admin.caller.put('/api/organisation/mfa-policy', { required: true })).statusCode).toBe(200);
    user.caller = await t().signIn(user.email);
    const blocked = await user.caller.get('/api/cases');
    expect(blocked.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(blocked).error.code).toBe('MFA_SETUP_REQUIRED');
    expect(json<MeResponse>(await user.caller.get('/api/auth/me')).mfaSetupRequired).toBe(true);
    // Administrators too; a project manager, who reads no case content, is not asked.
    expect((await admin.caller.get('/api/users')).statusCode).toBe(403);
    expect((await manager.caller.get('/api/projects')).statusCode).toBe(200);

    secret = json<MfaSetup>(await user.caller.post('/api/auth/mfa/setup', {})).secret;
    t().clock.advanceMinutes(1);
    expect((await user.caller.post('/api/auth/mfa/confirm', { code: codeNow() })).statusCode).toBe(200);
    expect((await user.caller.get('/api/cases')).statusCode).toBe(200);
  });
});
