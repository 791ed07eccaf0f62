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
  /** The mother in the restricted case, as a member to register. */
  const sarma = () => ({
    relation: 'mother',
    person: {
      givenName: 'Sarma',
      familyName: 'Liepa',
      birthDate: '1985-07-21',
      sex: 'female',
      personalCode: victimCode,
    },
  });

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
    const victim = await registerFamily(keyWorker.caller, bauska, [sarma()], {
      restricted: true,
      legalBasis: 'vital_interests',
    });
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
      members: [sarma()],
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

  it('3: a group roster names a member of a restricted case only to those who work on her case; every roster read is audited', async () => {
    const facilitator = await t().user({ roles: [{ role: 'group_facilitator', centreId: bauska }] });
    const group = await bauskaManager.caller.post('/api/groups', {
      name: 'Mammu grupa',
      centreId: bauska,
      facilitatorIds: [facilitator.id],
    });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = json<{ id: string }>(group).id;
    const victimPage = json<FamilyPage>(await keyWorker.caller.get(`/api/cases/${victimCaseId}`));
    const victim = victimPage.members[0]!.person.id;
    for (const personId of [mother, victim]) {
      const added = await keyWorker.caller.post(`/api/groups/${groupId}/members`, {
        personId,
        joinedOn: '2026-02-10',
      });
      expect(added.statusCode, added.body).toBe(200);
    }
    type Group = { members: { personId: string; name: string | null }[] };
    const namesFor = async (user: TestUser) =>
      Object.fromEntries(
        json<Group>(await user.caller.get(`/api/groups/${groupId}`)).members.map((m) => [m.personId, m.name]),
      );
    // The facilitator and a colleague see the ordinary member by name, the restricted one as "a participant".
    for (const user of [facilitator, outsider]) {
      const names = await namesFor(user);
      expect(names[mother]).toBe('Inese Ozola');
      expect(names[victim]).toBeNull();
    }
    // Her key worker and the centre's manager may open her case: they see her name.
    expect((await namesFor(keyWorker))[victim]).toBe('Sarma Liepa');
    expect((await namesFor(bauskaManager))[victim]).toBe('Sarma Liepa');
    const reads = await t().database.query<{ actor_user_id: string; details: { shown: string[] } }>(
      `SELECT actor_user_id, details FROM audit_log WHERE action = 'group.read' AND entity_id = $1`,
      [groupId],
    );
    expect(reads.map((r) => r.actor_user_id).sort()).toEqual(
      [facilitator.id, outsider.id, keyWorker.id, bauskaManager.id].sort(),
    );
    expect(reads[0]!.details.shown.sort()).toEqual([mother, victim].sort());
  });

  it('6: reads of personal data leave a trace listing what was shown, and so does a refused attempt', async () => {
    const actions = async (user: TestUser) =>
      (
        await t().database.query<{ action: string; outcome: string }>(
          `SELECT action, outcome FROM audit_log WHERE actor_user_id = $1 AND action NOT LIKE 'auth.%' ORDER BY occurred_at, id`,
          [user.id],
        )
      ).map((r) => `${r.action}:${r.outcome}`);
    const reader = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    await reader.caller.get('/api/search?q=Ozola');
    await reader.caller.get('/api/cases');
    await reader.caller.get('/api/dashboard');
    await reader.caller.get(`/api/families/${familyId}/roster?on=2026-02-10`);
    await keyWorker.caller.get(`/api/families/${familyId}/enrolments`);
    expect(await actions(reader)).toEqual([
      'person.search:success',
      'case.list:success',
      'dashboard.read:success',
      'family.read_roster:success',
    ]);
    expect(await actions(keyWorker)).toContain('family.read_enrolments:success');
    const search = await t().database.query<{ details: { shown: string[] } }>(
      `SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'person.search'`,
      [reader.id],
    );
    expect(search[0]!.details.shown).toContain(mother);

    // Another centre's specialist trying a Bauska case: 404, and on record as denied.
    const refused = await valmieraWorker.caller.get(`/api/cases/${victimCaseId}`);
    expect(refused.statusCode).toBe(404);
    const denied = await t().database.query<{ entity_id: string; details: { route: string } }>(
      `SELECT entity_id, details FROM audit_log WHERE actor_user_id = $1 AND action = 'access.denied'`,
      [valmieraWorker.id],
    );
    expect(denied).toContainEqual(
      expect.objectContaining({
        entity_id: victimCaseId,
        details: expect.objectContaining({ route: '/api/cases/:id' }),
      }),
    );
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
