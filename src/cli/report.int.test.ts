import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/atbalsts.mjs', import.meta.url));

// The CLI as a newcomer runs it, on an embedded database holding the reference dataset.
describe('atbalsts demo and report', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atb-report-'));
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, TZ: 'Europe/Riga' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const eea = '2012.EEZ/PP/1/MAC/150/008';

  beforeAll(() => {
    const loaded = run('demo', '--reference');
    expect(loaded.stderr).toBe('');
    expect(loaded.status).toBe(0);
    expect(loaded.stdout).toContain('Password (every demo user): demo-atbalsts-2026');
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to load the reference dataset twice', () => {
    const again = run('demo', '--reference');
    expect(again.status).toBe(2);
    expect(again.stderr.trim()).toBe('The reference dataset is already loaded in this database.');
  });

  it('gives project results as JSON in the agreed shape: 129 families against 116, 271 children against 250', () => {
    const result = run('report', 'project-results', '--project', eea, '--format', 'json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.project.code).toBe(eea);
    expect(report.period).toEqual({ from: '2013-11-01', to: '2015-07-31' });
    expect(report.indicators).toContainEqual({
      key: 'families_reached',
      by: null,
      planned: 116,
      achieved: 129,
    });
    expect(report.indicators).toContainEqual({
      key: 'children_in_families_reached',
      by: null,
      planned: 250,
      achieved: 271,
    });
    expect(report.indicators).toContainEqual({
      key: 'events_held',
      by: { activity_type: 'camp', centre: 'Bauska' },
      planned: null,
      achieved: 2,
    });
    expect(report.indicators).toContainEqual({
      key: 'persons_reached',
      by: { activity_type: 'mentoring_meeting' },
      planned: null,
      achieved: 6,
    });
  });

  it('compares 2018 with 2017 per programme', () => {
    const result = run(
      'report',
      'compare',
      '--project',
      'SOS-RKC-2017',
      '--period',
      '2018',
      '--previous',
      '2017',
      '--format',
      'json',
    );
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.period).toEqual({ from: '2018-01-01', to: '2018-12-31' });
    expect(report.previous).toEqual({ from: '2017-01-01', to: '2017-12-31' });
    expect(report.indicators).toContainEqual({
      key: 'families_reached',
      by: { programme: 'Pārinieks' },
      current: 40,
      previous: 27,
      change: 13,
    });
    expect(report.indicators).toContainEqual({
      key: 'women_reached',
      by: { programme: 'Piedzimstot bērniņam' },
      current: 164,
      previous: 89,
      change: 75,
    });
  });

  it('shows the Riga budget in cents with the 20 EUR inconsistency', () => {
    const report = JSON.parse(
      run('report', 'budget', '--project', 'SOS-RKC-2017', '--format', 'json').stdout,
    );
    expect(report).toMatchObject({
      declared_total_cents: 89_850_000,
      computed_total_cents: 89_852_000,
      difference_cents: 2_000,
    });
    expect(report.sources).toEqual([
      { type: 'municipal', name: 'Rīgas domes līdzfinansējums', amount_cents: 43_416_000 },
      { type: 'own_funds', name: 'Biedrības līdzekļi', amount_cents: 46_436_000 },
    ]);
    expect(report.inconsistencies.map((i: { code: string }) => i.code)).toEqual(['DECLARED_TOTAL_MISMATCH']);
    const eeaBudget = JSON.parse(run('report', 'budget', '--project', eea, '--format', 'json').stdout);
    expect(eeaBudget.computed_total_cents).toBe(11_200_000);
    expect(eeaBudget.co_financing).toEqual({ share: 0.1, required_share: 0.1, met: true });
  });

  it('writes the public summary with Latvian plural forms, and in English', () => {
    const lv = run('report', 'public-summary', '--project', eea, '--format', 'text');
    expect(lv.stdout).toContain(
      'Projekta aktivitāšu nodrošināto atbalstu saņēmušas 129 ģimenes (plānots 116), kurās ir 271 bērns (plānots 250).',
    );
    const en = run('report', 'public-summary', '--project', eea, '--format', 'text', '--lang', 'en');
    expect(en.stdout).toContain(
      'The project’s activities supported 129 families (initially planned 116) with 271 children (initially planned 250).',
    );
  });

  it('saves XLSX with a sheet per section and PDF files', async () => {
    const xlsx = join(dataDir, 'results.xlsx');
    expect(run('report', 'project-results', '--project', eea, '--format', 'xlsx', '--out', xlsx).status).toBe(
      0,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((s) => s.name)).toContain('Mērķi un rezultāti');
    const sheet = workbook.getWorksheet('Mērķi un rezultāti')!;
    const families = sheet
      .getRows(1, sheet.rowCount)!
      .find((r) => r.getCell(1).value === 'Ģimenes, kas saņēmušas atbalstu');
    expect([families!.getCell(2).value, families!.getCell(3).value]).toEqual([116, 129]);
    const pdf = join(dataDir, 'results.pdf');
    expect(run('report', 'budget', '--project', 'SOS-RKC-2017', '--format', 'pdf', '--out', pdf).status).toBe(
      0,
    );
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+Roboto/);
  });

  it('gives a centre’s results for a year without a project', () => {
    const result = run('report', 'results', '--centre', 'Bauska', '--period', '2014', '--format', 'json');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      scope: { centre: string };
      previous: { from: string };
      indicators: { key: string; by: Record<string, string> | null; achieved: number }[];
    };
    expect(report.scope.centre).toBe('Bauska');
    expect(report.previous.from).toBe('2013-01-01');
    const families = report.indicators.find((i) => i.key === 'families_reached' && i.by === null)!;
    expect(families.achieved).toBeGreaterThan(0);
    // The centre's families by the children's age: every child counted in one band at least.
    const children = report.indicators.filter((i) => i.key === 'children_in_families_reached');
    expect(children.some((i) => i.by?.age_band === '7-12' && i.achieved > 0)).toBe(true);
  });

  it('answers bad arguments and unknown projects with one line and exit status 2', () => {
    for (const [args, message] of [
      [
        ['report', 'summary', '--project', eea],
        'Choose a report: project-results, compare, quarterly, budget, contract, public-summary, results.',
      ],
      [['report', 'project-results'], '--project CODE is required.'],
      [['report', 'project-results', '--project', 'NAV-TĀDA'], 'No project with the code "NAV-TĀDA".'],
      [
        ['report', 'project-results', '--project', eea, '--from', '2014-02-30', '--to', '2014-12-31'],
        '--from must be a date as YYYY-MM-DD, not "2014-02-30".',
      ],
      [
        ['report', 'budget', '--project', eea, '--format', 'docx'],
        '--format must be one of json, csv, xlsx, pdf, text.',
      ],
      [['report', 'compare', '--project', eea], 'compare needs --period or --from/--to.'],
      [['report', 'results', '--period', '2014', '--centre', 'Nekur'], 'No centre named "Nekur".'],
      [
        ['report', 'results', '--project', eea, '--period', '2014'],
        'results is for the organisation, a --centre or a --programme, not a project.',
      ],
    ] as const) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim()).toBe(message);
      expect(result.stdout).toBe('');
    }
  }, 120_000); // six CLI processes, each starting Node and the embedded database: slow on a loaded machine
});
