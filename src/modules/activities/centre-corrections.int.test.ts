import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { CentreActivityView, EventView, GroupView } from '../../shared/contracts/activities';
import type { FamilyPage } from '../../shared/contracts/registry';

type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };
type Figure = { key: string; by: Record<string, string> | null; achieved: number };

describeOnDatabases('correcting and voiding trainings, events and group sessions', (t) => {
  let centre: string;
  let worker: TestUser;
  let manager: TestUser;
  let facilitator: TestUser;
  let otherFacilitator: TestUser;
  let stranger: TestUser;
  let pm: TestUser;
  let types: Record<string, string>;
  const kindergartens: string[] = [];
  const women: string[] = [];
  let familyId: string;

  /** A project of its own for each test, so that its figures depend on nothing else. */
  const newProject = async (code: string) => {
    const project = await pm.caller.post('/api/projects', {
      code,
      titleLv: `Labojumi ${code}`,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      centreIds: [centre],
    });
    expect(project.statusCode, project.body).toBe(201);
    return json<{ id: string }>(project).id;
  };
  /** A figure of the project's results, computed now from the raw records. */
  const figure = async (projectId: string, key: string) => {
    const report = json<{ indicators: Figure[] }>(
      await pm.caller.get(`/api/projects/${projectId}/reports/project-results?format=json`),
    );
    return report.indicators.find((i) => i.key === key && i.by === null)?.achieved ?? 0;
  };

  beforeAll(async () => {
    centre = await t().createCentre('Labojumu centrs');
    const elsewhere = await t().createCentre('Cits centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    facilitator = await t().user({ roles: [{ role: 'group_facilitator', centreId: centre }] });
    otherFacilitator = await t().user({ roles: [{ role: 'group_facilitator', centreId: centre }] });
    stranger = await t().user({ roles: [{ role: 'specialist', centreId: elsewhere }] });
    pm = await t().user({ roles: [{ role: 'project_manager' }] });
    const catalogue = json<{ types: { id: string; code: string | null }[] }>(
      await worker.caller.get('/api/activity-types'),
    );
    types = Object.fromEntries(catalogue.types.filter((x) => x.code).map((x) => [x.code!, x.id]));
    for (const name of ['PII Zīle', 'PII Cālis', 'PII Pūce']) {
      const created = await worker.caller.post('/api/institutions', { type: 'kindergarten', name });
      kindergartens.push(json<{ id: string }>(created).id);
    }
    for (let i = 0; i < 3; i++) {
      const family = await registerFamily(worker.caller, centre, [
        { relation: 'mother', person: { givenName: `Māte${i}`, familyName: 'Grupa', birthYear: 1985 + i } },
        { relation: 'child', person: { givenName: `Bērns${i}`, familyName: 'Grupa', birthYear: 2017 } },
      ]);
      familyId = family.familyId;
      const page = json<FamilyPage>(await worker.caller.get(`/api/cases/${family.caseId}`));
      women.push(page.members.find((m) => m.relation === 'mother')!.person.id);
    }
  }, 120_000);

  it('corrects a training’s institutions and staff counts, and the project’s institutions reached follow', async () => {
    const projectId = await newProject('LAB-T');
    const training = {
      centreId: centre,
      typeId: types.training!,
      occursOn: '2026-03-03',
      durationMinutes: 180,
      place: 'institution',
      projectIds: [projectId],
      institutions: [
        { institutionId: kindergartens[0], staffAttended: 12 },
        { institutionId: kindergartens[1], staffAttended: 8 },
      ],
    };
    const logged = await worker.caller.post('/api/activities', training);
    expect(logged.statusCode, logged.body).toBe(201);
    const id = json<{ activityId: string }>(logged).activityId;
    expect(await figure(projectId, 'institutions_reached')).toBe(2);

    const shown = async () =>
      json<{ activities: CentreActivityView[] }>(
        await worker.caller.get(`/api/activities?centreId=${centre}`),
      ).activities.find((a) => a.id === id)!;
    // A third kindergarten came too, and the first sent 10, not 12.
    const corrected = await worker.caller.patch(`/api/centre-activities/${id}`, {
      ...training,
      institutions: [
        { institutionId: kindergartens[0], staffAttended: 10 },
        { institutionId: kindergartens[1], staffAttended: 8 },
        { institutionId: kindergartens[2], staffAttended: 5 },
      ],
      durationMinutes: 240,
      version: 1,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(await figure(projectId, 'institutions_reached')).toBe(3);
    expect(await shown()).toMatchObject({ durationMinutes: 240, version: 2, voided: null });
    expect((await shown()).institutions.map((i) => i.staffAttended).sort((a, b) => a - b)).toEqual([
      5, 8, 10,
    ]);

    // The same form from a screen read before the correction: 409, nothing overwritten.
    const stale = await worker.caller.patch(`/api/centre-activities/${id}`, { ...training, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.code).toBe('STALE_VERSION');
    expect((await shown()).durationMinutes).toBe(240);

    // A specialist of another centre does not see it; a case activity's form does not fit it.
    expect(
      (await stranger.caller.patch(`/api/centre-activities/${id}`, { ...training, version: 2 })).statusCode,
    ).toBe(404);
    expect(
      (await stranger.caller.post(`/api/activities/${id}/void`, { version: 2, reason: 'x' })).statusCode,
    ).toBe(404);

    const voided = await worker.caller.post(`/api/activities/${id}/void`, {
      version: 2,
      reason: 'Apmācība notika citā projektā',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await figure(projectId, 'institutions_reached')).toBe(0);
    expect((await shown()).voided).toMatchObject({ reason: 'Apmācība notika citā projektā' });
  });

  it('turns a planned camp into a held one with other dates, refuses dates that drop marked days, and voids it', async () => {
    const projectId = await newProject('LAB-E');
    const camp = {
      centreId: centre,
      typeId: types.camp!,
      startsOn: '2026-07-10',
      endsOn: '2026-07-12',
      durationMinutes: 360,
      location: 'Kalnmuiža',
      capacity: 10,
      status: 'planned',
      projectIds: [projectId],
    };
    const created = await worker.caller.post('/api/events', camp);
    expect(created.statusCode, created.body).toBe(201);
    const id = json<{ id: string }>(created).id;
    expect((await worker.caller.post(`/api/events/${id}/families`, { familyId })).statusCode).toBe(200);
    const heldBefore = await figure(projectId, 'activities_held');

    const held = await worker.caller.patch(`/api/events/${id}`, {
      ...camp,
      status: 'held',
      startsOn: '2026-07-11',
      endsOn: '2026-07-13',
      version: 1,
    });
    expect(held.statusCode, held.body).toBe(200);
    let view = json<EventView>(await worker.caller.get(`/api/events/${id}`));
    expect(view).toMatchObject({ status: 'held', startsOn: '2026-07-11', endsOn: '2026-07-13', version: 2 });
    expect(await figure(projectId, 'activities_held')).toBe(heldBefore + 1);

    const someone = view.families[0]!.members[0]!.personId;
    const marked = await worker.caller.put(`/api/events/${id}/attendance`, {
      day: '2026-07-13',
      attendance: [{ personId: someone, attendance: 'present' }],
    });
    expect(marked.statusCode, marked.body).toBe(200);
    // Attendance is corrected by marking the day again.
    const remarked = await worker.caller.put(`/api/events/${id}/attendance`, {
      day: '2026-07-13',
      attendance: [{ personId: someone, attendance: 'excused' }],
    });
    expect(remarked.statusCode).toBe(200);
    view = json<EventView>(await worker.caller.get(`/api/events/${id}`));
    expect(view.families[0]!.members[0]!.days['2026-07-13']).toBe('excused');

    const shorter = await worker.caller.patch(`/api/events/${id}`, {
      ...camp,
      status: 'held',
      startsOn: '2026-07-11',
      endsOn: '2026-07-12',
      capacity: 1,
      version: 2,
    });
    expect(shorter.statusCode).toBe(400);
    expect(
      json<ErrorBody>(shorter)
        .error.fields?.map((f) => f.field)
        .sort(),
    ).toEqual(['capacity', 'startsOn']);

    const voided = await worker.caller.post(`/api/activities/${id}/void`, {
      version: 2,
      reason: 'Nometne atcelta',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await figure(projectId, 'activities_held')).toBe(heldBefore);
    expect(json<EventView>(await worker.caller.get(`/api/events/${id}`)).voided).toMatchObject({
      reason: 'Nometne atcelta',
    });
    // A voided camp takes no more families or attendance.
    expect((await worker.caller.post(`/api/events/${id}/families`, { familyId })).statusCode).toBe(400);
  });

  it('corrects a group session’s date and attendance by its facilitator; another facilitator may not', async () => {
    const projectId = await newProject('LAB-G');
    const created = await manager.caller.post('/api/groups', {
      name: 'Māmiņu grupa',
      centreId: centre,
      facilitatorIds: [facilitator.id],
    });
    const groupId = json<{ id: string }>(created).id;
    for (const personId of women)
      await worker.caller.post(`/api/groups/${groupId}/members`, { personId, joinedOn: '2026-02-01' });
    const attendance = women.map((personId, i) => ({ personId, attendance: i === 0 ? 'absent' : 'present' }));
    const session = {
      occursOn: '2026-02-20',
      durationMinutes: 90,
      projectIds: [projectId],
      attendance,
    };
    const logged = await facilitator.caller.post(`/api/groups/${groupId}/sessions`, session);
    expect(logged.statusCode, logged.body).toBe(201);
    const id = json<{ activityId: string }>(logged).activityId;
    const second = await facilitator.caller.post(`/api/groups/${groupId}/sessions`, {
      ...session,
      occursOn: '2026-02-27',
    });
    expect(second.statusCode).toBe(201);
    expect(await figure(projectId, 'persons_reached')).toBe(2);

    // Moving the first session onto the second one's day warns like logging it twice.
    const clash = await facilitator.caller.patch(`/api/group-sessions/${id}`, {
      ...session,
      occursOn: '2026-02-27',
      version: 1,
    });
    expect(clash.statusCode).toBe(409);
    expect(json<ErrorBody>(clash).error.code).toBe('DUPLICATE_SESSION');

    expect(
      (await otherFacilitator.caller.patch(`/api/group-sessions/${id}`, { ...session, version: 1 }))
        .statusCode,
    ).toBe(404);

    // The first mother was there after all.
    const corrected = await facilitator.caller.patch(`/api/group-sessions/${id}`, {
      ...session,
      occursOn: '2026-02-21',
      attendance: women.map((personId) => ({ personId, attendance: 'present' })),
      version: 1,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const group = json<GroupView>(await facilitator.caller.get(`/api/groups/${groupId}`));
    const shown = group.sessions.find((s) => s.activityId === id)!;
    expect(shown).toMatchObject({ occursOn: '2026-02-21', version: 2, voided: null });
    expect(shown.attendance.every((a) => a.attendance === 'present')).toBe(true);
    expect(await figure(projectId, 'persons_reached')).toBe(3);

    const voided = await manager.caller.post(`/api/activities/${id}/void`, {
      version: 2,
      reason: 'Sesija ierakstīta nepareizai grupai',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await figure(projectId, 'persons_reached')).toBe(2);
    const after = json<GroupView>(await facilitator.caller.get(`/api/groups/${groupId}`));
    expect(after.sessions.find((s) => s.activityId === id)!.voided).toMatchObject({
      reason: 'Sesija ierakstīta nepareizai grupai',
    });
    const audit = await t().database.query<{ reason: string }>(
      `SELECT reason FROM audit_log WHERE action = 'activity.void' AND entity_id = $1`,
      [id],
    );
    expect(audit).toEqual([{ reason: 'Sesija ierakstīta nepareizai grupai' }]);
  });
});
