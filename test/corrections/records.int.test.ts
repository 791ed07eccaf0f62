import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { CaseAssessments, InstrumentView } from '../../src/shared/contracts/assessments';
import type { PlanView } from '../../src/shared/contracts/plans';
import type { BudgetView, ExpenditureView, VolunteerHoursView } from '../../src/shared/contracts/projects';
import type { HistoryResponse } from '../../src/shared/contracts/registry';
import { describeOnDatabases, json, type TestUser } from '../helpers/app';
import { registerFamily } from '../helpers/registry';

type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

/*
 * Issue 13: no logged fact needs raw SQL to be corrected. Money spent, volunteer hours, assessments and plan
 * reviews are corrected with the version they were read at (and a reason when old or published) and voided
 * with a reason; voided ones stay on record and count nowhere.
 */
describeOnDatabases('correcting and voiding money, volunteer hours, assessments and plan reviews', (t) => {
  let centre: string;
  let worker: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let finance: TestUser;
  let pm: TestUser;
  let caseId: string;

  /** A project of its own for each test: a report published in one does not make another's records "published". */
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

  beforeAll(async () => {
    centre = await t().createCentre('Labojumu centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    colleague = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    finance = await t().user({ roles: [{ role: 'finance_officer' }] });
    pm = await t().user({ roles: [{ role: 'project_manager' }] });
    ({ caseId } = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Inga', familyName: 'Labotā', birthYear: 1990 } },
    ]));
  }, 120_000);

  // One test moves the clock on by days: everyone signs in afresh before each test.
  beforeEach(async () => {
    for (const user of [worker, colleague, manager, finance, pm]) user.caller = await t().signIn(user.email);
  }, 60_000);

  it('corrects an amount and voids an expenditure; the sums and a published report follow', async () => {
    const projectId = await newProject('LAB-E');
    const budget = json<BudgetView>(
      await finance.caller.put(`/api/projects/${projectId}/budget`, {
        lines: [{ category: 'Telpu īre', plannedCents: 500000 }],
        sources: [{ type: 'grant', name: 'Fonds', amountCents: 500000 }],
      }),
    );
    const line = budget.lines[0]!.id;
    const spend = {
      budgetLineId: line,
      spentOn: '2026-02-10',
      amountCents: 12000,
      description: 'Īre februārī',
    };
    expect((await finance.caller.post(`/api/projects/${projectId}/expenditures`, spend)).statusCode).toBe(
      201,
    );
    const list = async () =>
      json<{ expenditures: ExpenditureView[] }>(
        await finance.caller.get(`/api/projects/${projectId}/expenditures`),
      ).expenditures;
    const [row] = await list();
    expect(row).toMatchObject({ amountCents: 12000, version: 1, voided: null });

    const fixed = await finance.caller.patch(`/api/projects/${projectId}/expenditures/${row!.id}`, {
      ...spend,
      amountCents: 21000,
      version: 1,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(json<BudgetView>(fixed).spentCents).toBe(21000);
    const stale = await finance.caller.patch(`/api/projects/${projectId}/expenditures/${row!.id}`, {
      ...spend,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);

    // Published: the next correction needs a reason, and voiding shows in "changed since publication".
    const snapshot = await pm.caller.post(`/api/projects/${projectId}/reports/quarterly/snapshots`, {});
    expect(snapshot.statusCode, snapshot.body).toBe(201);
    const noReason = await finance.caller.patch(`/api/projects/${projectId}/expenditures/${row!.id}`, {
      ...spend,
      amountCents: 22000,
      version: 2,
    });
    expect(noReason.statusCode).toBe(400);
    expect(json<ErrorBody>(noReason).error.fields?.[0]?.field).toBe('reason');
    // Only those who keep the money may change it.
    expect(
      (
        await worker.caller.post(`/api/projects/${projectId}/expenditures/${row!.id}/void`, {
          version: 2,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const voided = await finance.caller.post(`/api/projects/${projectId}/expenditures/${row!.id}/void`, {
      version: 2,
      reason: 'Rēķins atcelts',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(json<BudgetView>(voided).spentCents).toBe(0);
    expect((await list())[0]!.voided).toMatchObject({ reason: 'Rēķins atcelts' });
    const comparison = json<{ inputHash: string; currentHash: string; changes: unknown[] }>(
      await pm.caller.get(`/api/report-snapshots/${json<{ id: string }>(snapshot).id}`),
    );
    expect(comparison.currentHash).not.toBe(comparison.inputHash);
    expect(comparison.changes.length).toBeGreaterThan(0);
  });

  it('corrects and voids a volunteer’s hours; the value of volunteer work follows', async () => {
    const projectId = await newProject('LAB-V');
    const volunteer = json<{ id: string }>(
      await pm.caller.post('/api/volunteers', { givenName: 'Ilze', familyName: 'Brīvprātīgā' }),
    ).id;
    const hours = { volunteerId: volunteer, workedOn: '2026-02-12', hours: 3, description: 'Mentorings' };
    expect((await pm.caller.post(`/api/projects/${projectId}/volunteer-hours`, hours)).statusCode).toBe(200);
    const list = async () =>
      json<{ hours: VolunteerHoursView[] }>(await pm.caller.get(`/api/projects/${projectId}/volunteer-hours`))
        .hours;
    const worked = async () =>
      json<{ budget: BudgetView }>(await pm.caller.get(`/api/projects/${projectId}`)).budget.volunteerWork;
    const [row] = await list();
    expect(row).toMatchObject({ volunteerName: 'Ilze Brīvprātīgā', hours: 3, version: 1 });
    const fixed = await pm.caller.patch(`/api/projects/${projectId}/volunteer-hours/${row!.id}`, {
      ...hours,
      hours: 4.5,
      version: 1,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await worked()).hours).toBe(4.5);
    const outside = await pm.caller.patch(`/api/projects/${projectId}/volunteer-hours/${row!.id}`, {
      ...hours,
      workedOn: '2027-02-12',
      version: 2,
    });
    expect(json<ErrorBody>(outside).error.fields?.[0]?.field).toBe('workedOn');
    const voided = await pm.caller.post(`/api/projects/${projectId}/volunteer-hours/${row!.id}/void`, {
      version: 2,
      reason: 'Ierakstīts nepareizam projektam',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await worked()).toEqual({ hours: 0, valueCents: 0 });
    expect((await list())[0]!.voided).toMatchObject({ reason: 'Ierakstīts nepareizam projektam' });
  });

  it('corrects an assessment’s scores with a reason once it is old, voids one, and the change per domain follows', async () => {
    const instrument = json<{ instruments: InstrumentView[] }>(
      await worker.caller.get('/api/assessment-instruments'),
    ).instruments[0]!;
    const scores = (value: number) => instrument.domains.map((d) => ({ domain: d.key, score: value }));
    const record = async (phase: string, assessedOn: string, value: number) => {
      const created = await worker.caller.post(`/api/cases/${caseId}/assessments`, {
        instrumentId: instrument.id,
        phase,
        assessedOn,
        scores: scores(value),
      });
      expect(created.statusCode, created.body).toBe(201);
      return json<{ id: string }>(created).id;
    };
    const intake = await record('intake', '2026-01-15', 2);
    const review = await record('review', '2026-02-15', 4);
    const shown = async () =>
      json<CaseAssessments>(await worker.caller.get(`/api/cases/${caseId}/assessments`));
    expect((await shown()).changes[0]!.domains[0]!.change).toBe(2);

    // Eight days later the intake is found to have been scored 1 throughout: a reason is required now.
    t().clock.advanceMinutes(8 * 24 * 60);
    for (const user of [worker, colleague, manager]) user.caller = await t().signIn(user.email);
    const form = {
      instrumentId: instrument.id,
      phase: 'intake',
      assessedOn: '2026-01-15',
      scores: scores(1),
    };
    const noReason = await worker.caller.patch(`/api/assessments/${intake}`, { ...form, version: 1 });
    expect(noReason.statusCode, noReason.body).toBe(400);
    expect(json<ErrorBody>(noReason).error.fields?.[0]).toMatchObject({ field: 'reason' });
    const fixed = await worker.caller.patch(`/api/assessments/${intake}`, {
      ...form,
      version: 1,
      reason: 'Pārrakstīšanās kļūda',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await shown()).changes[0]!.domains[0]!).toMatchObject({ from: 1, to: 4, change: 3 });
    const history = json<HistoryResponse>(await worker.caller.get(`/api/cases/${caseId}/history`)).changes;
    expect(
      history.some((c) => c.entityType === 'assessment' && c.entityId === intake && c.field === 'scores'),
    ).toBe(true);

    // A colleague not on the case sees nothing of it.
    expect(
      (await colleague.caller.post(`/api/assessments/${review}/void`, { version: 1, reason: 'x' }))
        .statusCode,
    ).toBe(404);
    const voided = await manager.caller.post(`/api/assessments/${review}/void`, {
      version: 1,
      reason: 'Novērtējums citai ģimenei',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    const after = await shown();
    expect(after.changes).toEqual([]);
    expect(after.assessments.find((a) => a.id === review)!.voided).toMatchObject({
      reason: 'Novērtējums citai ģimenei',
    });
  });

  it('corrects a plan review’s progress and voids it; the plan’s next review follows', async () => {
    const created = await worker.caller.post(`/api/cases/${caseId}/plans`, {
      title: 'Plāns',
      nextReviewOn: '2026-04-01',
      goals: [{ area: 'livelihood', description: 'Darbs', targetOn: '2026-09-01', actions: [] }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const planId = json<{ id: string }>(created).id;
    await worker.caller.post(`/api/plans/${planId}/submit`);
    expect(
      (await manager.caller.post(`/api/plans/${planId}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(200);
    const plan = async () =>
      json<{ plans: PlanView[] }>(await worker.caller.get(`/api/cases/${caseId}/plans`)).plans.find(
        (p) => p.id === planId,
      )!;
    const goalId = (await plan()).goals[0]!.id;
    const first = {
      reviewedOn: '2026-02-01',
      nextReviewOn: '2026-05-01',
      goals: [{ goalId, progress: 'in_progress' }],
    };
    const second = {
      reviewedOn: '2026-02-20',
      nextReviewOn: '2026-06-01',
      goals: [{ goalId, progress: 'in_progress' }],
    };
    expect((await worker.caller.post(`/api/plans/${planId}/reviews`, first)).statusCode).toBe(201);
    const later = json<{ id: string }>(await worker.caller.post(`/api/plans/${planId}/reviews`, second)).id;
    expect((await plan()).nextReviewOn).toBe('2026-06-01');

    const fixed = await worker.caller.patch(`/api/plans/${planId}/reviews/${later}`, {
      ...second,
      goals: [{ goalId, progress: 'achieved', comment: 'Strādā kopš februāra' }],
      version: 1,
      reason: 'Mērķis jau sasniegts',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await plan()).reviews.find((r) => r.id === later)!.goals[0]).toMatchObject({
      progress: 'achieved',
    });

    const voided = await worker.caller.post(`/api/plans/${planId}/reviews/${later}/void`, {
      version: 2,
      reason: 'Pārskats dubultots',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    const now = await plan();
    expect(now.nextReviewOn).toBe('2026-05-01');
    expect(now.reviews.find((r) => r.id === later)!.voided).toMatchObject({ reason: 'Pārskats dubultots' });
    // A voided review is not corrected any more.
    const again = await worker.caller.patch(`/api/plans/${planId}/reviews/${later}`, {
      ...second,
      version: 3,
      reason: 'x',
    });
    expect(again.statusCode).toBe(400);
  });
});
