import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { activityTypeIds, registerFamily } from '../../../test/helpers/registry';

/*
 * Issue 16, part 2: erasure anonymises a person, refused while a legal hold applies; a published snapshot's
 * figures stay the same, and she no longer appears in search or exports.
 */
describeOnDatabases('erasing a person', (t) => {
  let worker: TestUser;
  let dpo: TestUser;
  let pm: TestUser;
  let personId: string;
  let caseId: string;
  let snapshotId: string;

  const refusal = async (answer: Promise<{ statusCode: number; body: string }>) => {
    const response = await answer;
    return {
      status: response.statusCode,
      ...json<{ error: { code: string; message: string } }>(response as never).error,
    };
  };
  const erase = () =>
    dpo.caller.post(`/api/subject-access/persons/${personId}/erase`, { reason: 'Pieprasījums Nr. 7/2026' });

  beforeAll(async () => {
    const centre = await t().createCentre('Aizmiršanas centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    dpo = await t().user({ roles: [{ role: 'data_protection_officer' }] });
    pm = await t().user({ roles: [{ role: 'project_manager' }] });
    const project = json<{ id: string }>(
      await pm.caller.post('/api/projects', {
        code: 'DZES-1',
        titleLv: 'Dzēšanas projekts',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        centreIds: [centre],
      }),
    ).id;
    const family = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Ilga', familyName: 'Dzēšamā', birthDate: '1983-07-09' } },
    ]);
    caseId = family.caseId;
    personId = json<{ members: { person: { id: string } }[] }>(
      await worker.caller.get(`/api/cases/${caseId}`),
    ).members[0]!.person.id;
    const logged = await worker.caller.post(`/api/cases/${caseId}/activities`, {
      typeId: (await activityTypeIds(worker.caller)).consultation,
      occursOn: '2026-02-20',
      durationMinutes: 60,
      place: 'centre',
      projectIds: [project],
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const snapshot = await pm.caller.post(`/api/projects/${project}/reports/project-results/snapshots`, {});
    expect(snapshot.statusCode, snapshot.body).toBe(201);
    snapshotId = json<{ id: string }>(snapshot).id;
  }, 120_000);

  it('is refused while her case is open, and while its files must be kept, saying why', async () => {
    const open = await refusal(erase());
    expect(open).toMatchObject({ status: 409, code: 'ERASURE_HELD_OPEN_CASE' });
    expect(open.message).toContain('Aizmiršanas centrs');
    const closed = await worker.caller.post(`/api/cases/${caseId}/status`, {
      status: 'closed',
      closureReason: 'goals_reached',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const held = await refusal(erase());
    expect(held).toMatchObject({ status: 409, code: 'ERASURE_HELD_RETENTION' });
    expect(held.message).toMatch(/līdz \d\d\.\d\d\.2031/);
  });

  it('anonymises her for good once the hold is over: figures unchanged, gone from search and exports', async () => {
    t().clock.advanceMinutes(5 * 366 * 24 * 60);
    for (const u of [worker, dpo, pm]) u.caller = await t().signIn(u.email);
    const erased = await erase();
    expect(erased.statusCode, erased.body).toBe(200);

    const [row] = await t().database.query<Record<string, unknown>>(
      'SELECT given_name, family_name, birth_date, birth_year, erasure_reason FROM persons WHERE id = $1',
      [personId],
    );
    expect(row).toEqual({
      given_name: '—',
      family_name: '—',
      birth_date: null,
      birth_year: 1983,
      erasure_reason: 'Pieprasījums Nr. 7/2026',
    });
    const comparison = json<{ changes: unknown[] }>(
      await pm.caller.get(`/api/report-snapshots/${snapshotId}`),
    );
    expect(comparison.changes).toEqual([]);
    expect(
      json<{ persons: unknown[] }>(await dpo.caller.get('/api/subject-access/persons?q=dzesama')).persons,
    ).toEqual([]);
    const exported = await dpo.caller.get(`/api/subject-access/persons/${personId}/export`);
    expect(exported.statusCode).toBe(200);
    const everything = await t().database.query<{ text: string }>(
      `SELECT string_agg(x::text, ' ') AS text FROM (
         SELECT p::text AS x FROM persons p WHERE p.id = $1
         UNION ALL SELECT f::text FROM families f JOIN family_members m ON m.family_id = f.id WHERE m.person_id = $1
         UNION ALL SELECT c::text FROM field_changes c WHERE c.entity_id = $1) rows`,
      [personId],
    );
    expect(everything[0]!.text).not.toMatch(/Ilga|Dzēšam|1983-07-09/);
    expect((await refusal(erase())).code).toBe('ALREADY_ERASED');
    const [audited] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'subject_access.erase' AND entity_id = $1`,
      [personId],
    );
    expect(audited!.n).toBe(1);
  });
});
