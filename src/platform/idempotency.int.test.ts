import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../test/helpers/app';

const family = (familyName: string, centreId: string) => ({
  members: [
    { relation: 'mother', person: { givenName: 'Ilze', familyName, birthYear: 1990, sex: 'female' } },
  ],
  case: { centreId, referralDate: '2026-02-01', referralSource: 'social_service' },
  confirmSimilar: true,
});

describeOnDatabases('creates with an Idempotency-Key', (t) => {
  let centre: string;
  let worker: TestUser;
  let colleague: TestUser;
  const familiesNamed = async (name: string) =>
    Number(
      (
        await t().database.query<{ n: string }>(`SELECT count(*) AS n FROM persons WHERE family_name = $1`, [
          name,
        ])
      )[0]!.n,
    );
  const register = (user: TestUser, key: string, body: unknown) =>
    user.caller.request('POST', '/api/families', body, { 'idempotency-key': key });

  beforeAll(async () => {
    centre = await t().createCentre('Atslēgu centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    colleague = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
  });

  it('does a create once when its key comes twice, and answers the repeat with the first result', async () => {
    const first = await register(worker, 'k-1', family('Dubulte', centre));
    const again = await register(worker, 'k-1', family('Dubulte', centre));
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(json(again)).toEqual(json(first));
    expect(await familiesNamed('Dubulte')).toBe(1);
  });

  it('does it once when both come at the same moment (a double click)', async () => {
    const [a, b] = await Promise.all([
      register(worker, 'k-2', family('Vienlaiku', centre)),
      register(worker, 'k-2', family('Vienlaiku', centre)),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(json(a)).toEqual(json(b));
    expect(await familiesNamed('Vienlaiku')).toBe(1);
  });

  it('refuses the same key with another request, keeps keys per user, and frees a key whose create failed', async () => {
    await register(worker, 'k-3', family('Pirmā', centre));
    const other = await register(worker, 'k-3', family('Otrā', centre));
    expect(other.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(other).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await familiesNamed('Otrā')).toBe(0);
    // Another user's key of the same text is hers alone.
    expect((await register(colleague, 'k-3', family('Otrā', centre))).statusCode).toBe(201);
    // A refused create (no centre of this organisation) leaves the key free for the corrected one.
    const refused = await register(worker, 'k-4', family('Labotā', '00000000-0000-7000-8000-000000000000'));
    expect(refused.statusCode).toBe(400);
    expect((await register(worker, 'k-4', family('Labotā', centre))).statusCode).toBe(201);
    expect(await familiesNamed('Labotā')).toBe(1);
    const bad = await register(worker, 'ar atstarpi', family('Slikta', centre));
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { code: string } }>(bad).error.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });
});
