import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../helpers/app';
import { registerFamily } from '../helpers/registry';

/*
 * Issue 14, part 9: requests at the same moment answer as they would one after the other.
 */
describeOnDatabases('races', (t) => {
  let centre: string;
  let worker: TestUser;
  let camp: string;
  const familyIds: string[] = [];

  beforeAll(async () => {
    centre = await t().createCentre('Sacensību centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    const types = json<{ types: { id: string; code: string | null }[] }>(
      await worker.caller.get('/api/activity-types'),
    ).types;
    camp = types.find((x) => x.code === 'camp')!.id;
    for (const name of ['Ātrie', 'Steidzīgie']) {
      const family = await registerFamily(worker.caller, centre, [
        { relation: 'mother', person: { givenName: 'Māte', familyName: name, birthYear: 1985 } },
        { relation: 'child', person: { givenName: 'Bērns', familyName: name, birthYear: 2016 } },
      ]);
      familyIds.push(family.familyId);
    }
  }, 120_000);

  it('never over-books a camp when two families take its last places at once', async () => {
    const created = await worker.caller.post('/api/events', {
      centreId: centre,
      typeId: camp,
      startsOn: '2026-07-10',
      endsOn: '2026-07-12',
      durationMinutes: 360,
      location: 'Kalnmuiža',
      capacity: 3,
    });
    const eventId = json<{ id: string }>(created).id;
    const answers = await Promise.all(
      familyIds.map((familyId) => worker.caller.post(`/api/events/${eventId}/families`, { familyId })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    const [row] = await t().database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM activity_participants WHERE activity_id = $1',
      [eventId],
    );
    expect(row!.n).toBe(2);
  });

  it('answers the same family added twice at once like the second one after the first: 400, not 500', async () => {
    const created = await worker.caller.post('/api/events', {
      centreId: centre,
      typeId: camp,
      startsOn: '2026-08-10',
      endsOn: '2026-08-11',
      durationMinutes: 360,
      location: 'Kalnmuiža',
    });
    const eventId = json<{ id: string }>(created).id;
    const answers = await Promise.all(
      [0, 1].map(() => worker.caller.post(`/api/events/${eventId}/families`, { familyId: familyIds[0] })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
  });
});

describeOnDatabases('registration races', (t) => {
  it('warns about the same person registered six times at once without a personal code, as one after the other would', async () => {
    const centre = await t().createCentre('Dubultcentrs');
    const workers = [
      await t().user({ roles: [{ role: 'specialist', centreId: centre }] }),
      await t().user({ roles: [{ role: 'specialist', centreId: centre }] }),
    ];
    const answers = await Promise.all(
      [...workers, ...workers, ...workers].map((w) =>
        w.caller.post('/api/families', {
          case: { centreId: centre, referralDate: '2026-02-01', referralSource: 'social_service' },
          members: [
            {
              relation: 'mother',
              person: { givenName: 'Zane', familyName: 'Vienlaicīga', birthDate: '1988-04-12' },
            },
          ],
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const codes = answers.map((a) => json<{ error?: { code: string } }>(a).error?.code).filter(Boolean);
    expect(new Set(codes)).toEqual(new Set(['SIMILAR_PERSONS']));
    const [row] = await t().database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM persons WHERE family_name = 'Vienlaicīga'",
    );
    expect(row!.n).toBe(1);
  });
});

describeOnDatabases('sign-in races', (t) => {
  it('checks thirty wrong passwords sent at once against the account limit of five, as if one by one', async () => {
    const user = await t().user({ roles: [{ role: 'project_manager' }] });
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        t().anonymous.post('/api/auth/login', { email: user.email, password: 'not the password at all' }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(25);
    const [row] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sign_in' AND outcome = 'failure'
         AND details->>'email' = $1`,
      [user.email],
    );
    expect(row!.n).toBe(5);
  }, 120_000);
});
