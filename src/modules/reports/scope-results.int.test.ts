import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { activityTypeIds, registerFamily } from '../../../test/helpers/registry';
import type { ScopeResults } from '../../shared/contracts/reports';

/*
 * Issue 18, rule 8: results without a project, for the organisation, a centre or a programme, for any
 * period. Bauska: two families with a home visit each in 2025 (one also in 2024); Valmiera: one family
 * with a consultation in 2025.
 */
describeOnDatabases('results for any scope', (t) => {
  let bauska: string;
  let valmiera: string;
  let board: TestUser;
  let bauskaManager: TestUser;
  let specialist: TestUser;

  beforeAll(async () => {
    bauska = await t().createCentre('Bauska');
    valmiera = await t().createCentre('Valmiera');
    specialist = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    const valmieraWorker = await t().user({ roles: [{ role: 'specialist', centreId: valmiera }] });
    board = await t().user({ roles: [{ role: 'project_manager', centreId: null }] });
    bauskaManager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    const types = await activityTypeIds(specialist.caller);
    const visit = async (worker: TestUser, centre: string, name: string, days: string[], type: string) => {
      const family = await registerFamily(
        worker.caller,
        centre,
        [
          {
            relation: 'mother',
            person: { givenName: 'Māte', familyName: name, birthDate: '1990-01-01', sex: 'female' },
          },
          { relation: 'child', person: { givenName: 'Bērns', familyName: name, birthDate: '2015-01-01' } },
        ],
        { referralDate: '2024-01-10' },
      );
      for (const occursOn of days) {
        const logged = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
          typeId: types[type],
          occursOn,
          durationMinutes: 60,
          place: type === 'home_visit' ? 'home' : 'centre',
        });
        expect(logged.statusCode, logged.body).toBe(201);
      }
    };
    await visit(specialist, bauska, 'Ozoli', ['2024-05-05', '2025-03-03'], 'home_visit');
    await visit(specialist, bauska, 'Liepas', ['2025-04-04'], 'home_visit');
    await visit(valmieraWorker, valmiera, 'Kalni', ['2025-05-05'], 'consultation');
  });

  const results = (user: TestUser, query: string) => user.caller.get(`/api/reports/results?${query}`);
  const total = (body: ScopeResults, key: string) =>
    body.indicators.find((i) => i.key === key && i.by === null)!;

  it('gives the whole organisation’s figures for a year, by centre, with the year before beside them', async () => {
    const response = await results(board, 'from=2025-01-01&to=2025-12-31');
    expect(response.statusCode, response.body).toBe(200);
    const body = json<ScopeResults>(response);
    expect(body.previous).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(total(body, 'families_reached')).toMatchObject({ achieved: 3, previous: 1 });
    expect(
      body.indicators
        .filter((i) => i.key === 'families_reached' && i.by?.centre)
        .map((i) => [i.by!.centre, i.achieved]),
    ).toEqual([
      ['Bauska', 2],
      ['Valmiera', 1],
    ]);
  });

  it('gives a centre manager her centre only, and no other centre', async () => {
    const own = json<ScopeResults>(await results(bauskaManager, 'from=2025-01-01&to=2025-12-31'));
    expect(total(own, 'families_reached').achieved).toBe(2);
    expect(own.indicators.some((i) => i.by?.centre === 'Valmiera')).toBe(false);
    expect(
      (await results(bauskaManager, `centreId=${valmiera}&from=2025-01-01&to=2025-12-31`)).statusCode,
    ).toBe(404);
    const named = json<ScopeResults>(
      await results(board, `centreId=${bauska}&from=2025-01-01&to=2025-12-31`),
    );
    expect(named.scope.centre).toBe('Bauska');
    expect(total(named, 'families_reached').achieved).toBe(2);
  });

  it('refuses people without reports and periods that end before they start', async () => {
    expect((await results(specialist, 'from=2025-01-01&to=2025-12-31')).statusCode).toBe(403);
    const backwards = await results(board, 'from=2025-12-31&to=2025-01-01');
    expect(backwards.statusCode).toBe(400);
  });

  it('downloads as a workbook with a sheet per breakdown, values translated', async () => {
    const response = await results(board, 'from=2025-01-01&to=2025-12-31&format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="2025-01-01_2025-12-31-results.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Kopā',
      'Centrs',
      'Aktivitātes veids',
      'Ceturksnis',
      'Dzimums',
      'Vecuma grupa',
      'Invaliditāte',
      'Dzīvesvietas pašvaldība',
    ]);
    const rows = workbook.getWorksheet('Aktivitātes veids')!.getSheetValues().slice(6) as unknown[][];
    expect(rows).toContainEqual([undefined, 'Ģimenes, kas saņēmušas atbalstu', 'Mājas vizīte', 2]);
  });
});
