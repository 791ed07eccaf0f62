import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { ActivityType, ActivityView } from '../../shared/contracts/activities';
import type { FamilyPage } from '../../shared/contracts/registry';

type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };

describeOnDatabases('activities logged on a case', (t) => {
  let bauska: string;
  let valmiera: string;
  let worker: TestUser;
  let psychologist: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let types: Record<string, string>;
  let family: { familyId: string; caseId: string };

  beforeAll(async () => {
    bauska = await t().createCentre('Bauska');
    valmiera = await t().createCentre('Valmiera');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    psychologist = await t().user({
      roles: [{ role: 'specialist', centreId: bauska }],
      specialty: 'psychologist',
    });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    outsider = await t().user({ roles: [{ role: 'specialist', centreId: valmiera }] });
    const catalogue = json<{ types: ActivityType[] }>(await worker.caller.get('/api/activity-types'));
    types = Object.fromEntries(catalogue.types.filter((x) => x.code).map((x) => [x.code!, x.id]));
    family = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Sanita', familyName: 'Lapiņa', birthDate: '1992-09-09' } },
      { relation: 'child', person: { givenName: 'Emīls', familyName: 'Lapiņš', birthDate: '2019-03-03' } },
    ]);
    await worker.caller.post(`/api/cases/${family.caseId}/team`, { userId: psychologist.id });
  });

  it('ships the built-in activity types with the codes reports rely on', () => {
    expect(Object.keys(types).sort()).toEqual([
      'camp',
      'closing_event',
      'consultation',
      'family_group_conference',
      'home_visit',
      'information_event',
      'mentoring_meeting',
      'remote_consultation',
      'support_group_session',
      'training',
    ]);
  });

  it('logs a home visit in few fields: the family attended, the caller delivered it', async () => {
    const logged = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
      typeId: types.home_visit,
      occursOn: '2026-03-01',
      startsAt: '10:00',
      endsAt: '11:30',
      place: 'home',
      notes: 'Apmeklējums mājās, runājām par bērnudārzu.',
      followUpOn: '2026-03-15',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const list = json<{ activities: ActivityView[] }>(
      await worker.caller.get(`/api/cases/${family.caseId}/activities`),
    );
    expect(list.activities[0]).toMatchObject({
      typeCode: 'home_visit',
      durationMinutes: 90,
      startsAt: '10:00',
      status: 'held',
      notes: 'Apmeklējums mājās, runājām par bērnudārzu.',
      notesConfidential: false,
      followUpOn: '2026-03-15',
      participants: [{ familyId: family.familyId, name: 'Lapiņu ģimene', attendance: 'present' }],
      staff: [{ userId: worker.id }],
    });
  });

  it('keeps a psychologist’s notes confidential from the rest of the team, not from the centre manager', async () => {
    const page = json<FamilyPage>(await worker.caller.get(`/api/cases/${family.caseId}`));
    const child = page.members.find((m) => m.person.givenName === 'Emīls')!;
    const logged = await psychologist.caller.post(`/api/cases/${family.caseId}/activities`, {
      typeId: types.consultation,
      occursOn: '2026-03-02',
      durationMinutes: 50,
      place: 'centre',
      notes: 'Bērns stāsta par bailēm naktī.',
      participants: [{ personId: child.person.id }],
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const notesFor = async (user: TestUser) =>
      json<{ activities: ActivityView[] }>(
        await user.caller.get(`/api/cases/${family.caseId}/activities`),
      ).activities.find((a) => a.typeCode === 'consultation')!;
    expect((await notesFor(psychologist)).notes).toBe('Bērns stāsta par bailēm naktī.');
    expect(await notesFor(worker)).toMatchObject({ notes: null, notesConfidential: true });
    expect((await notesFor(manager)).notes).toBe('Bērns stāsta par bailēm naktī.');
  });

  it('refuses bad input with what to fix and writes nothing', async () => {
    const before = await t().database.query<{ n: number }>('SELECT count(*)::int AS n FROM activities');
    const response = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
      typeId: types.consultation,
      occursOn: '2026-03-02',
      startsAt: '14:00',
      endsAt: '13:00',
      place: 'centre',
      followUpOn: '2026-02-01',
      participants: [{ personId: '00000000-0000-7000-8000-000000000000' }],
    });
    expect(response.statusCode).toBe(400);
    expect(json<ErrorBody>(response).error.fields).toEqual([
      { field: 'endsAt', message: 'Beigu laiks ir pirms sākuma laika.' },
      { field: 'followUpOn', message: 'Turpinājuma datums nevar būt pirms aktivitātes datuma.' },
      { field: 'participants.0', message: 'Šī ģimene vai persona nav šīs lietas dalībniece.' },
    ]);
    const tooLong = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
      typeId: types.consultation,
      occursOn: '2026-03-02',
      durationMinutes: 1500,
      place: 'centre',
    });
    expect(json<ErrorBody>(tooLong).error.fields).toEqual([
      { field: 'durationMinutes', message: 'Jābūt ne vairāk kā 1440.' },
    ]);
    const after = await t().database.query<{ n: number }>('SELECT count(*)::int AS n FROM activities');
    expect(after).toEqual(before);
  });

  it('follows the case scope: others can neither log nor read (404), and reads are audited', async () => {
    const body = { typeId: types.consultation, occursOn: '2026-03-02', durationMinutes: 30, place: 'online' };
    expect((await outsider.caller.post(`/api/cases/${family.caseId}/activities`, body)).statusCode).toBe(404);
    expect((await outsider.caller.get(`/api/cases/${family.caseId}/activities`)).statusCode).toBe(404);
    const reads = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.read_activities' AND entity_id = $1`,
      [family.caseId],
    );
    expect(reads[0]!.n).toBeGreaterThanOrEqual(3);
  });

  it('offers projects to attribute activities to, without their money', async () => {
    const options = await worker.caller.get('/api/projects/options');
    expect(options.statusCode).toBe(200);
    expect(JSON.stringify(json(options))).not.toContain('budget');
  });

  it('lets the administrator extend the catalogue', async () => {
    const admin = await t().user({ roles: [{ role: 'administrator' }] });
    const created = await admin.caller.post('/api/activity-types', {
      nameLv: 'Ekskursija',
      nameEn: 'Excursion',
      kind: 'event',
    });
    expect(json<ActivityType>(created)).toMatchObject({ code: null, builtin: false, kind: 'event' });
    expect(
      (await worker.caller.post('/api/activity-types', { nameLv: 'Xx', nameEn: 'Xx', kind: 'event' }))
        .statusCode,
    ).toBe(403);
  });
});

describeOnDatabases('trainings and partner institutions', (t) => {
  it('records a kindergarten teachers’ training with two kindergartens and how many of their staff came', async () => {
    const riga = await t().createCentre('Rīga');
    const trainer = await t().user({
      roles: [{ role: 'specialist', centreId: riga }],
      specialty: 'psychologist',
    });
    const types = json<{ types: ActivityType[] }>(await trainer.caller.get('/api/activity-types')).types;
    const training = types.find((x) => x.code === 'training')!.id;
    const kindergartens = [];
    for (const name of ['Rīgas 1. pirmsskolas izglītības iestāde', 'PII "Zīlīte"']) {
      const created = await trainer.caller.post('/api/institutions', {
        type: 'kindergarten',
        name,
        contactPerson: 'Vadītāja',
      });
      expect(created.statusCode, created.body).toBe(201);
      kindergartens.push(json<{ id: string }>(created).id);
    }
    const again = await trainer.caller.post('/api/institutions', {
      type: 'kindergarten',
      name: 'pii "zīlīte"',
    });
    expect(again.statusCode).toBe(409);
    const logged = await trainer.caller.post('/api/activities', {
      centreId: riga,
      typeId: training,
      occursOn: '2018-03-14',
      durationMinutes: 180,
      place: 'institution',
      institutions: [
        { institutionId: kindergartens[0], staffAttended: 12 },
        { institutionId: kindergartens[1], staffAttended: 9 },
      ],
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const own = await trainer.caller.post('/api/activities', {
      centreId: riga,
      typeId: training,
      occursOn: '2014-01-20',
      durationMinutes: 1440,
      place: 'centre',
      forOwnStaff: true,
    });
    expect(own.statusCode).toBe(201);
    const list = json<{
      activities: {
        occursOn: string;
        forOwnStaff: boolean;
        institutions: { name: string; staffAttended: number }[];
      }[];
    }>(await trainer.caller.get(`/api/activities?centreId=${riga}`));
    expect(
      list.activities.map((a) => [a.occursOn, a.forOwnStaff, a.institutions.map((i) => i.staffAttended)]),
    ).toEqual([
      // Institutions in name order: PII "Zīlīte" (9), then Rīgas 1. PII (12).
      ['2018-03-14', false, [9, 12]],
      ['2014-01-20', true, []],
    ]);
    const names = json<{ institutions: { name: string }[] }>(
      await trainer.caller.get('/api/institutions'),
    ).institutions.map((i) => i.name);
    expect(names).toEqual(['PII "Zīlīte"', 'Rīgas 1. pirmsskolas izglītības iestāde']);
    const bad = await trainer.caller.post('/api/activities', {
      centreId: riga,
      typeId: training,
      occursOn: '2018-03-14',
      durationMinutes: 60,
      place: 'institution',
      institutions: [{ institutionId: '00000000-0000-7000-8000-000000000000', staffAttended: -1 }],
    });
    expect(bad.statusCode).toBe(400);
    const elsewhere = await t().createCentre('Cēsis');
    const refused = await trainer.caller.post('/api/activities', {
      centreId: elsewhere,
      typeId: training,
      occursOn: '2018-03-14',
      durationMinutes: 60,
      place: 'centre',
    });
    expect(refused.statusCode).toBe(403);
    const edited = await trainer.caller.put(`/api/institutions/${kindergartens[1]}`, {
      type: 'kindergarten',
      name: 'PII "Zīlīte"',
      address: 'Rīga',
    });
    expect(json<{ address: string }>(edited).address).toBe('Rīga');
  });
});

describeOnDatabases('support groups', (t) => {
  it('runs a session for eight members with two absent; the facilitator sees names and attendance, not case files', async () => {
    const bauska = await t().createCentre('Bauska');
    const manager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    const facilitator = await t().user({ roles: [{ role: 'group_facilitator', centreId: bauska }] });
    const created = await manager.caller.post('/api/groups', {
      name: 'Atbalsta grupa sievietēm',
      centreId: bauska,
      facilitatorIds: [facilitator.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const groupId = json<{ id: string }>(created).id;
    const women: { personId: string; caseId: string }[] = [];
    for (let i = 0; i < 9; i++) {
      const family = await registerFamily(worker.caller, bauska, [
        {
          relation: 'mother',
          person: {
            givenName: `Sieviete${i}`,
            familyName: 'Grupa',
            birthDate: `198${i}-01-01`,
            sex: 'female',
          },
        },
      ]);
      const page = json<FamilyPage>(await worker.caller.get(`/api/cases/${family.caseId}`));
      women.push({ personId: page.members[0]!.person.id, caseId: family.caseId });
    }
    for (const woman of women.slice(0, 8)) {
      expect(
        (
          await worker.caller.post(`/api/groups/${groupId}/members`, {
            personId: woman.personId,
            joinedOn: '2026-02-01',
          })
        ).statusCode,
      ).toBe(200);
    }
    const twice = await worker.caller.post(`/api/groups/${groupId}/members`, {
      personId: women[0]!.personId,
      joinedOn: '2026-02-01',
    });
    expect(twice.statusCode).toBe(400);
    expect(json<ErrorBody>(twice).error.fields?.[0]?.message).toBe('Šī persona jau ir grupas dalībniece.');

    const attendance = women
      .slice(0, 8)
      .map((w, i) => ({ personId: w.personId, attendance: i < 2 ? 'absent' : 'present' }));
    const outsiderRow = await facilitator.caller.post(`/api/groups/${groupId}/sessions`, {
      occursOn: '2026-02-20',
      durationMinutes: 90,
      attendance: [...attendance, { personId: women[8]!.personId, attendance: 'present' }],
    });
    expect(json<ErrorBody>(outsiderRow).error.fields).toEqual([
      {
        field: 'attendance.8.personId',
        message: 'Šī persona šajā dienā nav grupas dalībniece; pievienojiet viņu kā viesi.',
      },
    ]);
    const session = await facilitator.caller.post(`/api/groups/${groupId}/sessions`, {
      occursOn: '2026-02-20',
      durationMinutes: 90,
      attendance,
    });
    expect(session.statusCode, session.body).toBe(201);
    // A second session that day is most likely the same one logged twice: a warning to confirm.
    const sameDay = await facilitator.caller.post(`/api/groups/${groupId}/sessions`, {
      occursOn: '2026-02-20',
      durationMinutes: 90,
      attendance,
    });
    expect(sameDay.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(sameDay).error.code).toBe('DUPLICATE_SESSION');

    const view = json<{ members: unknown[]; sessions: { attendance: { attendance: string }[] }[] }>(
      await facilitator.caller.get(`/api/groups/${groupId}`),
    );
    expect(view.members).toHaveLength(8);
    expect(view.sessions[0]!.attendance.filter((a) => a.attendance === 'absent')).toHaveLength(2);
    expect(view.sessions[0]!.attendance.filter((a) => a.attendance === 'present')).toHaveLength(6);
    // Names and attendance only: the facilitator cannot open a member's case.
    expect((await facilitator.caller.get(`/api/cases/${women[0]!.caseId}`)).statusCode).toBe(403);
    const other = await t().createCentre('Valmiera');
    const otherWorker = await t().user({ roles: [{ role: 'specialist', centreId: other }] });
    expect((await otherWorker.caller.get(`/api/groups/${groupId}`)).statusCode).toBe(404);
    expect(
      (
        await worker.caller.post('/api/groups', {
          name: 'Xx',
          centreId: bauska,
          facilitatorIds: [facilitator.id],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('ends a membership on a date: the member is kept as history and is no longer expected after it', async () => {
    const bauska = await t().createCentre('Bauska grupām');
    const manager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    const groupId = json<{ id: string }>(
      await manager.caller.post('/api/groups', {
        name: 'Vecāku grupa',
        centreId: bauska,
        facilitatorIds: [worker.id],
      }),
    ).id;
    const family = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Inga', familyName: 'Ozola', birthDate: '1988-04-04' } },
    ]);
    const personId = json<FamilyPage>(await worker.caller.get(`/api/cases/${family.caseId}`)).members[0]!
      .person.id;
    await worker.caller.post(`/api/groups/${groupId}/members`, { personId, joinedOn: '2026-01-10' });
    const memberId = json<{ members: { id: string }[] }>(await worker.caller.get(`/api/groups/${groupId}`))
      .members[0]!.id;
    const early = await worker.caller.post(`/api/groups/${groupId}/members/${memberId}/leave`, {
      leftOn: '2026-01-01',
    });
    expect(json<ErrorBody>(early).error.fields?.[0]?.message).toBe(
      'Izstāšanās datums nevar būt pirms pievienošanās datuma.',
    );
    const left = await worker.caller.post(`/api/groups/${groupId}/members/${memberId}/leave`, {
      leftOn: '2026-02-01',
    });
    expect(left.statusCode, left.body).toBe(200);
    const view = json<{ members: { leftOn: string | null }[] }>(
      await worker.caller.get(`/api/groups/${groupId}`),
    );
    expect(view.members[0]!.leftOn).toBe('2026-02-01');
    const after = await worker.caller.post(`/api/groups/${groupId}/sessions`, {
      occursOn: '2026-02-10',
      durationMinutes: 60,
      attendance: [{ personId, attendance: 'present' }],
    });
    expect(after.statusCode).toBe(400);
    expect(
      (await worker.caller.post(`/api/groups/${groupId}/members`, { personId, joinedOn: '2026-03-01' }))
        .statusCode,
    ).toBe(200);
  });
});
