import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import type { VolunteerCheckView, VolunteerView } from '../../shared/contracts/projects';

/*
 * Issue 15, volunteers: the mentoring coordinator's register. A volunteer applies, is screened (a
 * criminal-record certificate and an interview, each with its date, result and expiry), becomes active,
 * may pause and leave; may mentor a child only while the required checks are in force. Screening is the
 * coordinator's only; every read of it is audited.
 */
type Detail = { volunteer: VolunteerView; checks: VolunteerCheckView[] };

describeOnDatabases('the volunteer register', (t) => {
  let coordinator: TestUser;
  let manager: TestUser;
  let volunteerId: string;

  beforeAll(async () => {
    const centre = await t().createCentre('Mentoru centrs');
    coordinator = await t().user({ roles: [{ role: 'mentoring_coordinator', centreId: centre }] });
    manager = await t().user({ roles: [{ role: 'project_manager' }] });
    const created = await coordinator.caller.post('/api/volunteers', {
      givenName: 'Laura',
      familyName: 'Mentore',
      appliedOn: '2026-01-12',
      heardFrom: 'Draugi',
      availability: 'Otrdienu vakari',
    });
    expect(created.statusCode, created.body).toBe(201);
    volunteerId = json<VolunteerView>(created).id;
  }, 120_000);

  const detail = async () => {
    const response = await coordinator.caller.get(`/api/volunteers/${volunteerId}`);
    expect(response.statusCode, response.body).toBe(200);
    return json<Detail>(response);
  };
  const check = (body: Record<string, unknown>) =>
    coordinator.caller.post(`/api/volunteers/${volunteerId}/checks`, body);

  it('registers an applicant who may not mentor until a criminal-record certificate and an interview are in force', async () => {
    const first = await detail();
    expect(first.volunteer).toMatchObject({
      status: 'applicant',
      appliedOn: '2026-01-12',
      heardFrom: 'Draugi',
      availability: 'Otrdienu vakari',
      active: true,
      readiness: { ready: false, missing: ['criminal_record', 'interview'] },
    });

    // A failed interview and an expired certificate do not count; a certificate without an expiry is in
    // force for a year, and named as expiring within 30 days of its end.
    expect((await check({ kind: 'interview', doneOn: '2026-01-20', result: 'failed' })).statusCode).toBe(200);
    expect(
      (await check({ kind: 'criminal_record', doneOn: '2024-06-01', result: 'passed' })).statusCode,
    ).toBe(200);
    expect((await detail()).volunteer.readiness.missing).toEqual(['criminal_record', 'interview']);
    expect(
      (await check({ kind: 'criminal_record', doneOn: '2025-03-20', result: 'passed' })).statusCode,
    ).toBe(200);
    const screened = await detail();
    expect(screened.checks.find((c) => c.doneOn === '2025-03-20')!.expiresOn).toBe('2026-03-19');
    expect(screened.volunteer.readiness).toEqual({
      ready: false,
      missing: ['interview'],
      expiring: [{ kind: 'criminal_record', expiresOn: '2026-03-19' }],
    });

    expect((await check({ kind: 'interview', doneOn: '2026-02-02', result: 'passed' })).statusCode).toBe(200);
    expect((await detail()).volunteer.readiness).toMatchObject({ ready: true, missing: [] });
  });

  it('refuses a check dated in the future or expiring before its date, in the user’s language, and records nothing', async () => {
    const before = (await detail()).checks.length;
    const future = await check({ kind: 'references', doneOn: '2026-04-01', result: 'passed' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('Datums nevar būt nākotnē.');
    const backwards = await check({
      kind: 'references',
      doneOn: '2026-02-01',
      result: 'passed',
      expiresOn: '2026-01-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('Derīguma termiņš nevar būt pirms pārbaudes datuma.');
    expect((await detail()).checks).toHaveLength(before);
  });

  it('voids a check recorded in error with a reason: kept and marked, no longer counted', async () => {
    await check({ kind: 'interview', doneOn: '2026-02-20', result: 'passed' });
    const { checks } = await detail();
    const wrong = checks.find((c) => c.doneOn === '2026-02-20')!;
    const noReason = await coordinator.caller.post(`/api/volunteers/${volunteerId}/checks/${wrong.id}/void`, {
      version: wrong.version,
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const voided = await coordinator.caller.post(`/api/volunteers/${volunteerId}/checks/${wrong.id}/void`, {
      version: wrong.version,
      reason: 'Ierakstīta nepareizam brīvprātīgajam',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    const after = (await detail()).checks.find((c) => c.id === wrong.id)!;
    expect(after.voided).toMatchObject({ reason: 'Ierakstīta nepareizam brīvprātīgajam' });
    const again = await coordinator.caller.post(`/api/volunteers/${volunteerId}/checks/${wrong.id}/void`, {
      version: after.version,
      reason: 'Vēlreiz',
    });
    expect(again.statusCode).toBe(400);
  });

  it('edits a volunteer at the version read, refuses a stale screen, and ends and brings back their work', async () => {
    const { volunteer } = await detail();
    const form = {
      givenName: 'Laura',
      familyName: 'Mentore',
      email: 'laura@example.org',
      phone: '',
      screenedOn: '2026-02-02',
      trainedOn: null,
      appliedOn: '2026-01-12',
      heardFrom: 'Draugi',
      availability: 'Otrdienu un ceturtdienu vakari',
      status: 'active',
    };
    const saved = await coordinator.caller.put(`/api/volunteers/${volunteerId}`, {
      ...form,
      version: volunteer.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json<VolunteerView>(saved)).toMatchObject({ status: 'active', version: volunteer.version + 1 });
    // Another screen, opened before that save, sends the old version: refused, nothing overwritten.
    const stale = await manager.caller.put(`/api/volunteers/${volunteerId}`, {
      ...form,
      availability: 'Brīvdienas',
      version: volunteer.version,
    });
    expect(stale.statusCode).toBe(409);
    expect((await detail()).volunteer.availability).toBe('Otrdienu un ceturtdienu vakari');

    const current = (await detail()).volunteer;
    const noReason = await manager.caller.post(`/api/volunteers/${volunteerId}/end`, {
      endedOn: '2026-03-01',
      reason: '',
      version: current.version,
    });
    expect(noReason.statusCode).toBe(400);
    const ended = await manager.caller.post(`/api/volunteers/${volunteerId}/end`, {
      endedOn: '2026-03-01',
      reason: 'Pārcēlās uz citu pilsētu',
      version: current.version,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(json<VolunteerView>(ended)).toMatchObject({
      status: 'left',
      active: false,
      endedOn: '2026-03-01',
      endReason: 'Pārcēlās uz citu pilsētu',
    });
    const left = await manager.caller.get('/api/volunteers?status=left');
    expect(json<{ volunteers: VolunteerView[] }>(left).volunteers.map((v) => v.id)).toEqual([volunteerId]);
    const active = await manager.caller.get('/api/volunteers?status=active');
    expect(json<{ volunteers: VolunteerView[] }>(active).volunteers.map((v) => v.id)).not.toContain(
      volunteerId,
    );

    const back = await coordinator.caller.put(`/api/volunteers/${volunteerId}`, {
      ...form,
      version: json<VolunteerView>(ended).version,
    });
    expect(json<VolunteerView>(back)).toMatchObject({ status: 'active', active: true, endedOn: null });
  });

  it('shows the screening to the mentoring coordinator only, and audits every read of it', async () => {
    expect((await manager.caller.get(`/api/volunteers/${volunteerId}`)).statusCode).toBe(403);
    expect(
      (
        await manager.caller.post(`/api/volunteers/${volunteerId}/checks`, {
          kind: 'interview',
          doneOn: '2026-02-02',
          result: 'passed',
        })
      ).statusCode,
    ).toBe(403);
    const reads = () =>
      t().database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'volunteer.read_checks' AND entity_id = $1`,
        [volunteerId],
      );
    const [before] = await reads();
    await detail();
    const [after] = await reads();
    expect(after!.n).toBe(before!.n + 1);
  });
});
