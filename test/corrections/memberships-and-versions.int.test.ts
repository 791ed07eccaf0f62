import { beforeAll, expect, it } from 'vitest';
import type { BudgetView, ProjectView } from '../../src/shared/contracts/projects';
import type { FamilyPage, HistoryResponse } from '../../src/shared/contracts/registry';
import { describeOnDatabases, json, type TestUser } from '../helpers/app';
import { registerFamily } from '../helpers/registry';

type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };
type Figure = { key: string; by: Record<string, string> | null; achieved: number };

/*
 * Issue 13, parts 4 and 6: records two people edit carry a version (a stale save answers 409 naming who
 * saved since), and registration dates do not drop children from the figures.
 */
describeOnDatabases('memberships, registration dates and versions', (t) => {
  let centre: string;
  let worker: TestUser;
  let colleague: TestUser;
  let pm: TestUser;
  let finance: TestUser;
  let consultation: string;

  const newProject = async (code: string) => {
    const project = await pm.caller.post('/api/projects', {
      code,
      titleLv: `Projekts ${code}`,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      centreIds: [centre],
    });
    expect(project.statusCode, project.body).toBe(201);
    return json<{ id: string }>(project).id;
  };
  const figure = async (projectId: string, key: string) =>
    json<{ indicators: Figure[] }>(
      await pm.caller.get(`/api/projects/${projectId}/reports/project-results`),
    ).indicators.find((i) => i.key === key && i.by === null)?.achieved ?? 0;

  beforeAll(async () => {
    centre = await t().createCentre('Reģistrācijas centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    colleague = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    pm = await t().user({ roles: [{ role: 'project_manager' }] });
    finance = await t().user({ roles: [{ role: 'finance_officer' }] });
    const types = json<{ types: { id: string; code: string | null }[] }>(
      await worker.caller.get('/api/activity-types'),
    ).types;
    consultation = types.find((x) => x.code === 'consultation')!.id;
  }, 120_000);

  it('makes the members of a new family members from birth, so an activity before the referral reaches the children', async () => {
    const projectId = await newProject('REG-1');
    const family = await registerFamily(
      worker.caller,
      centre,
      [
        { relation: 'mother', person: { givenName: 'Dace', familyName: 'Agrā', birthDate: '1990-04-04' } },
        { relation: 'child', person: { givenName: 'Roberts', familyName: 'Agrais', birthYear: 2018 } },
        { relation: 'child', person: { givenName: 'Anna', familyName: 'Agrā', birthDate: '2016-06-06' } },
        { relation: 'other', person: { givenName: 'Vecmāmiņa', familyName: 'Agrā' } },
      ],
      { referralDate: '2026-02-20' },
    );
    const page = json<FamilyPage>(await worker.caller.get(`/api/cases/${family.caseId}`));
    expect(page.members.map((m) => m.joinedOn).sort()).toEqual([
      '1900-01-01',
      '1990-04-04',
      '2016-06-06',
      '2018-01-01',
    ]);
    // The first consultation happened a week before the referral was written down.
    const logged = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
      typeId: consultation,
      occursOn: '2026-02-13',
      durationMinutes: 60,
      place: 'centre',
      projectIds: [projectId],
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(json<{ notCounted: string[] }>(logged).notCounted).toEqual([]);
    expect(await figure(projectId, 'children_in_families_reached')).toBe(2);
  });

  it('warns about people who joined after the activity, and counts them once their joining date is corrected', async () => {
    const projectId = await newProject('REG-2');
    const family = await registerFamily(worker.caller, centre, [
      {
        relation: 'mother',
        person: { givenName: 'Marta', familyName: 'Vēlā', birthDate: '1991-01-01' },
        joinedOn: '2026-01-01',
      },
      {
        relation: 'child',
        person: { givenName: 'Toms', familyName: 'Vēlais', birthDate: '2019-03-03' },
        joinedOn: '2026-03-01',
      },
    ]);
    const logged = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
      typeId: consultation,
      occursOn: '2026-02-10',
      durationMinutes: 60,
      place: 'centre',
      projectIds: [projectId],
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(json<{ notCounted: string[] }>(logged).notCounted).toEqual(['Toms Vēlais']);
    expect(await figure(projectId, 'children_in_families_reached')).toBe(0);

    const page = json<FamilyPage>(await worker.caller.get(`/api/cases/${family.caseId}`));
    const toms = page.members.find((m) => m.person.givenName === 'Toms')!;
    const url = `/api/families/${family.familyId}/members/${toms.id}`;
    const fix = {
      relation: 'child',
      joinedOn: '2019-03-03',
      version: toms.version,
      reason: 'Dzīvo ar māti kopš dzimšanas',
    };
    // Someone else's stale screen is refused after the first save, naming who saved.
    expect((await worker.caller.patch(url, fix)).statusCode).toBe(200);
    const stale = await worker.caller.patch(url, { ...fix, relation: 'other' });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.code).toBe('STALE_VERSION');
    expect(await figure(projectId, 'children_in_families_reached')).toBe(1);
    const history = json<HistoryResponse>(
      await worker.caller.get(`/api/cases/${family.caseId}/history`),
    ).changes;
    expect(
      history.filter((c) => c.entityType === 'family_member').map((c) => [c.field, c.oldValue, c.newValue]),
    ).toEqual([['joinedOn', '2026-03-01', '2019-03-03']]);
    // A leaving date before the joining date is refused, and a colleague not on the case sees nothing.
    const backwards = await worker.caller.patch(url, {
      ...fix,
      leftOn: '2010-01-01',
      version: toms.version + 1,
    });
    expect(json<ErrorBody>(backwards).error.fields?.[0]?.field).toBe('leftOn');
    expect((await colleague.caller.patch(url, { ...fix, version: toms.version + 1 })).statusCode).toBe(404);
  });

  it('refuses a project or budget saved from a stale screen', async () => {
    const projectId = await newProject('VER-1');
    const read = json<ProjectView>(await pm.caller.get(`/api/projects/${projectId}`));
    const form = {
      code: read.code,
      titleLv: 'Projekts ar jaunu nosaukumu',
      startsOn: read.startsOn,
      endsOn: read.endsOn,
      centreIds: [centre],
      version: read.version,
    };
    expect((await pm.caller.put(`/api/projects/${projectId}`, form)).statusCode).toBe(200);
    const stale = await pm.caller.put(`/api/projects/${projectId}`, { ...form, titleLv: 'Cits nosaukums' });
    expect(stale.statusCode).toBe(409);
    expect(json<ProjectView>(await pm.caller.get(`/api/projects/${projectId}`)).titleLv).toBe(
      'Projekts ar jaunu nosaukumu',
    );

    const budget = read.budget;
    const lines = [{ category: 'Algas', plannedCents: 100000 }];
    const saved = await finance.caller.put(`/api/projects/${projectId}/budget`, {
      lines,
      version: budget.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json<BudgetView>(saved).version).toBe(budget.version + 1);
    const staleBudget = await finance.caller.put(`/api/projects/${projectId}/budget`, {
      lines: [{ category: 'Īre', plannedCents: 5 }],
      version: budget.version,
    });
    expect(staleBudget.statusCode).toBe(409);
    expect(
      json<ProjectView>(await pm.caller.get(`/api/projects/${projectId}`)).budget.lines.map(
        (l) => l.category,
      ),
    ).toEqual(['Algas']);
  });

  it('refuses a plan saved from a stale screen', async () => {
    const { caseId } = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Plāna', familyName: 'Māte', birthYear: 1988 } },
    ]);
    const plan = {
      title: 'Plāns',
      goals: [{ area: 'livelihood', description: 'Darbs', targetOn: '2026-09-01', actions: [] }],
    };
    const planId = json<{ id: string }>(await worker.caller.post(`/api/cases/${caseId}/plans`, plan)).id;
    expect(
      (await worker.caller.put(`/api/plans/${planId}`, { ...plan, title: 'Plāns A', version: 1 })).statusCode,
    ).toBe(200);
    const stale = await worker.caller.put(`/api/plans/${planId}`, { ...plan, title: 'Plāns B', version: 1 });
    expect(stale.statusCode).toBe(409);
  });
});
