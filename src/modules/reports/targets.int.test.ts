import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { activityTypeIds, registerFamily } from '../../../test/helpers/registry';

/*
 * Issue 18, rule 5: beside a figure stands the target for the period it covers: the project's, a year's
 * or a quarter's; for a period without a target of its own, none (never the whole project's).
 */
type Results = { indicators: { key: string; by: Record<string, string> | null; planned: number | null }[] };

describeOnDatabases('targets for the period shown', (t) => {
  let manager: TestUser;
  let projectId: string;

  beforeAll(async () => {
    manager = await t().user({ roles: [{ role: 'project_manager' }] });
    const centre = await t().createCentre('Mērķu centrs');
    const created = await manager.caller.post('/api/projects', {
      code: 'MĒRĶI-2023',
      titleLv: 'Mērķu projekts',
      startsOn: '2023-04-01',
      endsOn: '2024-12-31',
      centreIds: [centre],
      targets: [
        { indicatorKey: 'families_reached', plannedValue: 10 },
        { indicatorKey: 'families_reached', plannedValue: 3, periodYear: 2023 },
        { indicatorKey: 'families_reached', plannedValue: 8, periodYear: 2024 },
        { indicatorKey: 'families_reached', plannedValue: 2, periodYear: 2024, periodQuarter: 1 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    projectId = json<{ id: string }>(created).id;
    // A home visit in 2024 for the project, so that the report has a row for 2024.
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    const family = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Mērķa', familyName: 'Ģimene', birthYear: 1990 } },
    ]);
    const visit = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
      typeId: (await activityTypeIds(worker.caller)).home_visit,
      occursOn: '2024-05-06',
      durationMinutes: 60,
      place: 'home',
      projectIds: [projectId],
    });
    expect(visit.statusCode, visit.body).toBe(201);
  });

  const planned = async (query: string, by: Record<string, string> | null = null) =>
    json<Results>(
      await manager.caller.get(`/api/projects/${projectId}/reports/project-results?${query}`),
    ).indicators.find((i) => i.key === 'families_reached' && JSON.stringify(i.by) === JSON.stringify(by))
      ?.planned;

  it('sets the project’s, a year’s or a quarter’s target beside the unbroken figure', async () => {
    expect(await planned('')).toBe(10);
    expect(await planned('from=2024-01-01&to=2024-12-31')).toBe(8);
    // The project began in April 2023: its 2023 is April to December.
    expect(await planned('from=2023-04-01&to=2023-12-31')).toBe(3);
    expect(await planned('from=2024-01-01&to=2024-03-31')).toBe(2);
    expect(await planned('from=2024-04-01&to=2024-06-30')).toBeNull();
    expect(await planned('from=2024-02-01&to=2024-07-31')).toBeNull();
  });

  it('sets a year’s target beside its row only when the report covers that whole year', async () => {
    expect(await planned('', { year: '2024' })).toBe(8);
    expect(await planned('from=2024-01-01&to=2024-12-31', { year: '2024' })).toBe(8);
    expect(await planned('from=2024-01-01&to=2024-06-30', { year: '2024' })).toBeNull();
  });
});
