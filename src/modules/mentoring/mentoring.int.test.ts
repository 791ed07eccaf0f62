import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { Actor } from '../../platform/context';
import type { ActivityView } from '../../shared/contracts/activities';
import type { Dashboard } from '../../shared/contracts/dashboard';
import type { MatchDetail, MatchView } from '../../shared/contracts/mentoring';
import type { ProjectView } from '../../shared/contracts/projects';
import { mentoringWatch } from './watch';

/*
 * Issue 15, matches and meetings: a mentoring coordinator matches a screened volunteer with a young person
 * of a case at her centre, with the parent's consent; the key worker is told; meetings are logged, count as
 * activities on the case and as the project's in-kind volunteer hours (once); the match is paused, resumed
 * and closed with its outcome. Every refusal says what to fix and changes nothing.
 */
type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

describeOnDatabases('mentoring matches and meetings', (t) => {
  let coordinator: TestUser;
  let elsewhere: TestUser;
  let keyWorker: TestUser;
  let caseId: string;
  let son: string;
  let mother: string;
  let mentor: string;
  let projectId: string;
  let manager: TestUser;
  let centreId: string;

  beforeAll(async () => {
    const centre = await t().createCentre('Bauskas centrs');
    centreId = centre;
    const other = await t().createCentre('Valmieras centrs');
    coordinator = await t().user({ roles: [{ role: 'mentoring_coordinator', centreId: centre }] });
    elsewhere = await t().user({ roles: [{ role: 'mentoring_coordinator', centreId: other }] });
    keyWorker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    manager = await t().user({ roles: [{ role: 'project_manager' }] });
    const family = await registerFamily(keyWorker.caller, centre, [
      {
        relation: 'mother',
        person: { givenName: 'Inese', familyName: 'Kalniņa', birthYear: 1984, sex: 'female' },
      },
      {
        relation: 'child',
        person: { givenName: 'Roberts', familyName: 'Kalniņš', birthYear: 2011, sex: 'male' },
      },
    ]);
    caseId = family.caseId;
    const page = json<{ members: { person: { id: string; givenName: string } }[] }>(
      await keyWorker.caller.get(`/api/cases/${caseId}`),
    );
    son = page.members.find((m) => m.person.givenName === 'Roberts')!.person.id;
    mother = page.members.find((m) => m.person.givenName === 'Inese')!.person.id;
    const project = await manager.caller.post('/api/projects', {
      code: 'MENT-1',
      titleLv: 'Mentori Bauskā',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      centreIds: [centre],
      volunteerHourlyRateCents: 600,
    });
    expect(project.statusCode, project.body).toBe(201);
    projectId = json<{ id: string }>(project).id;
    const volunteer = await coordinator.caller.post('/api/volunteers', {
      givenName: 'Laura',
      familyName: 'Mentore',
      appliedOn: '2026-01-05',
    });
    mentor = json<{ id: string }>(volunteer).id;
  }, 120_000);

  const propose = (body: Record<string, unknown> = {}) =>
    coordinator.caller.post('/api/mentoring/matches', {
      caseId,
      menteeId: son,
      volunteerId: mentor,
      projectId,
      startsOn: '2026-02-02',
      goals: 'Mācības un brīvais laiks',
      needs: 'Patīk futbols',
      ...body,
    });
  const matchCount = async () =>
    json<{ matches: MatchView[] }>(await coordinator.caller.get('/api/mentoring/matches')).matches.length;
  const detailOf = async (id: string) =>
    json<MatchDetail>(await coordinator.caller.get(`/api/mentoring/matches/${id}`));
  const budget = async () => json<ProjectView>(await manager.caller.get(`/api/projects/${projectId}`)).budget;

  it('refuses a mentor without a criminal-record certificate and interview in force, and a mentee who is not a young person of her centre', async () => {
    const notReady = await propose();
    expect(notReady.statusCode).toBe(400);
    expect(json<ErrorBody>(notReady).error.fields).toEqual([
      expect.objectContaining({ field: 'volunteerId', message: expect.stringContaining('Sodu reģistra') }),
    ]);
    // An expired certificate does not count either.
    const check = (body: Record<string, unknown>) =>
      coordinator.caller.post(`/api/volunteers/${mentor}/checks`, body);
    expect(
      (await check({ kind: 'criminal_record', doneOn: '2024-11-02', result: 'passed' })).statusCode,
    ).toBe(200);
    expect((await check({ kind: 'interview', doneOn: '2026-01-15', result: 'passed' })).statusCode).toBe(200);
    expect((await propose()).statusCode).toBe(400);
    expect(
      (await check({ kind: 'criminal_record', doneOn: '2026-01-10', result: 'passed' })).statusCode,
    ).toBe(200);

    const adult = await propose({ menteeId: mother });
    expect(json<ErrorBody>(adult).error.fields?.[0]).toMatchObject({ field: 'menteeId' });
    // A coordinator of another centre neither finds the young person nor may match them.
    const found = json<{ candidates: { personId: string }[] }>(
      await elsewhere.caller.get('/api/mentoring/mentees?q=kalnin'),
    ).candidates;
    expect(found).toEqual([]);
    const theirs = await elsewhere.caller.post('/api/mentoring/matches', {
      caseId,
      menteeId: son,
      volunteerId: mentor,
      startsOn: '2026-02-02',
      goals: 'x',
    });
    expect(json<ErrorBody>(theirs).error.fields?.[0]).toMatchObject({ field: 'menteeId' });
    expect(await matchCount()).toBe(0);

    const candidates = json<{ candidates: { personId: string; age: number | null; givenName: string }[] }>(
      await coordinator.caller.get('/api/mentoring/mentees?q=kalnin'),
    ).candidates;
    expect(candidates.map((c) => [c.givenName, c.age])).toEqual([['Roberts', 15]]);
  });

  it('starts a match only with the consent recorded, and tells the key worker', async () => {
    const proposed = await propose();
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = json<{ id: string }>(proposed).id;
    const first = (await detailOf(id)).match;
    expect(first).toMatchObject({
      status: 'proposed',
      plannedMonths: 6,
      plannedEndOn: '2026-08-01',
      menteeAge: 15,
    });

    const noConsent = await coordinator.caller.post(`/api/mentoring/matches/${id}/start`, { version: 1 });
    expect(json<ErrorBody>(noConsent).error.fields?.[0]).toMatchObject({ field: 'consentBy' });
    const edit = await coordinator.caller.put(`/api/mentoring/matches/${id}`, {
      volunteerId: mentor,
      projectId,
      startsOn: '2026-02-02',
      goals: first.goals,
      needs: first.needs,
      consentBy: 'Inese Kalniņa (māte)',
      consentOn: '2026-01-28',
      version: 1,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // A stale screen does not start it.
    expect(
      (await coordinator.caller.post(`/api/mentoring/matches/${id}/start`, { version: 1 })).statusCode,
    ).toBe(409);
    const started = await coordinator.caller.post(`/api/mentoring/matches/${id}/start`, { version: 2 });
    expect(started.statusCode, started.body).toBe(200);
    expect((await detailOf(id)).match).toMatchObject({
      status: 'active',
      startedOn: '2026-02-02',
      keyWorkerInformedOn: '2026-03-02',
    });
    const notices = json<{ notices: { kind: string; caseId: string; userName: string }[] }>(
      await keyWorker.caller.get('/api/notices'),
    ).notices;
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: 'mentoring_started', caseId, userName: 'Laura Mentore' }),
    );
    // Only the centre's coordinators see it; a specialist has no mentoring at all.
    expect((await elsewhere.caller.get(`/api/mentoring/matches/${id}`)).statusCode).toBe(404);
    expect((await keyWorker.caller.get('/api/mentoring/matches')).statusCode).toBe(403);
  });

  it('logs meetings as activities on the case and as volunteer hours of the project, counted once', async () => {
    const [match] = json<{ matches: MatchView[] }>(
      await coordinator.caller.get('/api/mentoring/matches?status=active'),
    ).matches;
    const meet = (body: Record<string, unknown>) =>
      coordinator.caller.post(`/api/mentoring/matches/${match!.id}/meetings`, {
        durationMinutes: 90,
        what: 'Futbols un mājasdarbi',
        ...body,
      });
    const before = await budget();
    expect((await meet({ heldOn: '2026-02-10' })).statusCode).toBe(201);
    expect((await budget()).volunteerWork.hours - before.volunteerWork.hours).toBe(1.5);
    // The key worker sees the meeting on the case, the young person present.
    const activities = json<{ activities: ActivityView[] }>(
      await keyWorker.caller.get(`/api/cases/${caseId}/activities`),
    ).activities;
    const meeting = activities.find((a) => a.typeCode === 'mentoring_meeting')!;
    expect(meeting).toMatchObject({ occursOn: '2026-02-10', durationMinutes: 90, projectIds: [projectId] });
    expect(meeting.participants).toEqual([expect.objectContaining({ personId: son, attendance: 'present' })]);

    // The same day again: probably a double click or a repeat; confirmed, it is a second meeting.
    expect((await meet({ heldOn: '2026-02-10' })).statusCode).toBe(409);
    // Before the match started, or in the future: refused.
    expect(json<ErrorBody>(await meet({ heldOn: '2026-01-20' })).error.fields?.[0]).toMatchObject({
      field: 'heldOn',
    });
    expect((await meet({ heldOn: '2026-03-05' })).statusCode).toBe(400);

    // Hours entered by hand for a day are not counted twice: the meeting asks whether they include it.
    const hand = await coordinator.caller.post(`/api/projects/${projectId}/volunteer-hours`, {
      volunteerId: mentor,
      workedOn: '2026-02-17',
      hours: 2,
    });
    expect(hand.statusCode, hand.body).toBe(200);
    const twice = await meet({ heldOn: '2026-02-17' });
    expect(json<ErrorBody>(twice).error.fields?.[0]).toMatchObject({ field: 'hoursEnteredByHand' });
    expect((await meet({ heldOn: '2026-02-17', hoursEnteredByHand: true })).statusCode).toBe(201);
    expect((await budget()).volunteerWork.hours - before.volunteerWork.hours).toBe(3.5);
    // …and a meeting's hours are not entered again by hand.
    const again = await coordinator.caller.post(`/api/projects/${projectId}/volunteer-hours`, {
      volunteerId: mentor,
      workedOn: '2026-02-10',
      hours: 1,
    });
    expect(json<ErrorBody>(again).error.fields?.[0]).toMatchObject({ field: 'workedOn' });

    const detail = await detailOf(match!.id);
    expect(detail.match).toMatchObject({ meetingsHeld: 2, lastMeetingOn: '2026-02-17' });
    expect(detail.meetings.map((m) => [m.heldOn, m.hours])).toEqual([
      ['2026-02-10', 1.5],
      ['2026-02-17', null],
    ]);
  });

  it('corrects and voids a meeting with its activity and hours', async () => {
    const [match] = json<{ matches: MatchView[] }>(
      await coordinator.caller.get('/api/mentoring/matches?status=active'),
    ).matches;
    const { meetings } = await detailOf(match!.id);
    const first = meetings[0]!;
    const before = await budget();
    const corrected = await coordinator.caller.patch(
      `/api/mentoring/matches/${match!.id}/meetings/${first.id}`,
      {
        version: first.version,
        heldOn: first.heldOn,
        durationMinutes: 120,
        outcome: 'absent',
        what: 'Roberts neatnāca; runājām ar māti',
      },
    );
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await budget()).volunteerWork.hours - before.volunteerWork.hours).toBe(0.5);
    const activity = json<{ activities: ActivityView[] }>(
      await keyWorker.caller.get(`/api/cases/${caseId}/activities`),
    ).activities.find((a) => a.occursOn === first.heldOn)!;
    expect(activity.participants[0]).toMatchObject({ attendance: 'absent' });
    expect((await detailOf(match!.id)).match.meetingsHeld).toBe(1);

    const voidIt = await coordinator.caller.post(
      `/api/mentoring/matches/${match!.id}/meetings/${first.id}/void`,
      {
        version: first.version + 1,
        reason: 'Ierakstīts nepareizajam pārim',
      },
    );
    expect(voidIt.statusCode, voidIt.body).toBe(200);
    expect((await budget()).volunteerWork.hours).toBe(before.volunteerWork.hours - 1.5);
    const after = json<{ activities: ActivityView[] }>(
      await keyWorker.caller.get(`/api/cases/${caseId}/activities`),
    ).activities.find((a) => a.occursOn === first.heldOn)!;
    expect(after.voided).toMatchObject({ reason: 'Ierakstīts nepareizajam pārim' });
  });

  it('shows the coordinator a match without a meeting for a month, and one reaching its planned end', async () => {
    expect(json<Dashboard>(await coordinator.caller.get('/api/dashboard')).mentoring).toEqual({
      quiet: [],
      reviewsDue: [],
      endingSoon: [],
      checksExpiring: [],
    });
    // Later days, seen with her rights (a jump of the clock would end her session).
    const actor: Actor = {
      userId: coordinator.id,
      organisationId: t().organisationId,
      sessionId: crypto.randomUUID(),
      email: coordinator.email,
      givenName: 'Māra',
      familyName: 'Koordinatore',
      specialty: null,
      language: 'lv',
      mustChangePassword: false,
      roles: [{ role: 'mentoring_coordinator', centreId }],
    };
    const watch = (today: string) => t().system((ctx) => mentoringWatch({ ...ctx, actor }, today));
    const later = await watch('2026-03-20');
    expect(later.quiet).toEqual([
      expect.objectContaining({ menteeName: 'Roberts Kalniņš', lastMeetingOn: '2026-02-17' }),
    ]);
    expect(later.endingSoon).toEqual([]);
    expect((await watch('2026-07-10')).endingSoon).toEqual([
      expect.objectContaining({ volunteerName: 'Laura Mentore', plannedEndOn: '2026-08-01' }),
    ]);
    // Its mid-point (02.05.2026) passed without a review: due until one is recorded.
    expect((await watch('2026-05-05')).reviewsDue).toEqual([
      expect.objectContaining({ menteeName: 'Roberts Kalniņš', midpointOn: '2026-05-02' }),
    ]);
    const match = json<{ matches: MatchView[] }>(
      await coordinator.caller.get('/api/mentoring/matches?status=active'),
    ).matches[0]!;
    const early = await coordinator.caller.post(`/api/mentoring/matches/${match.id}/reviews`, {
      reviewedOn: '2026-01-30',
      progress: 'x',
    });
    expect(json<ErrorBody>(early).error.fields?.[0]).toMatchObject({ field: 'reviewedOn' });
    const reviewed = await coordinator.caller.post(`/api/mentoring/matches/${match.id}/reviews`, {
      reviewedOn: '2026-03-01',
      progress: 'Tiekas regulāri; Roberts atzīmes uzlabojis',
      nextSteps: 'Turpināt',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect((await watch('2026-05-05')).reviewsDue).toEqual([]);
    expect((await detailOf(match.id)).reviews).toEqual([
      expect.objectContaining({ reviewedOn: '2026-03-01', nextSteps: 'Turpināt', voided: null }),
    ]);
    // The certificate of 10.01.2026 is in force until 09.01.2027: named from 10.12.2026.
    expect((await watch('2026-12-15')).checksExpiring).toEqual([
      expect.objectContaining({ name: 'Laura Mentore', kind: 'criminal_record', expiresOn: '2027-01-09' }),
    ]);
    // A specialist's home page has no mentoring part.
    expect(json<Dashboard>(await keyWorker.caller.get('/api/dashboard')).mentoring).toBeNull();
  });

  it('pauses, resumes and closes a match, early only with a reason, and audits every read', async () => {
    const [match] = json<{ matches: MatchView[] }>(
      await coordinator.caller.get('/api/mentoring/matches?status=active'),
    ).matches;
    const post = (action: string, body: Record<string, unknown>) =>
      coordinator.caller.post(`/api/mentoring/matches/${match!.id}/${action}`, body);
    let version = match!.version;
    expect((await post('pause', { version, reason: '' })).statusCode).toBe(400);
    expect((await post('pause', { version, reason: 'Mentore slima' })).statusCode).toBe(200);
    version += 1;
    expect((await post('resume', { version })).statusCode).toBe(200);
    version += 1;
    const noReason = await post('close', { version, endedOn: '2026-03-01', outcome: 'partly_met' });
    expect(json<ErrorBody>(noReason).error.fields?.[0]).toMatchObject({ field: 'reason' });
    expect((await detailOf(match!.id)).match.status).toBe('active');
    const beforeMeeting = await post('close', {
      version,
      endedOn: '2026-02-12',
      reason: 'Ģimene pārcēlās',
      outcome: 'partly_met',
    });
    expect(json<ErrorBody>(beforeMeeting).error.fields?.[0]).toMatchObject({ field: 'endedOn' });
    const closed = await post('close', {
      version,
      endedOn: '2026-03-01',
      reason: 'Ģimene pārcēlās uz Rīgu',
      outcome: 'partly_met',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await detailOf(match!.id)).match).toMatchObject({
      status: 'closed',
      endKind: 'early',
      endReason: 'Ģimene pārcēlās uz Rīgu',
      outcome: 'partly_met',
    });
    const reads = await t().database.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'mentoring.read' AND entity_id = $1`,
      [match!.id],
    );
    expect(Number(reads[0]!.n)).toBeGreaterThan(0);
  });

  it('records a supervision session with mentors of her centre only, and voids one recorded in error', async () => {
    const [centreOfHers] = json<{ centres: { id: string }[] }>(
      await coordinator.caller.get('/api/mentoring/matches'),
    ).centres;
    const supervise = (user: TestUser, body: Record<string, unknown>) =>
      user.caller.post('/api/mentoring/supervisions', {
        heldOn: '2026-02-20',
        durationMinutes: 90,
        volunteerIds: [mentor],
        notes: 'Grupas supervīzija',
        ...body,
      });
    expect((await supervise(coordinator, { centreId: centreOfHers!.id })).statusCode).toBe(201);
    // Not at another centre, not for an unknown volunteer.
    const notHers = await supervise(elsewhere, { centreId: centreOfHers!.id });
    expect(json<ErrorBody>(notHers).error.fields?.[0]).toMatchObject({ field: 'centreId' });
    const stranger = await supervise(coordinator, {
      centreId: centreOfHers!.id,
      volunteerIds: [crypto.randomUUID()],
    });
    expect(json<ErrorBody>(stranger).error.fields?.[0]).toMatchObject({ field: 'volunteerIds' });
    const { supervisions } = json<{
      supervisions: { id: string; version: number; mentors: { name: string }[] }[];
    }>(await coordinator.caller.get('/api/mentoring/supervisions'));
    expect(supervisions.map((s) => s.mentors.map((m) => m.name))).toEqual([['Laura Mentore']]);
    expect(
      json<{ supervisions: unknown[] }>(await elsewhere.caller.get('/api/mentoring/supervisions'))
        .supervisions,
    ).toEqual([]);
    expect(
      (
        await elsewhere.caller.post(`/api/mentoring/supervisions/${supervisions[0]!.id}/void`, {
          version: 1,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const voided = await coordinator.caller.post(`/api/mentoring/supervisions/${supervisions[0]!.id}/void`, {
      version: supervisions[0]!.version,
      reason: 'Ierakstīta divreiz',
    });
    expect(voided.statusCode, voided.body).toBe(200);
  });

  it('voids a proposal made in error, but not a match with meetings', async () => {
    const proposed = json<{ id: string }>(await propose({ startsOn: '2026-03-02' }));
    const voided = await coordinator.caller.post(`/api/mentoring/matches/${proposed.id}/void`, {
      version: 1,
      reason: 'Nepareizs jaunietis',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect((await detailOf(proposed.id)).match.voided).toMatchObject({ reason: 'Nepareizs jaunietis' });
    const [closed] = json<{ matches: MatchView[] }>(
      await coordinator.caller.get('/api/mentoring/matches?status=closed'),
    ).matches;
    const refused = await coordinator.caller.post(`/api/mentoring/matches/${closed!.id}/void`, {
      version: closed!.version,
      reason: 'x',
    });
    expect(json<ErrorBody>(refused).error.fields?.[0]).toMatchObject({ field: 'reason' });
  });
});
