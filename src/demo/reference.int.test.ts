import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json } from '../../test/helpers/app';
import { type PdfElement, pdfStructure, pdfText } from '../../test/helpers/pdf-text';
import { programmes } from '../modules/programmes/tables';
import { projects } from '../modules/projects/tables';
import { computeIndicators, type Figure } from '../modules/reports/indicators';
import { type ContractReport, generateReport, type QuarterlyReport } from '../modules/reports/reports';
import type { MatchView, MentoringFigures } from '../shared/contracts/mentoring';
import { DemoRefusedError, loadReferenceDataset, referenceProjectCode, rigaProjectCode } from './reference';

const value = (figures: Figure[], key: Figure['key'], by: Figure['by'] = null) =>
  figures.find((f) => f.key === key && JSON.stringify(f.by) === JSON.stringify(by))?.value;

describeOnDatabases('the reference dataset', (t) => {
  let eea: string;
  let riga: string;

  beforeAll(async () => {
    await loadReferenceDataset(t().database, t().clock.now());
    const id = async (code: string) =>
      (
        await t().database.unsafeDb.select({ id: projects.id }).from(projects).where(eq(projects.code, code))
      )[0]!.id;
    eea = await id(referenceProjectCode);
    riga = await id(rigaProjectCode);
  }, 120_000);

  it('reproduces the Bauska–Valmiera project’s figures', async () => {
    const figures = await computeIndicators(
      t().database.unsafeDb,
      { organisationId: t().organisationId, from: '2013-11-01', to: '2015-07-31', projectId: eea },
      [['activity_type'], ['activity_type', 'centre']],
    );
    expect(value(figures, 'families_reached')).toBe(129);
    expect(value(figures, 'children_in_families_reached')).toBe(271);
    expect(value(figures, 'persons_reached', { activity_type: 'mentoring_meeting', centre: 'Bauska' })).toBe(
      6,
    );
    expect(
      value(figures, 'families_reached', { activity_type: 'support_group_session', centre: 'Valmiera' }),
    ).toBe(5);
    expect(
      value(figures, 'women_reached', { activity_type: 'support_group_session', centre: 'Bauska' }),
    ).toBe(10);
    expect(value(figures, 'groups_held', { activity_type: 'support_group_session', centre: 'Bauska' })).toBe(
      2,
    );
    expect(value(figures, 'families_reached', { activity_type: 'family_group_conference' })).toBe(6);
    expect(value(figures, 'events_held', { activity_type: 'camp' })).toBe(3);
    expect(value(figures, 'events_held', { activity_type: 'camp', centre: 'Bauska' })).toBe(2);
    expect(value(figures, 'events_held', { activity_type: 'camp', centre: 'Valmiera' })).toBe(1);
    expect(value(figures, 'events_held', { activity_type: 'closing_event' })).toBe(1);
  });

  it('runs the six Bauska mentoring matches as the coordinator’s workflow, whose figures match the project’s', async () => {
    const coordinator = await t().signIn('mentori@demo.atbalsts.lv', 'demo-atbalsts-2026');
    const figures = json<MentoringFigures>(
      await coordinator.get(`/api/mentoring/figures?from=2013-11-01&to=2015-07-31&projectId=${eea}`),
    );
    // Six young people, six months each (10.03–09.09.2014: 184 days), a two-hour meeting a month.
    expect(figures).toEqual({
      youngPeople: 6,
      started: 6,
      completedAsPlanned: 6,
      endedEarly: 0,
      averageDays: 184,
      meetingsHeld: 36,
      hours: 72,
      valueCents: 72 * 400,
    });
    const { matches } = json<{ matches: MatchView[] }>(await coordinator.get('/api/mentoring/matches'));
    expect(matches.map((m) => [m.status, m.endKind, m.meetingsHeld])).toEqual(
      Array.from({ length: 6 }, () => ['closed', 'planned', 6]),
    );
    // The year before the project: none.
    const before = json<MentoringFigures>(
      await coordinator.get('/api/mentoring/figures?from=2013-01-01&to=2013-12-31'),
    );
    expect(before).toMatchObject({ youngPeople: 0, started: 0, meetingsHeld: 0, averageDays: null });
  });

  it('reproduces the Riga programmes’ figures for 2017 and 2018', async () => {
    const names = Object.fromEntries(
      (await t().database.unsafeDb.select().from(programmes)).map((p) => [p.nameLv, p.id]),
    );
    const year = (y: number) =>
      computeIndicators(
        t().database.unsafeDb,
        { organisationId: t().organisationId, from: `${y}-01-01`, to: `${y}-12-31`, projectId: riga },
        [['programme']],
      );
    const [y2017, y2018] = [await year(2017), await year(2018)];
    const by = (name: string) => ({ programme: name });
    expect(value(y2017, 'women_reached', by('Piedzimstot bērniņam'))).toBe(89);
    expect(value(y2018, 'women_reached', by('Piedzimstot bērniņam'))).toBe(164);
    expect(value(y2018, 'groups_held', by('Piedzimstot bērniņam'))).toBe(8);
    expect(value(y2018, 'institutions_reached', by('Bērniem drošs un draudzīgs bērnudārzs'))).toBe(33);
    expect(value(y2018, 'families_reached', by('Kalniem pāri'))).toBe(56);
    expect(value(y2017, 'families_reached', by('Pārinieks'))).toBe(27);
    expect(value(y2018, 'families_reached', by('Pārinieks'))).toBe(40);
    expect(names.Pārinieks).toBeDefined();
  });

  it('gives quarterly progress and the contract quota against families served', async () => {
    const project = async (code: string) =>
      (await t().database.unsafeDb.select().from(projects).where(eq(projects.code, code)))[0]!;
    const quarterly = (await generateReport(
      t().database.unsafeDb,
      await project(referenceProjectCode),
      'quarterly',
      { language: 'lv' },
      '2026-03-02',
    )) as QuarterlyReport;
    expect(quarterly.quarters.map((q) => q.quarter)).toEqual([
      '2013-Q4',
      '2014-Q1',
      '2014-Q2',
      '2014-Q3',
      '2014-Q4',
      '2015-Q1',
      '2015-Q2',
      '2015-Q3',
    ]);
    expect(quarterly.quarters.at(-1)!.cumulative_families).toBe(129);
    expect(quarterly.quarters.reduce((sum, q) => sum + q.new_families, 0)).toBe(129);
    expect(quarterly.quarters.find((q) => q.quarter === '2014-Q3')!.activities).toContainEqual({
      activity_type: 'camp',
      count: 2,
    });
    const contract = (await generateReport(
      t().database.unsafeDb,
      await project(rigaProjectCode),
      'contract',
      { language: 'lv' },
      '2026-03-02',
    )) as ContractReport;
    expect(contract.contracts).toEqual([
      expect.objectContaining({
        number: 'RSD-2014-DL-01',
        quota_families: 100,
        families_served: 96,
        linked_cases: 96,
      }),
    ]);
  });

  it('lists the records behind a figure: codes for the project manager, her centre’s with names for a centre’s manager', async () => {
    const manager = await t().user({ roles: [{ role: 'project_manager', centreId: null }] });
    const by = encodeURIComponent(JSON.stringify({ activity_type: 'family_group_conference' }));
    const url = `/api/projects/${eea}/reports/records?key=families_reached&by=${by}`;
    const coded = (await manager.caller.get(url)).json() as {
      records: { code: string; name: string | null }[];
    };
    expect(coded.records).toHaveLength(6);
    expect(coded.records.every((r) => /^Ģ-[0-9A-F]{8}$/.test(r.code) && r.name === null)).toBe(true);
    const [bauska] = await t().database.query<{ id: string }>(`SELECT id FROM centres WHERE name = 'Bauska'`);
    const centreManager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska!.id }] });
    const named = (await centreManager.caller.get(url)).json() as {
      records: { code: string; name: string | null }[];
    };
    // Four conferences were in Bauska, two in Valmiera: Bauska's manager sees her centre's four, with the
    // names of the families (she may open their cases) and the same codes as the project manager.
    expect(named.records).toHaveLength(4);
    expect(named.records.filter((r) => r.name !== null)).toHaveLength(4);
    expect(coded.records.map((r) => r.code)).toEqual(
      expect.arrayContaining(named.records.map((r) => r.code)),
    );
    const women = (
      await manager.caller.get(
        `/api/projects/${eea}/reports/records?key=women_reached&by=${encodeURIComponent(JSON.stringify({ activity_type: 'support_group_session', centre: 'Bauska' }))}`,
      )
    ).json() as { records: unknown[] };
    expect(women.records).toHaveLength(10);
    const children = (
      await manager.caller.get(`/api/projects/${eea}/reports/records?key=children_in_families_reached`)
    ).json() as { records: { code: string }[] };
    // The 271 children of the families reached, each once, as person codes.
    expect(children.records).toHaveLength(271);
    expect(children.records.every((r) => /^P-[0-9A-F]{8}$/.test(r.code))).toBe(true);
    expect(
      (await manager.caller.get(`/api/projects/${eea}/reports/records?key=families_reached&by=nav`))
        .statusCode,
    ).toBe(400);
  });

  it('gives partner viewers aggregates only, centre managers their centres’ figures, and keyed pseudonyms', async () => {
    const viewer = await t().user({ roles: [{ role: 'partner_viewer', centreId: null }] });
    await t().database.query(`INSERT INTO project_viewers (project_id, user_id) VALUES ($1, $2)`, [
      eea,
      viewer.id,
    ]);
    const results = await viewer.caller.get(`/api/projects/${eea}/reports/project-results`);
    expect(results.statusCode).toBe(200);
    const rows = results.json().indicators as {
      key: string;
      by: Record<string, string> | null;
      achieved: unknown;
    }[];
    // Valmiera's support group reached 5 families, Bauska's 4 institutions…: cells of 1 to 4 people or
    // families come as "<5", every other count as it is.
    const people = ['families_reached', 'children_in_families_reached', 'persons_reached', 'women_reached'];
    const small = rows.filter((r) => people.includes(r.key) && r.achieved === '<5');
    expect(small.length).toBeGreaterThan(0);
    expect(
      rows.filter(
        (r) => people.includes(r.key) && typeof r.achieved === 'number' && r.achieved >= 1 && r.achieved <= 4,
      ),
    ).toEqual([]);
    expect(rows).toContainEqual({ key: 'families_reached', by: null, planned: 116, achieved: 129 });
    // No records behind a figure, no snapshots, no period finer than a quarter.
    expect(
      (await viewer.caller.get(`/api/projects/${eea}/reports/records?key=families_reached`)).statusCode,
    ).toBe(403);
    expect((await viewer.caller.get(`/api/projects/${eea}/snapshots`)).statusCode).toBe(403);
    const day = await viewer.caller.get(
      `/api/projects/${eea}/reports/project-results?from=2014-03-05&to=2014-03-05`,
    );
    expect(day.statusCode).toBe(400);
    const quarter = await viewer.caller.get(
      `/api/projects/${eea}/reports/project-results?from=2014-01-01&to=2014-03-31`,
    );
    expect(quarter.statusCode).toBe(200);
    const csv = await viewer.caller.get(`/api/projects/${eea}/reports/project-results?format=csv`);
    expect(csv.body).toContain('<5');
    // Latvian CSV opens in Latvian Excel: semicolons, a byte-order mark (issue 18, item 3).
    expect(csv.body.startsWith('\ufeffSadaļa;')).toBe(true);
    const english = await viewer.caller.get(
      `/api/projects/${eea}/reports/project-results?format=csv&lang=en`,
    );
    expect(english.body.startsWith('\ufeffSection,')).toBe(true);

    // A centre manager: the project's activity figures at her centre only, not its money.
    const [bauska] = await t().database.query<{ id: string }>(`SELECT id FROM centres WHERE name = 'Bauska'`);
    const manager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska!.id }] });
    const own = await manager.caller.get(`/api/projects/${eea}/reports/project-results`);
    expect(own.statusCode, own.body).toBe(200);
    const centres = new Set(
      (own.json().indicators as { by: Record<string, string> | null }[]).flatMap((r) =>
        r.by?.centre ? [r.by.centre] : [],
      ),
    );
    expect([...centres]).toEqual(['Bauska']);
    const whole = (own.json().indicators as { key: string; by: unknown; achieved: number }[]).find(
      (r) => r.key === 'families_reached' && r.by === null,
    )!;
    expect(whole.achieved).toBeGreaterThan(0);
    expect(whole.achieved).toBeLessThan(129);
    expect((await manager.caller.get(`/api/projects/${eea}/reports/budget`)).statusCode).toBe(403);
    // Her PDF has neither the project's money nor its quarterly progress.
    const ownPdf = (
      await pdfText(
        (
          await manager.caller.get(`/api/projects/${eea}/reports/project-results?format=pdf`)
        ).rawPayload,
      )
    ).pages.join('\n');
    expect(ownPdf).toContain('Rādītāju definīcijas');
    expect(ownPdf).not.toContain('Budžets un līdzfinansējums');
    expect(ownPdf).not.toContain('Ceturkšņu progress');
    const riga = await t().database.query<{ id: string }>(`SELECT id FROM projects WHERE code = $1`, [
      rigaProjectCode,
    ]);
    expect(
      (await manager.caller.get(`/api/projects/${riga[0]!.id}/reports/project-results`)).statusCode,
    ).toBe(404);

    // Records carry codes, never ids, and the code is not the old unkeyed MD5 of organisation and id.
    const pm = await t().user({ roles: [{ role: 'project_manager', centreId: null }] });
    const records = (await pm.caller.get(`/api/projects/${eea}/reports/records?key=families_reached`)).json()
      .records as Record<string, string>[];
    expect(records.every((r) => !('id' in r))).toBe(true);
    const familyIds = await t().database.query<{ id: string; md5: string }>(
      `SELECT id, 'Ģ-' || upper(substr(md5($1::text || id::text), 1, 8)) AS md5 FROM families`,
      [t().organisationId],
    );
    const unkeyed = new Set(familyIds.map((f) => f.md5));
    expect(records.filter((r) => unkeyed.has(r.code!))).toEqual([]);
  });

  it('refuses to load twice', async () => {
    await expect(loadReferenceDataset(t().database, t().clock.now())).rejects.toThrow(DemoRefusedError);
  });

  it('serves the reports to project managers as JSON and files, and to nobody without project access', async () => {
    const manager = await t().user({ roles: [{ role: 'project_manager', centreId: null }] });
    const results = await manager.caller.get(`/api/projects/${eea}/reports/project-results`);
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json().indicators).toContainEqual({
      key: 'families_reached',
      by: null,
      planned: 116,
      achieved: 129,
    });
    const xlsx = await manager.caller.get(`/api/projects/${eea}/reports/project-results?format=xlsx`);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers['content-disposition']).toBe(
      'attachment; filename="2012.EEZ_PP_1_MAC_150_008-project-results.xlsx"',
    );
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // One column per dimension, translated values (issue 18, item 2).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const byTypeAndCentre = workbook.getWorksheet('Aktivitātes veids, Centrs')!;
    expect(byTypeAndCentre.getRow(5).values).toEqual([
      undefined,
      'Rādītājs',
      'Aktivitātes veids',
      'Centrs',
      'Sasniegts',
    ]);
    const rows = byTypeAndCentre.getSheetValues().slice(6) as unknown[][];
    expect(rows).toContainEqual([undefined, 'Ģimenes, kas saņēmušas atbalstu', 'Nometne', 'Bauska', 16]);
    // The PDF a project manager sends as it is (issue 18, item 1), read back as text.
    const pdf = await manager.caller.get(`/api/projects/${eea}/reports/project-results?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    const { pages, info } = await pdfText(pdf.rawPayload);
    const [{ name: organisation }] = (await t().database.query<{ name: string }>(
      'SELECT name FROM organisations WHERE id = $1',
      [t().organisationId],
    )) as [{ name: string }];
    expect(pages.length).toBeGreaterThan(2);
    const cover = pages[0]!;
    for (const line of [
      'Mērķi un rezultāti',
      '2012.EEZ/PP/1/MAC/150/008',
      'Finansētājs: EEZ finanšu instruments',
      'Periods: 01.11.2013–31.07.2015',
      'Sagatavots 02.03.2026 09:00 (Rīgas laikā)',
    ])
      expect(cover).toContain(line);
    pages.forEach((page, index) => {
      expect(page).toContain(`${index + 1}. lapa no ${pages.length}`);
      if (index > 0)
        expect(page).toContain(`${organisation} · 2012.EEZ/PP/1/MAC/150/008 · Mērķi un rezultāti`);
    });
    const all = pages.join('\n');
    // The targets first, translated names in the breakdowns, never a code.
    expect(all.indexOf('Mērķi un rezultāti\nRādītājs Plānots Sasniegts Izpilde')).toBeLessThan(
      all.indexOf('Sadalījumā'),
    );
    expect(all).toContain('Ģimenes, kas saņēmušas atbalstu 116 129 111,2%');
    expect(all).toContain('Nometne');
    expect(all).not.toMatch(/\b(camp|support_group_session|home_visit)\b/);
    for (const part of [
      'Plānots un sasniegts',
      'Ceturkšņu progress',
      'Budžets un līdzfinansējums',
      'Rādītāju definīcijas',
      'Paraksts',
    ])
      expect(all).toContain(part);
    expect(info).toMatchObject({
      Title: `2012.EEZ/PP/1/MAC/150/008 · ${(results.json() as { project: { title: string } }).project.title}`,
      Author: organisation,
      Subject: 'Mērķi un rezultāti',
      Language: 'lv-LV',
    });
    // Tagged for a screen reader: headings, tables by row with header cells, charts as figures with
    // their numbers as the text alternative; the running header and page numbers skipped as artifacts.
    const tagged = await pdfStructure(pdf.rawPayload);
    expect(tagged.marked).toBe(true);
    expect(tagged.untagged).toEqual([]);
    const elements = (role: string, from: PdfElement[] = tagged.pages): PdfElement[] =>
      from.flatMap((e) => [...(e.role === role ? [e] : []), ...elements(role, e.children)]);
    expect(elements('H1').map((e) => e.text)).toEqual([
      `2012.EEZ/PP/1/MAC/150/008 · ${(results.json() as { project: { title: string } }).project.title}`,
    ]);
    const headings = elements('H2').map((e) => e.text);
    for (const heading of [
      'Mērķi un rezultāti',
      'Plānots un sasniegts',
      'Ceturkšņu progress',
      'Budžets un līdzfinansējums',
      'Rādītāju definīcijas',
      'Paraksts',
    ])
      expect(headings).toContain(heading);
    const [targets] = elements('Table', [tagged.pages[0]!]);
    const targetRows = targets!.children.map((tr) => tr.children.map((cell) => `${cell.role} ${cell.text}`));
    expect(targetRows[0]).toEqual(['TH Rādītājs', 'TH Plānots', 'TH Sasniegts', 'TH Izpilde']);
    expect(targetRows).toContainEqual([
      'TD Ģimenes, kas saņēmušas atbalstu',
      'TD 116',
      'TD 129',
      'TD 111,2%',
    ]);
    const alternatives = elements('Figure').map((e) => e.alt);
    expect(alternatives).toContainEqual(
      expect.stringContaining('Ģimenes, kas saņēmušas atbalstu: Plānots 116, Sasniegts 129'),
    );
    expect(alternatives).toContainEqual(expect.stringMatching(/^Ģimenes kopš sākuma: 2013-Q4 \d+/));
    expect(tagged.artifacts.join(' ')).toContain(`1. lapa no ${pages.length}`);
    const summary = await manager.caller.get(
      `/api/projects/${eea}/reports/public-summary?format=json&lang=en`,
    );
    expect(summary.json().sentences[0]).toBe(
      'The project’s activities supported 129 families (initially planned 116) with 271 children (initially planned 250).',
    );
    const compared = await manager.caller.get(
      `/api/projects/${riga}/reports/compare?from=2018-01-01&to=2018-12-31`,
    );
    expect(compared.json().previous).toEqual({ from: '2017-01-01', to: '2017-12-31' });
    // A quarter is compared with the quarter before it, by the calendar (issue 18, rule 6).
    const quarter = await manager.caller.get(
      `/api/projects/${riga}/reports/compare?from=2018-01-01&to=2018-03-31`,
    );
    expect(quarter.json().previous).toEqual({ from: '2017-10-01', to: '2017-12-31' });
    const bad = await manager.caller.get(`/api/projects/${eea}/reports/compare?from=2018-01-01`);
    expect(bad.statusCode).toBe(400);
    const specialist = await t().user({
      roles: [{ role: 'specialist', centreId: await t().createCentre('Cēsis') }],
    });
    expect((await specialist.caller.get(`/api/projects/${eea}/reports/budget`)).statusCode).toBe(403);
    const viewer = await t().user({ roles: [{ role: 'partner_viewer', centreId: null }] });
    expect((await viewer.caller.get(`/api/projects/${eea}/reports/budget`)).statusCode).toBe(404);
  });
});
