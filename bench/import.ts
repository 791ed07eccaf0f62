/**
 * Importing a large spreadsheet: `npm run bench:import [-- --rows 50000]`. A CSV of families of three
 * (a mother with a valid personal code and two children, everyone distinct from everyone else) is imported by a centre's manager through the
 * API, as the web page does: a check, then the run. On PGlite and, when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set, on PostgreSQL. Prints the time of each and the rows per second.
 */
import { parseArgs } from 'node:util';
import type { ImportJobView } from '../src/shared/contracts/imports';
import { createTestApp, type TestApp } from '../test/helpers/app';
import { benchDatabaseKinds } from '../test/helpers/databases';
import { personalCode } from '../test/helpers/personal-codes';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '50000' }, only: { type: 'string' } },
});
const rowCount = Number(values.rows);

const syllables = [
  'ka',
  'lē',
  'ri',
  'no',
  'vu',
  'ze',
  'pa',
  'to',
  'mi',
  'sa',
  'be',
  'du',
  'go',
  'ja',
  'la',
  'ne',
];
/** A surname of its own for each family: its number in syllables (Kalēno…), so no two look alike by date. */
const surname = (i: number) => {
  let name = '';
  for (let n = i + 4096; n > 0; n = Math.floor(n / 16)) name += syllables[n % 16];
  return name[0]!.toUpperCase() + name.slice(1);
};
const dateOf = (i: number, from: number, years: number) => {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
  return { day, month, year: from + (Math.floor(i / 336) % years) };
};

const women = [
  'Anna',
  'Līga',
  'Ilze',
  'Inese',
  'Kristīne',
  'Dace',
  'Zane',
  'Sandra',
  'Laura',
  'Baiba',
  'Evita',
];
const men = [
  'Jānis',
  'Pēteris',
  'Andris',
  'Mārtiņš',
  'Roberts',
  'Edgars',
  'Uldis',
  'Kārlis',
  'Oskars',
  'Rihards',
  'Toms',
];

function spreadsheet(): Buffer {
  const lines = ['Ģimenes Nr.;Vārds;Uzvārds;Dzimšanas datums;Personas kods;Loma;Nosūtījuma datums'];
  for (let i = 0; lines.length <= rowCount; i++) {
    const { day, month, year } = dateOf(i, 1960, 40);
    const code = personalCode(`${year}-${month}-${day}`, Math.floor(i / 13440) % 1000);
    const child = new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
    // Given names in cycles of eleven: two people born on one day never share one (the registration's
    // duplicate check would rightly ask whether they are the same person).
    const [mother, son, daughter] = [women[i % 11]!, men[i % 11]!, women[(i + 5) % 11]!];
    lines.push(`${i};${mother};${surname(i)};${day}.${month}.${year};${code};māte;03.02.2026`);
    lines.push(
      `${i};${son};${surname(i)};${child.slice(8)}.${child.slice(5, 7)}.${child.slice(0, 4)};;dēls;`,
    );
    lines.push(`${i};${daughter};${surname(i)};${2010 + (i % 15)};;meita;`);
  }
  return Buffer.from(lines.slice(0, rowCount + 1).join('\r\n'), 'utf8');
}

async function timeImport(t: TestApp, file: Buffer): Promise<void> {
  const centre = await t.createCentre('Bauska');
  const manager = await t.user({ roles: [{ role: 'centre_manager', centreId: centre }] });
  const mapping = JSON.stringify({
    family: 0,
    givenName: 1,
    familyName: 2,
    birth: 3,
    personalCode: 4,
    relation: 5,
    referralDate: 6,
  });
  for (const mode of ['check', 'run'] as const) {
    const started = performance.now();
    const query = new URLSearchParams({
      kind: 'families',
      name: 'ģimenes.csv',
      centreId: centre,
      mapping,
      mode,
    });
    const answer = await manager.caller.request('POST', `/api/imports/jobs?${query}`, file, {
      'content-type': 'application/octet-stream',
    });
    if (answer.statusCode !== 202) throw new Error(answer.body);
    const { id } = answer.json() as { id: string };
    let job: ImportJobView;
    for (;;) {
      job = (await manager.caller.get(`/api/imports/jobs/${id}`)).json() as ImportJobView;
      if (job.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    if (job.state !== 'done' || job.result!.withProblems > 0)
      throw new Error(JSON.stringify(job).slice(0, 2000));
    console.log(
      `  ${mode.padEnd(6)} ${seconds.toFixed(1).padStart(6)} s   ${(rowCount / seconds).toFixed(0).padStart(6)} rows/s   ${job.result!.records} families${mode === 'run' ? `, committed ${job.result!.committed}` : ''}`,
    );
  }
}

const file = spreadsheet();
console.log(`${rowCount} rows (${Math.ceil(rowCount / 3)} families), ${(file.length / 1e6).toFixed(1)} MB`);
for (const kind of benchDatabaseKinds()) {
  if (values.only && values.only !== kind) continue;
  console.log(kind === 'pglite' ? 'PGlite' : 'PostgreSQL');
  const t = await createTestApp(kind);
  try {
    await timeImport(t, file);
  } finally {
    await t.app.close();
    await t.database.close();
  }
}
