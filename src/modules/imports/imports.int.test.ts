import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { type Caller, describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { finished, upload } from '../../../test/helpers/imports';
import { activityTypeIds, personalCode, registerFamily } from '../../../test/helpers/registry';
import type { ImportJobView } from '../../shared/contracts/imports';
import { hashToken } from '../auth/sessions';
import { addJob } from './jobs';
import { decodeText } from './spreadsheet';

/*
 * Issue 19, parts 1 to 4, for families: a centre's spreadsheet comes in with its columns guessed, is
 * checked row by row with the registration form's rules, and is imported all or nothing, once, by the
 * centre's manager; it can be undone while nothing was built on it.
 */
const headers = [
  'Ģimenes Nr.',
  'Vārds',
  'Uzvārds',
  'Dzimšanas datums',
  'Personas kods',
  'Loma',
  'Tālrunis',
  'Nosūtījuma datums',
  'Nosūtītājs',
];
const goodCode = personalCode('1988-04-12', 1);
const rows = [
  [
    '1',
    'Inese',
    'Ābola',
    '12.04.1988',
    goodCode,
    'māte',
    '+371 26000001',
    '03.02.2026',
    'sociālais dienests',
  ],
  ['1', 'Roberts', 'Ābols', '05.06.2017', '', 'dēls', '', '', ''],
  ['2', 'Marta', 'Zvirbule', '1990', '', 'mamma', '', '2026-01-15', 'skola'],
  ['3', 'Laila', 'Kļava', '01.01.1985', '010185-10000', 'māte', '', '10.02.2026', ''],
  ['4', 'Pēteris', 'Ozols', '14.13.1979', '', 'krusttēvs', '', '10.02.2026', ''],
];
/** A CSV as Latvian Excel saves it: semicolons, Windows-1257. */
const csv = (data: string[][]) => {
  const text = [headers, ...data].map((row) => row.join(';')).join('\r\n');
  return Buffer.from(new TextEncoder().encode(text).length ? encode1257(text) : []);
};
function encode1257(text: string): Buffer {
  const table = new Map<string, number>();
  const decoder = new TextDecoder('windows-1257');
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Buffer.from([byte])), byte);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 63));
}

describeOnDatabases('importing families from a spreadsheet', (t) => {
  let centre: string;
  let manager: TestUser;
  const mapping = JSON.stringify({
    family: 0,
    givenName: 1,
    familyName: 2,
    birth: 3,
    personalCode: 4,
    relation: 5,
    phone: 6,
    referralDate: 7,
    referralSource: 8,
  });
  const start = (
    caller: Caller,
    file: Buffer,
    mode: 'check' | 'run',
    skipProblems = false,
    name = 'ģimenes.csv',
  ) =>
    upload(
      caller,
      `/api/imports/jobs?${new URLSearchParams({ kind: 'families', name, centreId: centre, mapping, mode, skipProblems: String(skipProblems) })}`,
      file,
    );
  const count = async (table: string) =>
    (await t().database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  beforeAll(async () => {
    centre = await t().createCentre('Importa centrs');
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
  });

  it('reads the file and guesses its columns from Latvian headers', async () => {
    const read = json<{
      headers: string[];
      rows: number;
      mapping: Record<string, number>;
      sample: string[][];
    }>(await upload(manager.caller, '/api/imports/file?kind=families&name=g.csv', csv(rows)));
    expect(read.headers).toEqual(headers);
    expect(read.rows).toBe(5);
    expect(read.sample[0]![2]).toBe('Ābola');
    expect(read.mapping).toEqual(JSON.parse(mapping));
  });

  it('checks every row without writing, names each problem, and gives the file back with them', async () => {
    const before = await count('persons');
    const job = await finished(
      manager.caller,
      json<{ id: string }>(await start(manager.caller, csv(rows), 'check')).id,
    );
    expect(job.result).toMatchObject({
      rows: 5,
      records: 4,
      imported: 2,
      withProblems: 2,
      committed: false,
      importId: null,
    });
    expect(job.result!.problems).toEqual([
      { row: 5, column: 'Personas kods', message: expect.stringMatching(/kontrolcipar|nav derīgs|pareiz/i) },
      {
        row: 6,
        column: 'Dzimšanas datums',
        message: 'Ievadiet dzimšanas datumu kā dd.mm.gggg vai tikai gadu (gggg).',
      },
      {
        row: 6,
        column: 'Loma',
        message: expect.stringMatching(/^Nezināma vērtība\. Der: māte, tēvs, .*cits\.$/),
      },
    ]);
    expect(job.result!.preview.columns).toEqual([
      'Vārds, uzvārds',
      'Dzimšanas datums vai gads',
      'Personas kods',
      'Loma ģimenē',
      'Dzimums',
    ]);
    expect(job.result!.preview.lines.slice(0, 2)).toEqual([
      { row: 2, values: ['Ābola Inese', '12.04.1988', goodCode, 'māte', 'nav norādīts'] },
      { row: 3, values: ['Ābols Roberts', '05.06.2017', '', 'bērns', 'nav norādīts'] },
    ]);
    expect(await count('persons')).toBe(before);

    const file = await manager.caller.get(`/api/imports/jobs/${job.id}/problems`);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = decodeText(file.rawPayload).split('\r\n');
    expect(lines[0]).toBe(`${headers.join(';')};Kļūdas`);
    expect(lines[1]).toBe(`${rows[0]!.join(';')};`.replace('+371', "'+371"));
    expect(lines[5]).toMatch(/^4;Pēteris;Ozols;.*;Dzimšanas datums: Ievadiet .*Loma: Nezināma vērtība/);
  });

  it('saves nothing while a row has a problem, then imports the rest when told to, once, audited', async () => {
    const before = await count('persons');
    const refused = await finished(
      manager.caller,
      json<{ id: string }>(await start(manager.caller, csv(rows), 'run')).id,
    );
    expect(refused.result).toMatchObject({ committed: false, withProblems: 2 });
    expect(await count('persons')).toBe(before);

    const run = await finished(
      manager.caller,
      json<{ id: string }>(await start(manager.caller, csv(rows), 'run', true)).id,
    );
    expect(run.result).toMatchObject({ imported: 2, withProblems: 2, committed: true });
    expect(await count('persons')).toBe(before + 3);
    // Each registration is audited as the form's is, and nothing of the families left out.
    const created = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.create' AND entity_id IN (SELECT id::text FROM persons)`,
    );
    expect(created[0]!.n).toBe(await count('persons'));
    const [{ n: orphans }] = (await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.create' AND entity_id NOT IN (SELECT id::text FROM persons)`,
    )) as [{ n: number }];
    expect(orphans).toBe(0);
    const [audited] = await t().database.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'import.run' AND entity_id = $1`,
      [run.result!.importId],
    );
    expect(audited!.details).toEqual({
      kind: 'families',
      fileName: 'ģimenes.csv',
      rows: 5,
      imported: 2,
      already: 0,
      skipped: 2,
    });

    // The same file again finds its families imported; the fixed rows come in on their own.
    const again = await finished(
      manager.caller,
      json<{ id: string }>(await start(manager.caller, csv(rows), 'run', true)).id,
    );
    expect(again.result).toMatchObject({ imported: 0, already: 2, committed: false });
    const fixed = rows.map((row) => [...row]);
    fixed[3]![4] = personalCode('1985-01-01', 7);
    fixed[4]![3] = '14.12.1979';
    fixed[4]![5] = 'tēvs';
    const rest = await finished(
      manager.caller,
      json<{ id: string }>(await start(manager.caller, csv(fixed), 'run')).id,
    );
    expect(rest.result).toMatchObject({ imported: 2, already: 2, withProblems: 0, committed: true });
    expect(await count('persons')).toBe(before + 5);

    // A person already registered (the same personal code) is a problem of her row, as in the form.
    const twice = [['9', 'Inese', 'Ābola', '12.04.1988', goodCode, 'māte', '', '03.02.2026', '']];
    const duplicate = await finished(
      manager.caller,
      json<{ id: string }>(await start(manager.caller, csv(twice), 'check')).id,
    );
    expect(duplicate.result!.problems).toEqual([
      { row: 2, column: 'Personas kods', message: expect.stringContaining('jau ir reģistrēta') },
    ]);
  });

  it('undoes an import while nothing was built on it, and refuses once something was', async () => {
    const list = json<{ imports: { id: string; imported: number; undoneAt: string | null }[] }>(
      await manager.caller.get('/api/imports'),
    ).imports;
    const [latest, first] = list;
    expect(list.map((i) => i.imported)).toEqual([2, 2]);
    const persons = await count('persons');

    // An activity logged for a family of the first import: undoing it would lose that.
    const [imported] = await t().database.query<{ case_id: string }>(
      'SELECT case_id FROM import_records WHERE import_id = $1 LIMIT 1',
      [first!.id],
    );
    const visit = await manager.caller.post(`/api/cases/${imported!.case_id}/activities`, {
      typeId: (await activityTypeIds(manager.caller)).home_visit,
      occursOn: '2026-02-20',
      durationMinutes: 60,
      place: 'home',
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const refused = await manager.caller.post(`/api/imports/${first!.id}/undo`, {
      reason: 'Nepareizs fails',
    });
    expect(refused.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('IMPORT_CHANGED_SINCE');
    expect(await count('persons')).toBe(persons);

    const undone = await manager.caller.post(`/api/imports/${latest!.id}/undo`, {
      reason: 'Importēts nepareizajā centrā',
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await count('persons')).toBe(persons - 2);
    expect(
      (await manager.caller.post(`/api/imports/${latest!.id}/undo`, { reason: 'Vēlreiz' })).statusCode,
    ).toBe(409);
    const after = json<{ imports: { id: string; undoneAt: string | null; undoReason: string | null }[] }>(
      await manager.caller.get('/api/imports'),
    ).imports;
    expect(after[0]).toMatchObject({ id: latest!.id, undoReason: 'Importēts nepareizajā centrā' });
    expect(after[0]!.undoneAt).not.toBeNull();
  });

  it('names the key worker by e-mail, once per worker, and refuses an unknown one', async () => {
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    const file = Buffer.from(
      [
        'Ģimene;Vārds;Uzvārds;Dzimšanas gads;Nosūtījuma datums;Lietas vadītājs',
        `K1;Rita;Vadāmā;1980;01.02.2026;${worker.email.toUpperCase()}`,
        `K2;Gita;Vadāmā;1981;01.02.2026;${worker.email}`,
        'K3;Lita;Vadāmā;1982;01.02.2026;nezinams@example.org',
      ].join('\n'),
    );
    const keyWorkerMapping = JSON.stringify({
      family: 0,
      givenName: 1,
      familyName: 2,
      birth: 3,
      referralDate: 4,
      keyWorker: 5,
    });
    const query = new URLSearchParams({
      kind: 'families',
      name: 'vaditaji.csv',
      centreId: centre,
      mapping: keyWorkerMapping,
      mode: 'run',
      skipProblems: 'true',
    });
    const job = await finished(
      manager.caller,
      json<{ id: string }>(await upload(manager.caller, `/api/imports/jobs?${query}`, file)).id,
    );
    expect(job.result).toMatchObject({ imported: 2, withProblems: 1, committed: true });
    expect(job.result!.problems).toEqual([
      { row: 4, column: 'Lietas vadītājs', message: 'Atbildīgajam speciālistam jāstrādā šajā centrā.' },
    ]);
    const keyWorkers = await t().database.query<{ key_worker_id: string }>(
      `SELECT c.key_worker_id FROM cases c JOIN import_records r ON r.case_id = c.id WHERE r.import_id = $1`,
      [job.result!.importId],
    );
    expect(keyWorkers.map((row) => row.key_worker_id)).toEqual([worker.id, worker.id]);
  });

  it('lets only the centre’s manager import, and shows a job to no one else', async () => {
    const specialist = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    expect(
      (await upload(specialist.caller, '/api/imports/file?kind=families&name=g.csv', csv(rows))).statusCode,
    ).toBe(403);
    const otherManager = await t().user({
      roles: [{ role: 'centre_manager', centreId: await t().createCentre('Cits') }],
    });
    expect((await start(otherManager.caller, csv(rows), 'check')).statusCode).toBe(403);
    const job = json<{ id: string }>(await start(manager.caller, csv(rows), 'check')).id;
    await finished(manager.caller, job);
    expect((await otherManager.caller.get(`/api/imports/jobs/${job}`)).statusCode).toBe(404);
    expect((await otherManager.caller.get(`/api/imports/jobs/${job}/problems`)).statusCode).toBe(404);
  });

  it('registers plain families at once and leaves any possible duplicate to the form, which says why', async () => {
    const code = personalCode('1991-07-07', 21);
    const file = Buffer.from(
      [
        'Ģimene;Vārds;Uzvārds;Dzimšanas datums;Personas kods;Nosūtījuma datums',
        `D1;Sanita;Egle;07.07.1991;${code};01.02.2026`,
        'D1;Ivo;Egle;2019;;',
        // The same personal code again, further down the file.
        `D2;Sanita;Eglīte;07.07.1991;${code};01.02.2026`,
        'D3;Valdis;Osis;03.03.1980;;01.02.2026',
        // The same name and birth date as someone earlier in the file.
        'D4;Valdis;Osis;03.03.1980;;01.02.2026',
      ].join('\n'),
    );
    const query = new URLSearchParams({
      kind: 'families',
      name: 'divreiz.csv',
      centreId: centre,
      mapping: JSON.stringify({
        family: 0,
        givenName: 1,
        familyName: 2,
        birth: 3,
        personalCode: 4,
        referralDate: 5,
      }),
      mode: 'run',
      skipProblems: 'true',
    });
    const job = await finished(
      manager.caller,
      json<{ id: string }>(await upload(manager.caller, `/api/imports/jobs?${query}`, file)).id,
    );
    expect(job.result).toMatchObject({ imported: 2, withProblems: 2, committed: true });
    expect(job.result!.problems).toEqual([
      {
        row: 4,
        column: 'Personas kods',
        message: 'Persona ar šo personas kodu jau ir reģistrēta. Izmantojiet esošo ierakstu.',
      },
      {
        row: 6,
        column: null,
        message:
          'Līdzīgas personas jau ir reģistrētas. Pārbaudiet un apstipriniet, ka tās ir citas personas.',
      },
    ]);
    // Those registered at once are written as the form writes them: named, with members, a case with its
    // key worker on the team and its first status, and every step audited.
    const [family] = await t().database.query<{
      name: string;
      members: number;
      status: string;
      team: number;
      changes: number;
      audited: number;
    }>(
      `SELECT f.name, (SELECT count(*)::int FROM family_members m WHERE m.family_id = f.id) AS members,
              c.status, (SELECT count(*)::int FROM case_team ct WHERE ct.case_id = c.id) AS team,
              (SELECT count(*)::int FROM case_status_changes s WHERE s.case_id = c.id) AS changes,
              (SELECT count(*)::int FROM audit_log a WHERE a.entity_id IN (f.id::text, c.id::text)
                 OR a.entity_id IN (SELECT person_id::text FROM family_members m WHERE m.family_id = f.id)) AS audited
       FROM families f JOIN cases c ON c.family_id = f.id
       JOIN import_records r ON r.family_id = f.id AND r.import_id = $1
       WHERE f.name LIKE 'Eg%'`,
      [job.result!.importId],
    );
    expect(family).toEqual({
      name: 'Egļu ģimene',
      members: 2,
      status: 'referred',
      team: 1,
      changes: 1,
      audited: 4,
    });
  });

  it('registers someone with a protected person’s code as the form does: unseen, flagged to her case’s managers', async () => {
    // A woman in a restricted case at another centre, whom the importer cannot see.
    const shelter = await t().createCentre('Patvērums');
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: shelter }] });
    const code = personalCode('1987-08-08', 31);
    const hidden = await registerFamily(
      worker.caller,
      shelter,
      [{ relation: 'mother', person: { givenName: 'Slēpta', familyName: 'Sargāta', personalCode: code } }],
      { restricted: true, referralReasons: ['domestic_violence'] },
    );
    const [protectedPerson] = await t().database.query<{ person_id: string }>(
      `SELECT m.person_id FROM family_members m JOIN cases c ON c.family_id = m.family_id WHERE c.id = $1`,
      [hidden.caseId],
    );
    const file = Buffer.from(
      ['Vārds;Uzvārds;Personas kods;Nosūtījuma datums', `Slēpta;Sargāta;${code};01.02.2026`].join('\n'),
    );
    const query = new URLSearchParams({
      kind: 'families',
      name: 'aizsargata.csv',
      centreId: centre,
      mapping: JSON.stringify({ givenName: 0, familyName: 1, personalCode: 2, referralDate: 3 }),
      mode: 'run',
    });
    const job = await finished(
      manager.caller,
      json<{ id: string }>(await upload(manager.caller, `/api/imports/jobs?${query}`, file)).id,
    );
    // An ordinary registration for the importer; her record points at the protected one, unseen.
    expect(job.result).toMatchObject({ imported: 1, withProblems: 0, problems: [], committed: true });
    const [registered] = await t().database.query<{ duplicate_of: string }>(
      `SELECT p.duplicate_of FROM persons p JOIN import_records r ON p.id = ANY(r.person_ids) WHERE r.import_id = $1`,
      [job.result!.importId],
    );
    expect(registered!.duplicate_of).toBe(protectedPerson!.person_id);
    const notices = await t().database.query<{ to_centre_id: string }>(
      `SELECT to_centre_id FROM notices WHERE kind = 'restricted_person_registered'`,
    );
    expect(notices).toEqual([{ to_centre_id: shelter }]);
  });

  it('saves nothing when only the last of two thousand families has a problem', async () => {
    const lines = ['Ģimene;Vārds;Uzvārds;Dzimšanas datums;Nosūtījuma datums'];
    for (let i = 0; i < 2000; i++) {
      const day = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000 * 7).toISOString().slice(0, 10);
      lines.push(`L${i};Pēdējā${i};Rinda${i};${day.split('-').reverse().join('.')};01.02.2026`);
    }
    lines[2000] = lines[2000]!.replace(/;01\.02\.2026$/, ';30.02.2026');
    const query = new URLSearchParams({
      kind: 'families',
      name: 'gara.csv',
      centreId: centre,
      mapping: JSON.stringify({ family: 0, givenName: 1, familyName: 2, birth: 3, referralDate: 4 }),
      mode: 'run',
    });
    const before = await count('persons');
    const job = await finished(
      manager.caller,
      json<{ id: string }>(
        await upload(manager.caller, `/api/imports/jobs?${query}`, Buffer.from(lines.join('\n'))),
      ).id,
    );
    expect(job.result).toMatchObject({ records: 2000, imported: 1999, withProblems: 1, committed: false });
    expect(job.result!.problems).toEqual([
      { row: 2001, column: 'Nosūtījuma datums', message: 'Ievadiet datumu kā dd.mm.gggg (vai gggg-mm-dd).' },
    ]);
    expect(await count('persons')).toBe(before);
  }, 120_000);

  it('imports a file sent twice at once (a double click) only once', async () => {
    const file = Buffer.from(
      ['Vārds;Uzvārds;Dzimšanas gads;Nosūtījuma datums', 'Dita;Divreiz;1983;01.02.2026'].join('\n'),
    );
    const query = new URLSearchParams({
      kind: 'families',
      name: 'divreiz.csv',
      centreId: centre,
      mapping: JSON.stringify({ givenName: 0, familyName: 1, birth: 2, referralDate: 3 }),
      mode: 'run',
    });
    const sent = await Promise.all(
      [1, 2].map(() => upload(manager.caller, `/api/imports/jobs?${query}`, file)),
    );
    const jobs = await Promise.all(
      sent.map((answer) => finished(manager.caller, json<{ id: string }>(answer).id)),
    );
    expect(
      jobs.map((job) => job.state),
      JSON.stringify(jobs.map((job) => job.error)),
    ).toEqual(['done', 'done']);
    expect(jobs.map((job) => job.result!.imported).sort()).toEqual([0, 1]);
    expect(jobs.map((job) => job.result!.already).sort()).toEqual([0, 1]);
    expect(await count(`persons WHERE family_name = 'Divreiz'`)).toBe(1);
  });

  it('shows a running import’s progress to the session that started it, without waiting for the database', async () => {
    // A job as an import in progress leaves it; the database held by another transaction meanwhile, as
    // the import's own holds the embedded database's one connection until it ends.
    addJob({
      id: '01900000-0000-7000-8000-00000000f00d',
      userId: manager.id,
      sessionDigest: hashToken('the-starting-session'),
      mode: 'run',
      state: 'running',
      processed: 150,
      total: 600,
      result: null,
      error: null,
      table: { headers: [], rows: [], format: 'csv' },
      fileName: 'liels.csv',
      language: 'lv',
      endedAt: null,
    });
    let release!: () => void;
    let holding!: () => void;
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const holder = t().database.unsafeDb.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`);
      holding();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await held;
    const url = '/api/imports/jobs/01900000-0000-7000-8000-00000000f00d';
    const progress = t().app.inject({
      method: 'GET',
      url,
      cookies: { atbalsts_session: 'the-starting-session' },
    });
    // Were it signed in through the database, it would wait for the transaction: it must not.
    const answer = await Promise.race([
      progress,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000)),
    ]);
    release();
    await holder;
    expect(answer, 'the progress waited for the database').not.toBeNull();
    expect(answer!.statusCode).toBe(200);
    expect(json<ImportJobView>(answer!)).toMatchObject({
      state: 'running',
      processed: 150,
      total: 600,
      result: null,
    });
    // Any other session is signed in as usual: a stranger's token is refused, another user finds nothing.
    const stranger = await t().app.inject({
      method: 'GET',
      url,
      cookies: { atbalsts_session: 'someone-else' },
    });
    expect(stranger.statusCode).toBe(401);
    const other = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    expect((await other.caller.get(url)).statusCode).toBe(404);
  });

  it('reads XLSX with date cells, and refuses what is not a spreadsheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ģimenes');
    sheet.addRow(['Vārds', 'Uzvārds', 'Dzimšanas datums', 'Nosūtījuma datums']);
    sheet.addRow(['Aija', 'Kalēja', new Date(Date.UTC(1992, 2, 9)), new Date(Date.UTC(2026, 1, 1))]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = json<{ mapping: Record<string, number>; sample: string[][] }>(
      await upload(manager.caller, '/api/imports/file?kind=families&name=g.xlsx', bytes),
    );
    expect(read.mapping).toEqual({ givenName: 0, familyName: 1, birth: 2, referralDate: 3 });
    expect(read.sample).toEqual([['Aija', 'Kalēja', '09.03.1992', '01.02.2026']]);
    const broken = await upload(
      manager.caller,
      '/api/imports/file?kind=families&name=g.xlsx',
      Buffer.from('PK\u0003\u0004garbage'),
    );
    expect(broken.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(broken).error.message).toMatch(
      /^Failu nevar nolasīt kā XLSX vai CSV tabulu/,
    );
  });
});
