import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { activityTypeIds, personalCode, registerFamily } from '../../../test/helpers/registry';
import type { CaseloadPage, FamilyPage, QuickSearchResult } from '../../shared/contracts/registry';

describeOnDatabases('the header’s search and case numbers', (t) => {
  let worker: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let kalnini: { familyId: string; caseId: string };
  let ozoli: { familyId: string; caseId: string };
  /** Two families registered at the same moment. */
  let both: { familyId: string; caseId: string }[];
  const find = async (who: TestUser, q: string) =>
    json<QuickSearchResult>(await who.caller.get(`/api/quick-search?q=${encodeURIComponent(q)}`));

  beforeAll(async () => {
    const bauska = await t().createCentre('Bauska');
    const valmiera = await t().createCentre('Valmiera');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    colleague = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    outsider = await t().user({ roles: [{ role: 'specialist', centreId: valmiera }] });
    kalnini = await registerFamily(worker.caller, bauska, [
      {
        relation: 'mother',
        person: {
          givenName: 'Anna',
          familyName: 'Kalniņa',
          birthDate: '1990-04-12',
          personalCode: personalCode('1990-04-12', 11),
        },
      },
      { relation: 'child', person: { givenName: 'Līga', familyName: 'Kalniņa', birthDate: '2015-06-30' } },
      { relation: 'child', person: { givenName: 'Ance', familyName: 'Kalniņa', birthYear: 2025 } },
    ]);
    ozoli = await registerFamily(worker.caller, bauska, [
      { relation: 'father', person: { givenName: 'Jānis', familyName: 'Ozols', birthDate: '1985-01-01' } },
    ]);
    both = await Promise.all(
      ['Bērziņš', 'Liepa'].map((familyName) =>
        registerFamily(worker.caller, bauska, [
          { relation: 'father', person: { givenName: 'Pēteris', familyName, birthDate: '1980-02-02' } },
        ]),
      ),
    );
  }, 120_000);

  it('numbers cases by the year opened, one number each even when registered at the same moment', async () => {
    const number = async (caseId: string) =>
      json<FamilyPage>(await worker.caller.get(`/api/cases/${caseId}`)).case.number;
    expect([await number(kalnini.caseId), await number(ozoli.caseId)]).toEqual(['2026-0001', '2026-0002']);
    expect((await Promise.all(both.map((c) => number(c.caseId)))).sort()).toEqual(['2026-0003', '2026-0004']);
  });

  it('finds a family by a member’s name, its case number or a personal code, telling families apart', async () => {
    const byName = await find(worker, 'kalnina');
    expect(byName.results).toEqual([
      {
        caseId: kalnini.caseId,
        number: '2026-0001',
        familyName: 'Kalniņu ģimene',
        centreName: 'Bauska',
        status: 'referred',
        keyWorkerName: expect.stringMatching(/^Lietotājs\d+ Testa$/),
        adults: 1,
        childAges: [10, 0],
        lastContact: null,
      },
    ]);
    expect((await find(worker, '2026-0002')).results.map((r) => r.familyName)).toEqual(['Ozolu ģimene']);
    // Open cases first, then by the family's name in Latvian order.
    expect((await find(worker, '2026-000')).results.map((r) => r.familyName)).toEqual([
      'Bērziņu ģimene',
      'Kalniņu ģimene',
      'Liepu ģimene',
      'Ozolu ģimene',
    ]);
    const code = personalCode('1990-04-12', 11).replace('-', '');
    expect((await find(worker, code)).results.map((r) => r.caseId)).toEqual([kalnini.caseId]);
    expect((await find(worker, 'nav tādu')).results).toEqual([]);
  });

  it('shows the last contact once the family attended a held activity, and the next follow-up', async () => {
    const types = await activityTypeIds(worker.caller);
    const logged = await worker.caller.post(`/api/cases/${kalnini.caseId}/activities`, {
      typeId: types.home_visit,
      occursOn: '2026-02-27',
      durationMinutes: 60,
      place: 'home',
      followUpOn: '2026-03-10',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect((await find(worker, 'kalnina')).results[0]!.lastContact).toBe('2026-02-27');
    // The caseload tells the families apart the same way.
    const caseload = json<CaseloadPage>(await worker.caller.get('/api/cases?scope=mine&name=kalnina'));
    expect(caseload.cases.map((c) => [c.number, c.adults, c.childAges, c.lastContact])).toEqual([
      ['2026-0001', 1, [10, 0], '2026-02-27'],
    ]);
    // The family page too, with the follow-up still open.
    const page = json<FamilyPage>(await worker.caller.get(`/api/cases/${kalnini.caseId}`));
    expect([page.lastContact, page.nextFollowUp]).toEqual(['2026-02-27', '2026-03-10']);
  });

  it('lists only families whose case the caller may open', async () => {
    // A colleague at the centre, not on the team, and a specialist of another centre find nothing here.
    expect((await find(colleague, 'kalnina')).results).toEqual([]);
    expect((await find(outsider, 'kalnina')).results).toEqual([]);
    expect((await find(outsider, '2026-0001')).results).toEqual([]);
  });

  it('offers the cases opened lately when nothing is typed, and audits the families shown', async () => {
    await worker.caller.get(`/api/cases/${ozoli.caseId}`);
    await worker.caller.get(`/api/cases/${kalnini.caseId}`);
    const recent = await find(worker, '');
    expect(recent.results).toEqual([]);
    expect(recent.recent.slice(0, 2).map((r) => r.caseId)).toEqual([kalnini.caseId, ozoli.caseId]);
    expect((await find(colleague, '')).recent).toEqual([]);
    const [entry] = await t().database.query<{ details: { shown: string[] } }>(
      `SELECT details FROM audit_log WHERE action = 'family.quick_search' AND actor_user_id = $1
       ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [worker.id],
    );
    expect(entry!.details.shown.slice(0, 2)).toEqual([kalnini.caseId, ozoli.caseId]);
  });

  it('follows renames and members leaving, whoever writes them', async () => {
    const db = t().database;
    await db.query(
      `UPDATE persons SET given_name = 'Laima', search_name = 'laima kalnina' WHERE given_name = 'Līga'`,
    );
    expect((await find(worker, 'laima')).results.map((r) => r.caseId)).toEqual([kalnini.caseId]);
    expect((await find(worker, 'liga')).results).toEqual([]);
    await db.query(
      `UPDATE family_members SET left_on = '2026-03-01'
       WHERE person_id = (SELECT id FROM persons WHERE given_name = 'Anna' AND family_name = 'Kalniņa')`,
    );
    expect((await find(worker, 'anna')).results).toEqual([]);
    expect((await find(worker, 'ance kalnina')).results.map((r) => r.caseId)).toEqual([kalnini.caseId]);
  });

  it('refuses a search longer than 100 characters, saying so', async () => {
    const response = await worker.caller.get(`/api/quick-search?q=${'a'.repeat(101)}`);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('100');
  });
});
