import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';

interface UserBody {
  id: string;
  email: string;
  disabled: boolean;
  mustChangePassword: boolean;
  roles: { id: string; role: string; centreId: string | null; centreName: string | null }[];
}
type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

describeOnDatabases('users and roles', (t) => {
  let admin: TestUser;
  let bauska: string;
  beforeAll(async () => {
    admin = await t().user({ roles: [{ role: 'administrator' }] });
    bauska = await t().createCentre('Bauska');
  });

  async function newUser(email: string, extra: Record<string, unknown> = {}) {
    const response = await admin.caller.post('/api/users', {
      email,
      givenName: 'Anna',
      familyName: 'Kalniņa',
      ...extra,
    });
    expect(response.statusCode).toBe(201);
    return json<{ user: UserBody; oneTimePassword: string }>(response);
  }

  it('creates a user with a one-time password that must be replaced before any work', async () => {
    const { user, oneTimePassword } = await newUser('Anna.Kalnina@Example.org', {
      specialty: 'psychologist',
    });
    expect(user.email).toBe('anna.kalnina@example.org');
    expect(user.mustChangePassword).toBe(true);
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const first = await t().signIn(user.email, oneTimePassword);
    const blocked = await first.get('/api/centres');
    expect(blocked.statusCode).toBe(403);
    expect(json<ErrorBody>(blocked).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await first.post('/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: 'Mana jaunā drošā parole',
    });
    expect(changed.statusCode).toBe(200);
    expect((await first.get('/api/centres')).statusCode).toBe(200);
    const audit = await t().database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at, id`,
      [user.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'auth.sign_in', 'auth.change_password']);
    // The one-time password is stored nowhere in clear.
    const [row] = await t().database.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a duplicate email and names the field', async () => {
    await newUser('dup@example.org');
    const again = await admin.caller.post('/api/users', {
      email: 'DUP@example.org',
      givenName: 'A',
      familyName: 'B',
    });
    expect(again.statusCode).toBe(409);
    expect(json<ErrorBody>(again).error.fields).toEqual([
      { field: 'email', message: 'Lietotājs ar šādu e-pastu jau ir.' },
    ]);
  });

  it('explains each invalid field and writes nothing', async () => {
    const response = await admin.caller.post('/api/users', {
      email: 'not-an-email',
      givenName: '',
      specialty: 'wizard',
    });
    expect(response.statusCode).toBe(400);
    expect(json<ErrorBody>(response).error.fields).toEqual([
      { field: 'email', message: 'Ievadiet derīgu e-pasta adresi.' },
      { field: 'givenName', message: 'Obligāts lauks.' },
      { field: 'familyName', message: 'Obligāts lauks.' },
      { field: 'specialty', message: 'Izvēlieties vienu no piedāvātajām vērtībām.' },
    ]);
    const [row] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE email = 'not-an-email'`,
    );
    expect(row!.n).toBe(0);
  });

  it('grants roles by the rules: centre roles need a centre, specialists a specialty', async () => {
    const { user } = await newUser('roles@example.org');
    const url = `/api/users/${user.id}/roles`;
    const noSpecialty = await admin.caller.post(url, { role: 'specialist', centreId: bauska });
    expect(json<ErrorBody>(noSpecialty).error.fields).toEqual([
      { field: 'role', message: 'Speciālistam norādiet specialitāti.' },
    ]);
    await admin.caller.patch(`/api/users/${user.id}`, { specialty: 'social_worker' });
    const noCentre = await admin.caller.post(url, { role: 'specialist' });
    expect(json<ErrorBody>(noCentre).error.fields?.[0]?.field).toBe('centreId');
    const unknownCentre = await admin.caller.post(url, {
      role: 'specialist',
      centreId: '00000000-0000-7000-8000-000000000000',
    });
    expect(json<ErrorBody>(unknownCentre).error.fields).toEqual([
      { field: 'centreId', message: 'Šāda centra nav.' },
    ]);
    const adminAtCentre = await admin.caller.post(url, { role: 'administrator', centreId: bauska });
    expect(adminAtCentre.statusCode).toBe(400);

    const granted = await admin.caller.post(url, { role: 'specialist', centreId: bauska });
    expect(granted.statusCode).toBe(200);
    expect(json<UserBody>(granted).roles).toEqual([
      { id: expect.any(String), role: 'specialist', centreId: bauska, centreName: 'Bauska' },
    ]);
    const twice = await admin.caller.post(url, { role: 'specialist', centreId: bauska });
    expect(json<ErrorBody>(twice).error.fields).toEqual([
      { field: 'role', message: 'Šī loma šajā centrā jau ir piešķirta.' },
    ]);
    const removeSpecialty = await admin.caller.patch(`/api/users/${user.id}`, { specialty: null });
    expect(removeSpecialty.statusCode).toBe(400);

    const grantId = json<UserBody>(granted).roles[0]!.id;
    expect((await admin.caller.delete(`/api/users/${user.id}/roles/${grantId}`)).statusCode).toBe(200);
    expect((await admin.caller.delete(`/api/users/${user.id}/roles/${grantId}`)).statusCode).toBe(404);
    const actions = await t().database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'user.%_role' ORDER BY occurred_at, id`,
      [user.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['user.grant_role', 'user.revoke_role']);
  });

  it('disables a user: their sessions end and they cannot sign in until enabled', async () => {
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    const disabled = await admin.caller.patch(`/api/users/${worker.id}`, { disabled: true });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(json<UserBody>(disabled).disabled).toBe(true);
    expect((await worker.caller.get('/api/auth/me')).statusCode).toBe(401);
    await expect(t().signIn(worker.email)).rejects.toThrow(/INVALID_CREDENTIALS/);
    await admin.caller.patch(`/api/users/${worker.id}`, { disabled: false });
    await t().signIn(worker.email);
  });

  it('protects the administrator from locking everyone out', async () => {
    const self = await admin.caller.patch(`/api/users/${admin.id}`, { disabled: true });
    expect(json<ErrorBody>(self).error.code).toBe('CANNOT_DISABLE_SELF');
  });

  it('resets a password to a new one-time password and ends the old sessions', async () => {
    const worker = await t().user({ roles: [] });
    const reset = await admin.caller.post(`/api/users/${worker.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const { oneTimePassword } = json<{ oneTimePassword: string }>(reset);
    expect((await worker.caller.get('/api/auth/me')).statusCode).toBe(401);
    const again = await t().signIn(worker.email, oneTimePassword);
    expect(
      json<{ user: { mustChangePassword: boolean } }>(await again.get('/api/auth/me')).user
        .mustChangePassword,
    ).toBe(true);
  });

  it('lists and shows users only to those who manage users; unknown ids are 404', async () => {
    const list = json<{ users: UserBody[] }>(await admin.caller.get('/api/users'));
    expect(list.users.some((u) => u.id === admin.id)).toBe(true);
    expect(JSON.stringify(list)).not.toContain('argon2');
    const manager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    expect((await manager.caller.get('/api/users')).statusCode).toBe(403);
    expect((await manager.caller.get(`/api/users/${admin.id}`)).statusCode).toBe(403);
    expect((await admin.caller.get('/api/users/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin.caller.get('/api/users/not-a-uuid')).statusCode).toBe(404);
    expect((await admin.caller.patch(`/api/users/${admin.id}`, { email: 'bad' })).statusCode).toBe(400);
    expect((await admin.caller.post(`/api/users/${admin.id}/roles`, { role: 'king' })).statusCode).toBe(400);
  });
});
