import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { activityTypeIds, registerFamily } from '../../../test/helpers/registry';
import type { ActivityType } from '../../shared/contracts/activities';
import type { Dashboard } from '../../shared/contracts/dashboard';

// The test clock starts on Monday 2026-03-02.
describeOnDatabases('dashboards', (t) => {
  let bauska: string;
  let worker: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let types: Record<string, string>;
  let caseId: string;

  beforeAll(async () => {
    bauska = await t().createCentre('Bauska');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    colleague = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    const catalogue = json<{ types: ActivityType[] }>(await worker.caller.get('/api/activity-types'));
    types = Object.fromEntries(catalogue.types.filter((x) => x.code).map((x) => [x.code!, x.id]));
    ({ caseId } = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Sanita', familyName: 'Lapiņa', birthDate: '1992-09-09' } },
    ]));
    const log = (occursOn: string, followUpOn: string | null, type = 'consultation') =>
      worker.caller.post(`/api/cases/${caseId}/activities`, {
        typeId: types[type],
        occursOn,
        durationMinutes: 60,
        place: 'centre',
        followUpOn,
      });
    // An overdue follow-up (26.02) and one due today.
    await log('2026-02-10', '2026-02-26');
    await log('2026-02-20', '2026-03-02', 'home_visit');
    const plan = json<{ id: string }>(
      await worker.caller.post(`/api/cases/${caseId}/plans`, {
        title: 'Plāns',
        nextReviewOn: '2026-03-05',
        goals: [{ area: 'care', description: 'Drošs mājoklis' }],
      }),
    );
    await worker.caller.post(`/api/plans/${plan.id}/submit`);
    await manager.caller.post(`/api/plans/${plan.id}/decision`, { decision: 'approve' });
  });

  it('shows a specialist today’s and overdue follow-ups, plan reviews due and recent activities of their cases', async () => {
    const board = json<Dashboard>(await worker.caller.get('/api/dashboard'));
    expect(board.today).toBe('2026-03-02');
    expect(board.specialist!.followUps.map((f) => [f.followUpOn, f.overdue])).toEqual([
      ['2026-02-26', true],
      ['2026-03-02', false],
    ]);
    expect(board.specialist!.reviewsDue.map((r) => [r.title, r.nextReviewOn])).toEqual([
      ['Plāns', '2026-03-05'],
    ]);
    expect(board.specialist!.recent.map((r) => r.occursOn)).toEqual(['2026-02-20', '2026-02-10']);
    expect(board.manager).toBeNull();
    // A colleague who is not on the team sees none of it.
    const other = json<Dashboard>(await colleague.caller.get('/api/dashboard'));
    expect(other.specialist).toEqual({ followUps: [], reviewsDue: [], recent: [] });
  });

  it('clears a follow-up once something is held on the case on or after its date', async () => {
    await worker.caller.post(`/api/cases/${caseId}/activities`, {
      typeId: types.consultation,
      occursOn: '2026-02-27',
      durationMinutes: 30,
      place: 'online',
    });
    const board = json<Dashboard>(await worker.caller.get('/api/dashboard'));
    expect(board.specialist!.followUps.map((f) => f.followUpOn)).toEqual(['2026-03-02']);
  });

  it('drops the follow-up of an activity once it is voided, on the dashboard and on the family page', async () => {
    // At a centre of its own, so that the other figures here stay as they are.
    const cēsis = await t().createCentre('Cēsis');
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: cēsis }] });
    const family = await registerFamily(worker.caller, cēsis, [
      { relation: 'mother', person: { givenName: 'Dace', familyName: 'Kļava', birthDate: '1989-04-04' } },
    ]);
    const logged = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
      typeId: types.consultation,
      occursOn: '2026-02-25',
      durationMinutes: 60,
      place: 'centre',
      followUpOn: '2026-03-01',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const board = json<Dashboard>(await worker.caller.get('/api/dashboard'));
    const followUp = board.specialist!.followUps.find((f) => f.caseId === family.caseId)!;
    expect(followUp.followUpOn).toBe('2026-03-01');
    const activity = json<{ activities: { id: string; version: number }[] }>(
      await worker.caller.get(`/api/cases/${family.caseId}/activities`),
    ).activities[0]!;
    const voided = await worker.caller.post(`/api/activities/${activity.id}/void`, {
      version: activity.version,
      reason: 'Ierakstīts nepareizai ģimenei',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    const after = json<Dashboard>(await worker.caller.get('/api/dashboard'));
    expect(after.specialist!.followUps.filter((f) => f.caseId === family.caseId)).toEqual([]);
    const page = json<{ nextFollowUp: string | null }>(
      await worker.caller.get(`/api/cases/${family.caseId}`),
    );
    expect(page.nextFollowUp).toBeNull();
  });

  it('shows a manager the centre’s week: activities by type, new referrals, open cases by risk', async () => {
    await registerFamily(
      worker.caller,
      bauska,
      [{ relation: 'mother', person: { givenName: 'Ilze', familyName: 'Jaunā', birthDate: '1990-01-01' } }],
      { referralDate: '2026-03-02' },
    );
    await worker.caller.post(`/api/cases/${caseId}/activities`, {
      typeId: types.home_visit,
      occursOn: '2026-03-02',
      durationMinutes: 60,
      place: 'home',
    });
    const board = json<Dashboard>(await manager.caller.get('/api/dashboard'));
    expect([board.manager!.weekFrom, board.manager!.weekTo]).toEqual(['2026-03-02', '2026-03-08']);
    expect(board.manager!.activitiesByType.map((a) => [a.code, a.count])).toEqual([['home_visit', 1]]);
    expect(board.manager!.newReferrals).toBe(1);
    expect(board.manager!.openByRisk.reduce((sum, r) => sum + r.count, 0)).toBe(2);
  });

  it('shows a manager what waits for her: a plan submitted, a case transferred to her centre', async () => {
    const before = json<Dashboard>(await manager.caller.get('/api/dashboard')).manager!;
    expect([before.plansToApprove, before.transfersToDecide]).toEqual([[], []]);
    const plan = json<{ id: string }>(
      await worker.caller.post(`/api/cases/${caseId}/plans`, {
        title: 'Otrais plāns',
        goals: [{ area: 'care', description: 'Bērnudārzs' }],
      }),
    );
    expect((await worker.caller.post(`/api/plans/${plan.id}/submit`)).statusCode).toBe(200);
    const valmiera = await t().createCentre('Valmiera');
    const valmieraManager = await t().user({ roles: [{ role: 'centre_manager', centreId: valmiera }] });
    const moved = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Dace', familyName: 'Bērziņa', birthDate: '1988-08-08' } },
    ]);
    expect(
      (await manager.caller.post(`/api/cases/${moved.caseId}/transfer`, { toCentreId: valmiera })).statusCode,
    ).toBe(200);
    const own = json<Dashboard>(await manager.caller.get('/api/dashboard')).manager!;
    expect(own.plansToApprove).toEqual([
      { caseId, familyName: 'Lapiņu ģimene', planId: plan.id, title: 'Otrais plāns' },
    ]);
    expect(own.transfersToDecide).toEqual([]);
    const receiving = json<Dashboard>(await valmieraManager.caller.get('/api/dashboard')).manager!;
    expect(receiving.plansToApprove).toEqual([]);
    expect(receiving.transfersToDecide).toEqual([
      { caseId: moved.caseId, familyName: 'Bērziņu ģimene', fromCentre: 'Bauska' },
    ]);
  });
});

describeOnDatabases('the project home page', (t) => {
  it('shows project managers and finance officers their active projects: families against target, money against budget', async () => {
    const centre = await t().createCentre('Projektu centrs');
    const pm = await t().user({ roles: [{ role: 'project_manager', centreId: null }] });
    const finance = await t().user({ roles: [{ role: 'finance_officer', centreId: null }] });
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    // Nothing yet: an empty list, not an error.
    expect(json<Dashboard>(await pm.caller.get('/api/dashboard')).projects).toEqual([]);
    const created = await pm.caller.post('/api/projects', {
      code: 'MĀJAS-2026',
      titleLv: 'Mājas projekts',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      status: 'active',
      centreIds: [centre],
      targets: [{ indicatorKey: 'families_reached', plannedValue: 4 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const projectId = json<{ id: string }>(created).id;
    const budget = await finance.caller.put(`/api/projects/${projectId}/budget`, {
      lines: [{ category: 'Personāls', plannedCents: 100_000 }],
      sources: [{ type: 'grant', name: 'Dotācija', amountCents: 100_000 }],
    });
    expect(budget.statusCode, budget.body).toBe(200);
    const line = json<{ lines: { id: string }[] }>(budget).lines[0]!.id;
    const spent = await finance.caller.post(`/api/projects/${projectId}/expenditures`, {
      budgetLineId: line,
      spentOn: '2026-02-15',
      amountCents: 25_050,
    });
    expect(spent.statusCode, spent.body).toBe(201);
    const types = await activityTypeIds(worker.caller);
    for (const name of ['Ozola', 'Liepa']) {
      const family = await registerFamily(worker.caller, centre, [
        { relation: 'mother', person: { givenName: 'Anna', familyName: name, birthDate: '1990-01-01' } },
      ]);
      const visit = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
        typeId: types.home_visit,
        occursOn: '2026-02-20',
        durationMinutes: 60,
        place: 'home',
        projectIds: [projectId],
      });
      expect(visit.statusCode, visit.body).toBe(201);
    }
    for (const user of [pm, finance])
      expect(json<Dashboard>(await user.caller.get('/api/dashboard')).projects).toEqual([
        {
          id: projectId,
          code: 'MĀJAS-2026',
          title: 'Mājas projekts',
          endsOn: '2026-12-31',
          familiesPlanned: 4,
          familiesReached: 2,
          plannedCents: 100_000,
          spentCents: 25_050,
        },
      ]);
    // A specialist has no projects part.
    expect(json<Dashboard>(await worker.caller.get('/api/dashboard')).projects).toBeNull();
  });
});

describeOnDatabases('the administrator’s home page', (t) => {
  it('counts users and centres and says what is left to set up, with where to do it', async () => {
    const admin = await t().user({ roles: [{ role: 'administrator', centreId: null }] });
    const first = json<Dashboard>(await admin.caller.get('/api/dashboard')).admin!;
    expect(first).toEqual({
      activeUsers: 1,
      usersWithoutRoles: 0,
      centres: 0,
      mfaRequired: false,
      tasks: ['createCentre', 'addStaff', 'requireMfa'],
    });
    const centre = await t().createCentre('Iestatīšanas centrs');
    await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    await t().user({ roles: [] });
    const later = json<Dashboard>(await admin.caller.get('/api/dashboard')).admin!;
    expect(later).toMatchObject({ activeUsers: 3, usersWithoutRoles: 1, centres: 1 });
    expect(later.tasks).toEqual(['grantRoles', 'requireMfa']);
    // Others have no administrator's part.
    const manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    expect(json<Dashboard>(await manager.caller.get('/api/dashboard')).admin).toBeNull();
  });
});
