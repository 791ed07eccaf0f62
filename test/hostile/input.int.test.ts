import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestApp, type TestUser } from '../helpers/app';
import { registerFamily } from '../helpers/registry';

type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

/** Row counts of every table but the audit log and sessions: a refused request must change none. */
async function counts(t: TestApp): Promise<string> {
  const tables = await t.database.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'
       AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_log', 'sessions', 'sign_in_failures')
     ORDER BY 1`,
  );
  const rows = await t.database.query<{ t: string; n: string }>(
    tables.map((r) => `SELECT '${r.name}' AS t, count(*) AS n FROM "${r.name}"`).join(' UNION ALL '),
  );
  return rows.map((r) => `${r.t}:${r.n}`).join(';');
}

/*
 * Issue 14, parts 1 and 2: input the database would refuse, or that would make the server work for ever, is
 * refused first with a 400 naming the field, and changes nothing.
 */
describeOnDatabases('hostile input', (t) => {
  let centre: string;
  let worker: TestUser;
  let manager: TestUser;
  let caseId: string;
  let camp: string;

  beforeAll(async () => {
    centre = await t().createCentre('Robežu centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    ({ caseId } = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Rūta', familyName: 'Robeža', birthYear: 1988 } },
    ]));
    const types = json<{ types: { id: string; code: string | null }[] }>(
      await worker.caller.get('/api/activity-types'),
    ).types;
    camp = types.find((x) => x.code === 'camp')!.id;
  }, 120_000);

  const refused = async (response: Awaited<ReturnType<TestUser['caller']['get']>>, field: string) => {
    expect(response.statusCode, response.body).toBe(400);
    expect(json<ErrorBody>(response).error.fields?.map((f) => f.field)).toContain(field);
    expect(response.body).not.toMatch(/select|insert|postgres|\.ts:|at /i);
  };

  it('refuses an event that ends in year 9999 or starts in year 1 at once, naming the date', async () => {
    const before = await counts(t());
    const event = { centreId: centre, typeId: camp, durationMinutes: 60, location: 'Kalnmuiža' };
    const started = Date.now();
    await refused(
      await worker.caller.post('/api/events', { ...event, startsOn: '2026-07-10', endsOn: '9999-12-31' }),
      'endsOn',
    );
    await refused(
      await worker.caller.post('/api/events', { ...event, startsOn: '0001-01-01', endsOn: '2026-07-12' }),
      'startsOn',
    );
    await refused(
      await worker.caller.post('/api/events', { ...event, startsOn: '2026-01-01', endsOn: '2026-12-31' }),
      'endsOn',
    );
    // Not a timing test: a generous bound that an endless loop over millions of days could never meet.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await counts(t())).toBe(before);
  });

  it('refuses NUL bytes, lone surrogates and year 0 in any text or date, naming the field', async () => {
    const before = await counts(t());
    await refused(
      await worker.caller.post('/api/families', {
        members: [
          { relation: 'mother', person: { givenName: 'Ilze\u0000', familyName: 'Nulle', birthYear: 1990 } },
        ],
        case: { centreId: centre, referralDate: '2026-02-01', referralSource: 'school' },
      }),
      'members.0.person.givenName',
    );
    const types = json<{ types: { id: string; code: string | null }[] }>(
      await worker.caller.get('/api/activity-types'),
    ).types;
    const activity = {
      typeId: types.find((x) => x.code === 'consultation')!.id,
      occursOn: '2026-02-10',
      durationMinutes: 30,
      place: 'centre',
    };
    await refused(
      await worker.caller.post(`/api/cases/${caseId}/activities`, {
        ...activity,
        notes: 'Saruna \ud800 bez pāra',
      }),
      'notes',
    );
    await refused(
      await worker.caller.post(`/api/cases/${caseId}/activities`, { ...activity, occursOn: '0000-01-01' }),
      'occursOn',
    );
    await refused(
      await worker.caller.post(`/api/cases/${caseId}/activities`, { ...activity, occursOn: '1999-12-31' }),
      'occursOn',
    );
    expect(await counts(t())).toBe(before);
  });

  it('answers an unknown programme on a new group with 400 naming it, not 500', async () => {
    const before = await counts(t());
    const response = await manager.caller.post('/api/groups', {
      name: 'Grupa ar nezināmu programmu',
      centreId: centre,
      programmeId: '00000000-0000-4000-8000-000000000000',
      facilitatorIds: [worker.id],
    });
    await refused(response, 'programmeId');
    expect(await counts(t())).toBe(before);
  });
});
