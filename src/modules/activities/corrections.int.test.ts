import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { ActivityView } from '../../shared/contracts/activities';
import type { HistoryResponse } from '../../shared/contracts/registry';

type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

describeOnDatabases('correcting and voiding a logged activity', (t) => {
  let centre: string;
  let worker: TestUser;
  let psychologist: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let pm: TestUser;
  let caseId: string;
  let projectId: string;
  let consultation: string;
  let homeVisit: string;

  const activitiesOf = async (user: TestUser = worker) =>
    json<{ activities: ActivityView[] }>(await user.caller.get(`/api/cases/${caseId}/activities`)).activities;
  const form = (extra: Record<string, unknown> = {}) => ({
    typeId: consultation,
    occursOn: '2026-02-25',
    durationMinutes: 60,
    place: 'centre',
    projectIds: [projectId],
    ...extra,
  });
  // Each test logs its own activity on the same day: confirmed as not a duplicate.
  const log = async (user: TestUser, extra: Record<string, unknown> = {}) => {
    const logged = await user.caller.post(
      `/api/cases/${caseId}/activities`,
      form({ confirmDuplicate: true, ...extra }),
    );
    expect(logged.statusCode, logged.body).toBe(201);
    return json<{ activityId: string }>(logged).activityId;
  };
  const held = async () =>
    (
      await t().database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM activities a JOIN activity_projects ap ON ap.activity_id = a.id
         WHERE ap.project_id = $1 AND a.status = 'held' AND a.voided_at IS NULL`,
        [projectId],
      )
    )[0]!.n;

  beforeAll(async () => {
    centre = await t().createCentre('Labojumu centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    psychologist = await t().user({
      roles: [{ role: 'specialist', centreId: centre }],
      specialty: 'psychologist',
    });
    colleague = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    pm = await t().user({ roles: [{ role: 'project_manager' }] });
    ({ caseId } = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Laura', familyName: 'Labā', birthYear: 1989 } },
    ]));
    await worker.caller.post(`/api/cases/${caseId}/team`, { userId: psychologist.id });
    const project = await pm.caller.post('/api/projects', {
      code: 'LAB-1',
      titleLv: 'Labojumi',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      centreIds: [centre],
    });
    projectId = json<{ id: string }>(project).id;
    const types = json<{ types: { id: string; code: string | null }[] }>(
      await worker.caller.get('/api/activity-types'),
    ).types;
    consultation = types.find((x) => x.code === 'consultation')!.id;
    homeVisit = types.find((x) => x.code === 'home_visit')!.id;
  });

  it('turns a planned activity into a held home visit, with its history and audit entry', async () => {
    const id = await log(worker, { status: 'planned' });
    const before = await held();
    const corrected = await worker.caller.patch(`/api/activities/${id}`, {
      ...form({ status: 'held', typeId: homeVisit, place: 'home', durationMinutes: 90 }),
      version: 1,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(await held()).toBe(before + 1);
    const shown = (await activitiesOf()).find((a) => a.id === id)!;
    expect(shown).toMatchObject({
      status: 'held',
      typeCode: 'home_visit',
      place: 'home',
      durationMinutes: 90,
      version: 2,
    });
    const history = json<HistoryResponse>(
      await worker.caller.get(`/api/cases/${caseId}/history`),
    ).changes.filter((c) => c.entityId === id);
    expect(history.map((c) => [c.field, c.oldValue, c.newValue])).toEqual(
      expect.arrayContaining([
        ['status', 'planned', 'held'],
        ['place', 'centre', 'home'],
        ['durationMinutes', '60', '90'],
      ]),
    );
    const audit = await t().database.query<{ details: { fields: string[] } }>(
      `SELECT details FROM audit_log WHERE action = 'activity.correct' AND entity_id = $1`,
      [id],
    );
    expect(audit[0]!.details.fields).toEqual(
      expect.arrayContaining(['status', 'typeId', 'place', 'durationMinutes']),
    );
  });

  it('refuses a save based on an old version, saying who changed it, and changes nothing', async () => {
    const id = await log(worker);
    expect(
      (await manager.caller.patch(`/api/activities/${id}`, { ...form({ durationMinutes: 45 }), version: 1 }))
        .statusCode,
    ).toBe(200);
    const stale = await worker.caller.patch(`/api/activities/${id}`, {
      ...form({ durationMinutes: 30 }),
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.code).toBe('STALE_VERSION');
    expect(json<ErrorBody>(stale).error.message).toContain('Lietotājs');
    expect((await activitiesOf()).find((a) => a.id === id)!.durationMinutes).toBe(45);
  });

  it('lets only those who may log on the case correct it; a colleague off the team gets 404', async () => {
    const id = await log(worker);
    const outside = await colleague.caller.patch(`/api/activities/${id}`, { ...form(), version: 1 });
    expect(outside.statusCode).toBe(404);
    expect(
      (await colleague.caller.post(`/api/activities/${id}/void`, { version: 1, reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await pm.caller.patch(`/api/activities/${id}`, { ...form(), version: 1 })).statusCode).toBe(403);
  });

  it('keeps confidential notes as they are when a colleague who may not read them corrects the activity', async () => {
    const id = await log(psychologist, { notes: 'Terapijas piezīmes' });
    const view = (await activitiesOf(worker)).find((a) => a.id === id)!;
    expect(view.notes).toBeNull();
    const corrected = await worker.caller.patch(`/api/activities/${id}`, {
      ...form({ durationMinutes: 50 }),
      version: 1,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await activitiesOf(psychologist)).find((a) => a.id === id)).toMatchObject({
      notes: 'Terapijas piezīmes',
      notesConfidential: true,
      durationMinutes: 50,
    });
  });

  it('asks for a reason once the record is older than a week', async () => {
    const id = await log(worker);
    t().clock.advanceMinutes(8 * 24 * 60);
    // Eight days later the sessions have ended: sign in again.
    worker = { ...worker, caller: await t().signIn(worker.email) };
    pm = { ...pm, caller: await t().signIn(pm.email) };
    const without = await worker.caller.patch(`/api/activities/${id}`, {
      ...form({ durationMinutes: 70 }),
      version: 1,
    });
    expect(without.statusCode).toBe(400);
    expect(json<ErrorBody>(without).error.fields?.[0]?.field).toBe('reason');
    const withReason = await worker.caller.patch(`/api/activities/${id}`, {
      ...form({ durationMinutes: 70 }),
      version: 1,
      reason: 'Ilgums ierakstīts kļūdaini',
    });
    expect(withReason.statusCode, withReason.body).toBe(200);
  });

  it('voids an activity: kept and marked, counted nowhere, shown as changed since a published report', async () => {
    const id = await log(worker);
    const snapshot = await pm.caller.post(`/api/projects/${projectId}/reports/project-results/snapshots`, {});
    expect(snapshot.statusCode, snapshot.body).toBe(201);
    const before = await held();
    expect(
      (await worker.caller.post(`/api/activities/${id}/void`, { version: 1, reason: '' })).statusCode,
    ).toBe(400);
    const voided = await worker.caller.post(`/api/activities/${id}/void`, {
      version: 1,
      reason: 'Ierakstīts divreiz',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await held()).toBe(before - 1);
    const shown = (await activitiesOf()).find((a) => a.id === id)!;
    expect(shown.voided).toMatchObject({ reason: 'Ierakstīts divreiz' });
    const changes = json<{ changes: { path: string; published: unknown; now: unknown }[] }>(
      await pm.caller.get(`/api/report-snapshots/${json<{ id: string }>(snapshot).id}`),
    ).changes;
    expect(changes.some((c) => c.path.includes('activities_held'))).toBe(true);
    const again = await worker.caller.patch(`/api/activities/${id}`, { ...form(), version: 2, reason: 'x' });
    expect(again.statusCode).toBe(400);
  });

  it('warns before logging the same activity twice for the family on one day, and logs it when confirmed', async () => {
    const first = form({ occursOn: '2026-02-10', typeId: homeVisit, place: 'home' });
    expect((await worker.caller.post(`/api/cases/${caseId}/activities`, first)).statusCode).toBe(201);
    const again = await worker.caller.post(`/api/cases/${caseId}/activities`, first);
    expect(again.statusCode).toBe(409);
    expect(json<ErrorBody>(again).error).toMatchObject({
      code: 'DUPLICATE_ACTIVITY',
      message: expect.stringContaining('10.02.2026'),
    });
    const onTheTenth = async () => (await activitiesOf()).filter((a) => a.occursOn === '2026-02-10').length;
    expect(await onTheTenth()).toBe(1);
    const confirmed = await worker.caller.post(`/api/cases/${caseId}/activities`, {
      ...first,
      confirmDuplicate: true,
    });
    expect(confirmed.statusCode).toBe(201);
    expect(await onTheTenth()).toBe(2);
  });
});
