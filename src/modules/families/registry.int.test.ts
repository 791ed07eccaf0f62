import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { personalCode as code } from '../../../test/helpers/registry';
import type {
  CaseloadPage,
  FamilyPage,
  HistoryResponse,
  SearchResult,
} from '../../shared/contracts/registry';

type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

function kalninsFamily(centreId: string, extra: Record<string, unknown> = {}) {
  return {
    members: [
      {
        relation: 'mother',
        person: {
          givenName: 'Anna',
          familyName: 'Kalniņa',
          birthDate: '1990-04-12',
          sex: 'female',
          personalCode: code('1990-04-12', 11),
        },
      },
      {
        relation: 'father',
        person: { givenName: 'Jānis', familyName: 'Kalniņš', birthDate: '1988-09-01', sex: 'male' },
      },
      {
        relation: 'child',
        person: { givenName: 'Līga', familyName: 'Kalniņa', birthDate: '2015-06-30', sex: 'female' },
      },
      {
        relation: 'child',
        person: { givenName: 'Pēteris', familyName: 'Kalniņš', birthDate: '2018-01-15', sex: 'male' },
      },
      {
        relation: 'child',
        person: { givenName: 'Ance', familyName: 'Kalniņa', birthYear: 2025, sex: 'female' },
      },
    ],
    case: {
      centreId,
      referralDate: '2026-02-20',
      referralSource: 'maternity_hospital',
      referralInstitution: 'Rīgas Dzemdību nams',
      referralReasons: ['new_mother_in_difficulty'],
    },
    ...extra,
  };
}

describeOnDatabases('families, people and cases', (t) => {
  let bauska: string;
  let valmiera: string;
  let specialist: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let valmieraSpecialist: TestUser;
  let caseId: string;

  beforeAll(async () => {
    bauska = await t().createCentre('Bauska');
    valmiera = await t().createCentre('Valmiera');
    specialist = await t().user({
      roles: [{ role: 'specialist', centreId: bauska }],
      specialty: 'social_worker',
    });
    colleague = await t().user({
      roles: [{ role: 'specialist', centreId: bauska }],
      specialty: 'psychologist',
    });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    valmieraSpecialist = await t().user({ roles: [{ role: 'specialist', centreId: valmiera }] });
    const registered = await specialist.caller.post('/api/families', kalninsFamily(bauska));
    expect(registered.statusCode, registered.body).toBe(201);
    caseId = json<{ caseId: string }>(registered).caseId;
  });

  it('registers a family with its members and a referred case; the family page shows it and the read is audited', async () => {
    const page = json<FamilyPage>(await specialist.caller.get(`/api/cases/${caseId}`));
    expect(page.family.name).toBe('Kalniņu ģimene');
    expect(page.case).toMatchObject({
      status: 'referred',
      centreName: 'Bauska',
      keyWorkerId: specialist.id,
      referralSource: 'maternity_hospital',
      referralReasons: ['new_mother_in_difficulty'],
    });
    // Today is 02.03.2026 in the test clock.
    expect(page.members.map((m) => [m.person.givenName, m.relation, m.age])).toEqual(
      expect.arrayContaining([
        ['Anna', 'mother', 35],
        ['Līga', 'child', 10],
        ['Pēteris', 'child', 8],
        ['Ance', 'child', 0],
      ]),
    );
    expect(page.members.find((m) => m.person.givenName === 'Anna')?.person.personalCode).toBe(
      code('1990-04-12', 11),
    );
    const reads = await t().database.query<{ actor_user_id: string }>(
      `SELECT actor_user_id FROM audit_log WHERE action = 'case.read' AND entity_id = $1`,
      [caseId],
    );
    expect(reads).toEqual([{ actor_user_id: specialist.id }]);
  });

  it('finds people by name without diacritics, by personal code and by birth date, in Latvian order', async () => {
    const byName = json<SearchResult>(await specialist.caller.get('/api/search?q=kalnina'));
    expect(byName.results.map((r) => r.givenName)).toEqual(['Ance', 'Anna', 'Līga']);
    expect(byName.results[0]!.cases[0]).toMatchObject({ caseId, centreName: 'Bauska', canOpen: true });
    const both = json<SearchResult>(await specialist.caller.get('/api/search?q=kaln'));
    expect(both.results.map((r) => `${r.familyName} ${r.givenName}`)).toEqual([
      'Kalniņa Ance',
      'Kalniņa Anna',
      'Kalniņa Līga',
      'Kalniņš Jānis',
      'Kalniņš Pēteris',
    ]);
    const byCode = json<SearchResult>(
      await specialist.caller.get(`/api/search?personalCode=${code('1990-04-12', 11).replace('-', '')}`),
    );
    expect(byCode.results.map((r) => r.givenName)).toEqual(['Anna']);
    const byBirth = json<SearchResult>(await specialist.caller.get('/api/search?birthDate=2018-01-15'));
    expect(byBirth.results.map((r) => r.givenName)).toEqual(['Pēteris']);
  });

  it('keeps cases within their centre and team: 404 outside, findable but closed to colleagues', async () => {
    expect((await valmieraSpecialist.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect(json<SearchResult>(await valmieraSpecialist.caller.get('/api/search?q=kalnina')).results).toEqual(
      [],
    );
    // A colleague at the same centre finds the people (to avoid registering them twice) but cannot open the case.
    const found = json<SearchResult>(await colleague.caller.get('/api/search?q=kalnina'));
    expect(found.results[0]!.cases[0]!.canOpen).toBe(false);
    expect((await colleague.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await manager.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
  });

  it('never lets the administrator or a project manager read case content', async () => {
    const admin = await t().user({ roles: [{ role: 'administrator' }] });
    const projects = await t().user({ roles: [{ role: 'project_manager' }] });
    for (const outsider of [admin, projects]) {
      expect((await outsider.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(403);
      expect((await outsider.caller.get('/api/search?q=kalnina')).statusCode).toBe(403);
      expect((await outsider.caller.get('/api/cases')).statusCode).toBe(403);
    }
  });

  it('hides a restricted case and its people from everyone but its team and the centre manager', async () => {
    const body = kalninsFamily(bauska, { confirmSimilar: true });
    body.members = [
      {
        relation: 'mother',
        person: { givenName: 'Ilze', familyName: 'Ozoliņa', birthDate: '1985-03-03', sex: 'female' },
      },
      {
        relation: 'child',
        person: { givenName: 'Toms', familyName: 'Ozoliņš', birthDate: '2016-05-05', sex: 'male' },
      },
    ];
    const registered = await specialist.caller.post('/api/families', {
      ...body,
      case: { ...body.case, restricted: true, referralReasons: ['domestic_violence'] },
    });
    const restrictedId = json<{ caseId: string }>(registered).caseId;
    expect((await colleague.caller.get(`/api/cases/${restrictedId}`)).statusCode).toBe(404);
    expect(json<SearchResult>(await colleague.caller.get('/api/search?q=ozolin')).results).toEqual([]);
    expect(json<SearchResult>(await specialist.caller.get('/api/search?q=ozolin')).results).toHaveLength(2);
    expect(json<SearchResult>(await manager.caller.get('/api/search?q=ozolin')).results).toHaveLength(2);
    expect((await manager.caller.get(`/api/cases/${restrictedId}`)).statusCode).toBe(200);
  });

  it('offers the existing record for a known personal code, and only the centre to ask when it is outside the scope', async () => {
    const anna = {
      givenName: 'Anna',
      familyName: 'Kalniņa',
      birthDate: '1990-04-12',
      personalCode: code('1990-04-12', 11),
    };
    const inScope = json<{ existing: { givenName: string } | null }>(
      await specialist.caller.post('/api/persons/check', anna),
    );
    expect(inScope.existing?.givenName).toBe('Anna');
    const elsewhere = await valmieraSpecialist.caller.post('/api/persons/check', anna);
    expect(json(elsewhere)).toEqual({
      existing: null,
      existsElsewhere: { centreNames: ['Bauska'] },
      similar: [],
    });
    const again = await valmieraSpecialist.caller.post('/api/families', {
      members: [{ relation: 'mother', person: anna }],
      case: { centreId: valmiera, referralDate: '2026-03-01', referralSource: 'self_referral' },
    });
    expect(again.statusCode).toBe(409);
    expect(json<ErrorBody>(again).error.message).toBe(
      'Persona ar šo personas kodu jau ir reģistrēta centrā Bauska. Vērsieties tur.',
    );
    const audited = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.duplicate_elsewhere' AND actor_user_id = $1`,
      [valmieraSpecialist.id],
    );
    expect(audited[0]!.n).toBe(2);
    const [persons] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM persons WHERE given_name = 'Anna'`,
    );
    expect(persons!.n).toBe(1);
  });

  it('warns about similar people and goes on only when confirmed', async () => {
    const similar = {
      members: [
        { relation: 'child', person: { givenName: 'Liga', familyName: 'Kalnina', birthDate: '2015-06-30' } },
      ],
      case: { centreId: bauska, referralDate: '2026-03-01', referralSource: 'school' },
    };
    const check = json<{ similar: { givenName: string }[] }>(
      await specialist.caller.post('/api/persons/check', similar.members[0]!.person),
    );
    expect(check.similar.map((s) => s.givenName)).toEqual(['Līga']);
    const refused = await specialist.caller.post('/api/families', similar);
    expect(json<ErrorBody>(refused).error.code).toBe('SIMILAR_PERSONS');
    expect(
      (await specialist.caller.post('/api/families', { ...similar, confirmSimilar: true })).statusCode,
    ).toBe(201);
  });

  describe('bad input changes nothing', () => {
    it('names each wrong field in the user’s language', async () => {
      const before = await t().database.query<{ n: number }>('SELECT count(*)::int AS n FROM persons');
      const response = await specialist.caller.post('/api/families', {
        members: [
          {
            relation: 'mother',
            person: { givenName: 'Maija', familyName: 'Bērziņa', personalCode: '121282-11211' },
          },
          {
            relation: 'child',
            person: { givenName: 'Kārlis', familyName: 'Bērziņš', birthDate: '2030-01-01' },
          },
          {
            relation: 'father',
            person: {
              givenName: 'Ivars',
              familyName: 'Bērziņš',
              birthDate: '1980-01-01',
              personalCode: '121282-11210',
            },
          },
        ],
        case: { centreId: bauska, referralDate: '2026-02-01', referralSource: 'school' },
      });
      expect(response.statusCode).toBe(400);
      expect(json<ErrorBody>(response).error.fields).toEqual([
        {
          field: 'members.0.person.personalCode',
          message: 'Personas koda kontrolcipars nav pareizs; pārbaudiet, vai kods ievadīts bez kļūdām.',
        },
        { field: 'members.1.person.birthDate', message: 'Dzimšanas datums nevar būt nākotnē.' },
        {
          field: 'members.2.person.birthDate',
          message: 'Dzimšanas datums nesakrīt ar personas kodu (12.12.1982).',
        },
      ]);
      const after = await t().database.query<{ n: number }>('SELECT count(*)::int AS n FROM persons');
      expect(after).toEqual(before);
    });

    it('refuses a member added twice and a second open case at the same centre', async () => {
      const person = { givenName: 'Rita', familyName: 'Liepa', personalCode: code('1979-11-11', 21) };
      const twice = await specialist.caller.post('/api/families', {
        members: [
          { relation: 'mother', person },
          { relation: 'other', person },
        ],
        case: { centreId: bauska, referralDate: '2026-02-01', referralSource: 'school' },
      });
      expect(json<ErrorBody>(twice).error.fields).toEqual([
        { field: 'members.1', message: 'Šī persona ģimenē jau ir pievienota.' },
      ]);
      const page = json<FamilyPage>(await specialist.caller.get(`/api/cases/${caseId}`));
      const second = await specialist.caller.post(`/api/families/${page.family.id}/cases`, {
        centreId: bauska,
        referralDate: '2026-02-25',
        referralSource: 'school',
      });
      expect(second.statusCode).toBe(409);
      expect(json<ErrorBody>(second).error.message).toBe('Šai ģimenei šajā centrā jau ir atvērta lieta.');
      const elsewhere = await valmieraSpecialist.caller.post(`/api/families/${page.family.id}/cases`, {
        centreId: valmiera,
        referralDate: '2026-02-25',
        referralSource: 'school',
      });
      expect(elsewhere.statusCode).toBe(404);
    });
  });

  it('moves a case through its statuses; closing needs a reason; reopening works; history is kept', async () => {
    const url = `/api/cases/${caseId}/status`;
    expect((await specialist.caller.post(url, { status: 'intake' })).statusCode).toBe(200);
    expect((await specialist.caller.post(url, { status: 'active' })).statusCode).toBe(200);
    const noReason = await specialist.caller.post(url, { status: 'closed' });
    expect(json<ErrorBody>(noReason).error.fields).toEqual([
      { field: 'closureReason', message: 'Norādiet slēgšanas iemeslu.' },
    ]);
    const closed = await specialist.caller.post(url, {
      status: 'closed',
      closureReason: 'goals_reached',
      note: 'Māte atgriezās darbā.',
    });
    expect(closed.statusCode).toBe(200);
    const wrong = await specialist.caller.post(url, { status: 'closed', closureReason: 'other' });
    expect(json<ErrorBody>(wrong).error.message).toBe('No statusa "slēgta" nevar pāriet uz "slēgta".');
    let page = json<FamilyPage>(await specialist.caller.get(`/api/cases/${caseId}`));
    expect(page.case).toMatchObject({
      status: 'closed',
      closureReason: 'goals_reached',
      outcomeNote: 'Māte atgriezās darbā.',
    });
    expect(page.case.statusHistory.map((h) => h.toStatus)).toEqual([
      'referred',
      'intake',
      'active',
      'closed',
    ]);
    expect(
      (await specialist.caller.post(url, { status: 'active', note: 'Jauns nosūtījums' })).statusCode,
    ).toBe(200);
    page = json<FamilyPage>(await specialist.caller.get(`/api/cases/${caseId}`));
    expect(page.case).toMatchObject({ status: 'active', closedOn: null, closureReason: null });
  });

  it('records who changed which field, from what to what, and when risk was set', async () => {
    const page = json<FamilyPage>(await specialist.caller.get(`/api/cases/${caseId}`));
    const anna = page.members.find((m) => m.person.givenName === 'Anna')!;
    expect(
      (
        await specialist.caller.patch(`/api/persons/${anna.person.id}`, {
          familyName: 'Kalniņa-Ozola',
          phone: '+371 20000000',
        })
      ).statusCode,
    ).toBe(200);
    expect((await specialist.caller.patch(`/api/cases/${caseId}`, { riskLevel: 'high' })).statusCode).toBe(
      200,
    );
    const history = json<HistoryResponse>(await specialist.caller.get(`/api/cases/${caseId}/history`));
    expect(
      history.changes.map((c) => [c.entityType, c.field, c.oldValue, c.newValue]),
      JSON.stringify(history),
    ).toEqual([
      ['person', 'familyName', 'Kalniņa', 'Kalniņa-Ozola'],
      ['person', 'phone', '', '+371 20000000'],
      ['case', 'riskLevel', null, 'high'],
    ]);
    const after = json<FamilyPage>(await specialist.caller.get(`/api/cases/${caseId}`));
    expect(after.case).toMatchObject({
      riskLevel: 'high',
      riskSetOn: '2026-03-02',
      riskSetByName: expect.stringMatching(/Testa$/),
    });
    expect((await colleague.caller.get(`/api/cases/${caseId}/history`)).statusCode).toBe(404);
    expect((await colleague.caller.patch(`/api/persons/${anna.person.id}`, { phone: '1' })).statusCode).toBe(
      404,
    );
    const badCode = await specialist.caller.patch(`/api/persons/${anna.person.id}`, {
      personalCode: '000000-00000',
    });
    expect(badCode.statusCode).toBe(400);
    // A new key worker joins the team and the history names both people.
    expect(
      (await specialist.caller.patch(`/api/cases/${caseId}`, { keyWorkerId: colleague.id })).statusCode,
    ).toBe(200);
    const later = json<HistoryResponse>(await colleague.caller.get(`/api/cases/${caseId}/history`));
    const last = later.changes.at(-1)!;
    expect(last).toMatchObject({
      field: 'keyWorker',
      oldValue: expect.stringMatching(/Testa$/),
      newValue: expect.stringMatching(/Testa$/),
    });
    expect(last.oldValue).not.toBe(last.newValue);
  });

  it('lists my cases and, for the manager, the centre’s, filtered and sorted', async () => {
    const mine = json<CaseloadPage>(await specialist.caller.get('/api/cases?scope=mine'));
    expect(mine.cases.map((c) => c.id)).toContain(caseId);
    // The colleague became key worker of one case in the test before.
    const colleagues = json<CaseloadPage>(await colleague.caller.get('/api/cases?scope=mine'));
    expect(colleagues.cases.map((c) => c.id)).toEqual([caseId]);
    const centre = json<CaseloadPage>(
      await manager.caller.get(`/api/cases?scope=centre&centreId=${bauska}&sort=family&direction=asc`),
    );
    expect(centre.total).toBeGreaterThanOrEqual(3);
    expect(centre.cases.map((c) => c.familyName)).toEqual([...centre.cases.map((c) => c.familyName)].sort());
    const dv = json<CaseloadPage>(
      await manager.caller.get('/api/cases?scope=centre&reason=domestic_violence'),
    );
    expect(dv.cases.map((c) => c.familyName)).toEqual(['Ozoliņu ģimene']);
    const paged = json<CaseloadPage>(await manager.caller.get('/api/cases?scope=centre&pageSize=1&page=2'));
    expect(paged.cases).toHaveLength(1);
    expect((await manager.caller.get('/api/cases?status=open')).statusCode).toBe(400);
  });
});
