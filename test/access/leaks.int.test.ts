import { beforeAll, expect, it } from 'vitest';
import type { FamilyPage } from '../../src/shared/contracts/registry';
import { describeOnDatabases, json, type TestUser } from '../helpers/app';
import { personalCode, registerFamily } from '../helpers/registry';

type ErrorBody = { error: { code: string; message: string } };
type Notices = { notices: { kind: string; caseId: string | null; userName: string | null }[] };

/** Each test here failed before the access-by-construction change: the leaks found by trying. */
describeOnDatabases('access leaks closed', (t) => {
  let bauska: string;
  let valmiera: string;
  let keyWorker: TestUser;
  let outsider: TestUser; // a specialist of the same centre, not on the case team
  let valmieraWorker: TestUser;
  let bauskaManager: TestUser;
  let mother: string;
  let familyId: string;
  let victimCode: string;
  let victimCaseId: string;

  beforeAll(async () => {
    bauska = await t().createCentre('Bauska');
    valmiera = await t().createCentre('Valmiera');
    keyWorker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    outsider = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    valmieraWorker = await t().user({ roles: [{ role: 'specialist', centreId: valmiera }] });
    bauskaManager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    const family = await registerFamily(keyWorker.caller, bauska, [
      {
        relation: 'mother',
        person: {
          givenName: 'Inese',
          familyName: 'Ozola',
          birthDate: '1991-03-05',
          sex: 'female',
          personalCode: personalCode('1991-03-05', 41),
          notes: 'Vardarbība ģimenē',
        },
      },
    ]);
    familyId = family.familyId;
    const page = json<FamilyPage>(await keyWorker.caller.get(`/api/cases/${family.caseId}`));
    mother = page.members[0]!.person.id;

    victimCode = personalCode('1985-07-21', 77);
    const victim = await registerFamily(
      keyWorker.caller,
      bauska,
      [
        {
          relation: 'mother',
          person: {
            givenName: 'Sarma',
            familyName: 'Liepa',
            birthDate: '1985-07-21',
            sex: 'female',
            personalCode: victimCode,
          },
        },
      ],
      { restricted: true, legalBasis: 'vital_interests' },
    );
    victimCaseId = victim.caseId;
  });

  it('1: a colleague not on the team cannot pull a person into a family of her own and read her there', async () => {
    const own = await registerFamily(outsider.caller, bauska, [
      {
        relation: 'mother',
        person: { givenName: 'Dace', familyName: 'Bērziņa', birthYear: 1980, sex: 'female' },
      },
    ]);
    const added = await outsider.caller.post(`/api/families/${own.familyId}/members`, {
      relation: 'other',
      personId: mother,
    });
    expect(added.statusCode).toBe(409);
    expect(json<ErrorBody>(added).error.code).toBe('PERSON_ELSEWHERE');
    expect(json<ErrorBody>(added).error.message).toContain('Bauska');

    const registered = await outsider.caller.post('/api/families', {
      members: [{ relation: 'mother', personId: mother }],
      case: { centreId: bauska, referralDate: '2026-02-01', referralSource: 'social_service' },
    });
    expect(registered.statusCode).toBe(409);

    const newCase = await outsider.caller.post(`/api/families/${familyId}/cases`, {
      centreId: bauska,
      referralDate: '2026-02-01',
      referralSource: 'social_service',
    });
    expect(newCase.statusCode).toBe(409);
    expect(json<ErrorBody>(newCase).error.code).toBe('FAMILY_ELSEWHERE');
    // Another centre's specialist does not even learn that the family exists.
    const elsewhere = await valmieraWorker.caller.post(`/api/families/${familyId}/cases`, {
      centreId: valmiera,
      referralDate: '2026-02-01',
      referralSource: 'social_service',
    });
    expect(elsewhere.statusCode).toBe(404);

    // The mother is still a member of one family only, and her notes reach nobody new.
    const page = json<FamilyPage>(
      await keyWorker.caller.get(`/api/cases/${own.caseId}`.replace(own.caseId, own.caseId)),
    );
    expect(page.members ?? []).not.toContainEqual(expect.objectContaining({ personId: mother }));
  });

  it('1: seeing a person is not the right to change her', async () => {
    const reader = await t().user({ roles: [{ role: 'centre_manager', centreId: valmiera }] });
    // A Valmiera manager may not even see her; a Bauska colleague off the team may not edit her.
    expect((await reader.caller.patch(`/api/persons/${mother}`, { phone: '+371 20000000' })).statusCode).toBe(
      404,
    );
    expect(
      (await outsider.caller.patch(`/api/persons/${mother}`, { phone: '+371 20000000' })).statusCode,
    ).toBe(404);
    expect(
      (await keyWorker.caller.patch(`/api/persons/${mother}`, { phone: '+371 20000000' })).statusCode,
    ).toBe(200);
  });

  it('2: a restricted case’s person is not revealed by the duplicate check; her case’s manager is told', async () => {
    const check = await valmieraWorker.caller.post('/api/persons/check', {
      givenName: 'Sarma',
      familyName: 'Liepa',
      birthDate: '1985-07-21',
      personalCode: victimCode,
    });
    expect(check.statusCode).toBe(200);
    expect(json(check)).toEqual({ existing: null, existsElsewhere: null, similar: [] });
    const colleagueCheck = await outsider.caller.post('/api/persons/check', {
      givenName: 'Sarma',
      familyName: 'Liepa',
      birthDate: '1985-07-21',
      personalCode: victimCode,
    });
    expect(json(colleagueCheck)).toEqual({ existing: null, existsElsewhere: null, similar: [] });

    // Registering her at Valmiera looks like any registration to its specialist.
    const registered = await valmieraWorker.caller.post('/api/families', {
      members: [
        {
          relation: 'mother',
          person: {
            givenName: 'Sarma',
            familyName: 'Liepa',
            birthDate: '1985-07-21',
            sex: 'female',
            personalCode: victimCode,
          },
        },
      ],
      case: { centreId: valmiera, referralDate: '2026-02-01', referralSource: 'social_service' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const search = await valmieraWorker.caller.get('/api/search?q=Liepa');
    const found = json<{ results: { cases: { centreName: string }[] }[] }>(search).results;
    expect(found.flatMap((r) => r.cases.map((c) => c.centreName))).toEqual(['Valmiera']);

    // The restricted case's manager sees the notice, and can acknowledge it once.
    const notices = json<Notices>(await bauskaManager.caller.get('/api/notices')).notices;
    const notice = notices.find((n) => n.kind === 'restricted_person_registered');
    expect(notice?.caseId).toBe(victimCaseId);
    expect(json<Notices>(await valmieraWorker.caller.get('/api/notices')).notices).toEqual([]);
  });

  it('7: nobody grants or removes their own roles; a role that reads cases is shown to the data protection officer', async () => {
    const admin = await t().user({ roles: [{ role: 'administrator' }] });
    const other = await t().user({ roles: [{ role: 'administrator' }] });
    const dpo = await t().user({ roles: [{ role: 'data_protection_officer' }] });
    const own = await admin.caller.post(`/api/users/${admin.id}/roles`, {
      role: 'centre_manager',
      centreId: bauska,
    });
    expect(own.statusCode).toBe(403);
    expect(json<ErrorBody>(own).error.code).toBe('OWN_ROLES');
    expect((await admin.caller.get(`/api/cases/${victimCaseId}`)).statusCode).toBe(403);

    const granted = async () =>
      json<Notices>(await dpo.caller.get('/api/notices')).notices.filter(
        (n) => n.kind === 'case_role_granted',
      );
    const before = await granted();
    const byOther = await other.caller.post(`/api/users/${admin.id}/roles`, {
      role: 'centre_manager',
      centreId: bauska,
    });
    expect(byOther.statusCode).toBe(200);
    expect(await granted()).toHaveLength(before.length + 1);
    // A role that reads no case content is no news for the data protection officer.
    const partner = await t().user({ roles: [] });
    await other.caller.post(`/api/users/${partner.id}/roles`, { role: 'partner_viewer', centreId: null });
    expect(await granted()).toHaveLength(before.length + 1);
    const grants = json<{ roles: { id: string; role: string }[] }>(byOther).roles;
    const managerGrant = grants.find((g) => g.role === 'centre_manager')!;
    expect((await admin.caller.delete(`/api/users/${admin.id}/roles/${managerGrant.id}`)).statusCode).toBe(
      403,
    );
  });
});
