import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { finished, upload } from '../../../test/helpers/imports';
import { personalCode } from '../../../test/helpers/registry';

/*
 * Issue 19, part 1, for activities with attendance: a centre's register of consultations, home visits,
 * group sessions and a camp comes in for families registered already, each activity through its form's
 * use case, all or nothing, once; and it can be undone while nothing was built on it.
 */

const mother = personalCode('1988-04-12', 3);
const daughter = personalCode('2016-09-01', 4);
const single = personalCode('1975-11-30', 5);

describeOnDatabases('importing activities with attendance from a spreadsheet', (t) => {
  let centre: string;
  let manager: TestUser;
  let specialist: TestUser;
  const run = async (file: string, mode: 'check' | 'run', mapping?: Record<string, number>) => {
    const query = new URLSearchParams({
      kind: 'activities',
      name: 'aktivitātes.csv',
      centreId: centre,
      mode,
    });
    if (mapping) query.set('mapping', JSON.stringify(mapping));
    else {
      // The mapping the server guesses from the headers, as the page would send it back.
      const read = json<{ mapping: Record<string, number> }>(
        await upload(manager.caller, `/api/imports/file?kind=activities&name=a.csv`, file),
      );
      query.set('mapping', JSON.stringify(read.mapping));
    }
    const started = await upload(manager.caller, `/api/imports/jobs?${query}`, file);
    expect(started.statusCode, started.body).toBe(202);
    return finished(manager.caller, json<{ id: string }>(started).id);
  };
  /** Registers families by a families import, as a centre would before bringing their activities in. */
  const importFamilies = async (file: string) => {
    const query = new URLSearchParams({
      kind: 'families',
      name: 'ģimenes.csv',
      centreId: centre,
      mapping: JSON.stringify({
        family: 0,
        givenName: 1,
        familyName: 2,
        birth: 3,
        personalCode: 4,
        relation: 5,
        referralDate: 6,
      }),
      mode: 'run',
    });
    return finished(
      manager.caller,
      json<{ id: string }>(await upload(manager.caller, `/api/imports/jobs?${query}`, file)).id,
    );
  };
  const count = async (sql: string, params: unknown[] = []) =>
    (await t().database.query<{ n: number }>(sql, params))[0]!.n;

  beforeAll(async () => {
    centre = await t().createCentre('Aktivitāšu centrs');
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    specialist = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    // Three families, registered by a families import.
    const families = [
      'Ģimene;Vārds;Uzvārds;Dzimšanas datums;Personas kods;Loma;Nosūtījuma datums',
      `A;Inese;Kalniņa;12.04.1988;${mother};māte;05.01.2026`,
      `A;Līga;Kalniņa;01.09.2016;${daughter};meita;`,
      'B;Jānis;Bērziņš;1982;;tēvs;06.01.2026',
      'B;Pēteris;Bērziņš;2015;;dēls;',
      `C;Rasma;Liepa;30.11.1975;${single};cits;07.01.2026`,
    ].join('\n');
    const job = await importFamilies(families);
    expect(job.result, job.error ?? '').toMatchObject({ imported: 3, committed: true });
    const group = await manager.caller.post('/api/groups', {
      name: 'Māmiņu grupa',
      centreId: centre,
      facilitatorIds: [specialist.id],
    });
    expect(group.statusCode, group.body).toBe(201);
  }, 120_000);

  const header =
    'Aktivitāte;Datums;Veids;Ilgums;Grupa;Personas kods;Vārds;Uzvārds;Dzimšanas datums;Apmeklējums;Speciālists';
  const good = () =>
    [
      header,
      // Two members of one family at one consultation (grouped by date, type and family).
      `;02.02.2026;Konsultācija;60;;${mother};;;;;${specialist.email}`,
      `;02.02.2026;konsultacija;60;;${daughter};;;;;`,
      // Found by name and birth year.
      ';03.02.2026;Mājas vizīte;1,5 h;;;Jānis;Bērziņš;1982;;',
      // Two sessions of a group: the members join from their first one; one is absent.
      `N1;10.02.2026;Atbalsta grupas nodarbība;90;Māmiņu grupa;${mother};;;;jā;`,
      `N1;10.02.2026;Atbalsta grupas nodarbība;90;Māmiņu grupa;${single};;;;nē;`,
      `N2;17.02.2026;Atbalsta grupas nodarbība;90;māmiņu grupa;${mother};;;;+;`,
      // A two-day camp for two families.
      `NOM;20.02.2026;Nometne;360;;${mother};;;;;`,
      `NOM;20.02.2026;Nometne;360;;${daughter};;;;;`,
      'NOM;20.02.2026;Nometne;360;;;Pēteris;Bērziņš;2015;;',
    ].join('\n');

  it('checks every row with the forms’ rules and says what is wrong, saving nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM activities');
    const broken = [
      header,
      `;02.02.2026;Konsultācija;60;;${mother};;;;;`,
      ';03.02.2026;Konsultācija;60;;;Nav;Tāda;1990;;',
      `;31.02.2026;Konsultācija;60;;${single};;;;;`,
      `;04.02.2026;Lidošana;60;;${single};;;;;`,
      `;04.02.2026;Apmācības;60;;${single};;;;;`,
      `;05.02.2026;Konsultācija;ilgi;;${single};;;;;`,
      `G;06.02.2026;Atbalsta grupas nodarbība;90;Nav tādas;${single};;;;;`,
      `X;07.02.2026;Konsultācija;60;;${mother};;;;;`,
      `X;07.02.2026;Konsultācija;60;;${single};;;;;`,
      `;08.02.2026;Konsultācija;60;;${single};;;;;nezinams@example.org`,
    ].join('\n');
    const job = await run(broken, 'check');
    expect(job.state, job.error ?? '').toBe('done');
    expect(job.result).toMatchObject({ rows: 10, imported: 1, withProblems: 8, committed: false });
    expect(job.result!.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, 'Personas kods', expect.stringContaining('nav reģistrēta')],
      [4, 'Datums', 'Ievadiet datumu kā dd.mm.gggg (vai gggg-mm-dd).'],
      [5, 'Veids', 'Šāda aktivitātes veida nav.'],
      [6, 'Veids', expect.stringContaining('Apmācības iestādēm neimportē')],
      [7, 'Ilgums', expect.stringContaining('Ievadiet ilgumu')],
      [8, 'Grupa', 'Šajā centrā nav grupas ar šādu nosaukumu. Vispirms izveidojiet grupu.'],
      [9, 'Personas kods', expect.stringContaining('no vienas ģimenes')],
      [11, 'Speciālists', 'Atbildīgajam speciālistam jāstrādā šajā centrā.'],
    ]);
    expect(await count('SELECT count(*)::int AS n FROM activities')).toBe(before);
  });

  it('imports consultations, a home visit, group sessions and a camp, counted as the forms’ would be', async () => {
    const job = await run(good(), 'run');
    expect(job.state, job.error ?? '').toBe('done');
    expect(job.result!.problems).toEqual([]);
    expect(job.result).toMatchObject({ rows: 9, records: 5, imported: 5, committed: true });

    const activities = await t().database.query<{
      type: string;
      occurs_on: string;
      ends_on: string | null;
      duration_minutes: number;
      case_id: string | null;
      group_id: string | null;
      people: string;
    }>(
      `SELECT t.code AS type, a.occurs_on::text, a.ends_on::text, a.duration_minutes, a.case_id, a.group_id,
              string_agg(p.given_name || ':' || ap.attendance, ',' ORDER BY p.given_name) AS people
       FROM activities a JOIN activity_types t ON t.id = a.type_id
       JOIN activity_participants ap ON ap.activity_id = a.id JOIN persons p ON p.id = ap.person_id
       WHERE a.centre_id = $1 GROUP BY a.id, t.code ORDER BY a.occurs_on`,
      [centre],
    );
    expect(
      activities.map(({ case_id, group_id, ...a }) => ({ ...a, onCase: !!case_id, inGroup: !!group_id })),
    ).toEqual([
      {
        type: 'consultation',
        occurs_on: '2026-02-02',
        ends_on: null,
        duration_minutes: 60,
        people: 'Inese:present,Līga:present',
        onCase: true,
        inGroup: false,
      },
      {
        type: 'home_visit',
        occurs_on: '2026-02-03',
        ends_on: null,
        duration_minutes: 90,
        people: 'Jānis:present',
        onCase: true,
        inGroup: false,
      },
      {
        type: 'support_group_session',
        occurs_on: '2026-02-10',
        ends_on: null,
        duration_minutes: 90,
        people: 'Inese:present,Rasma:absent',
        onCase: false,
        inGroup: true,
      },
      {
        type: 'support_group_session',
        occurs_on: '2026-02-17',
        ends_on: null,
        duration_minutes: 90,
        people: 'Inese:present',
        onCase: false,
        inGroup: true,
      },
      {
        type: 'camp',
        occurs_on: '2026-02-20',
        ends_on: '2026-02-20',
        duration_minutes: 360,
        people: 'Līga:present,Inese:present,Pēteris:present'.split(',').sort().join(','),
        onCase: false,
        inGroup: false,
      },
    ]);
    // The group's members joined it on their first session; the specialist named is on the consultation.
    const members = await t().database.query<{ given_name: string; joined_on: string }>(
      `SELECT p.given_name, gm.joined_on::text FROM group_members gm JOIN persons p ON p.id = gm.person_id ORDER BY 1`,
    );
    expect(members).toEqual([
      { given_name: 'Inese', joined_on: '2026-02-10' },
      { given_name: 'Rasma', joined_on: '2026-02-10' },
    ]);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM activity_staff s JOIN activities a ON a.id = s.activity_id
         JOIN activity_types t ON t.id = a.type_id WHERE t.code = 'consultation' AND s.user_id = $1`,
        [specialist.id],
      ),
    ).toBe(1);
    // Each is audited as its form's is, and the import as a whole.
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'group.session'`)).toBe(2);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'import.run' AND details->>'kind' = 'activities'`,
      ),
    ).toBe(1);

    // The same file again: every activity is found imported, nothing is logged twice.
    const again = await run(good(), 'run');
    expect(again.result).toMatchObject({ imported: 0, already: 5, committed: false });
    expect(await count('SELECT count(*)::int AS n FROM activities WHERE centre_id = $1', [centre])).toBe(5);

    // The same consultation in another file is the form's "logged twice" warning, a problem of its row.
    const twice = await run([header, `;02.02.2026;Konsultācija;45;;${mother};;;;;`].join('\n'), 'check');
    expect(twice.result!.problems).toEqual([
      { row: 2, column: null, message: expect.stringContaining('02.02.2026') },
    ]);
  });

  it('undoes an activities import, and then the families import it was built on', async () => {
    const list = json<{ imports: { id: string; kind: string }[] }>(
      await manager.caller.get('/api/imports'),
    ).imports;
    const activitiesImport = list.find((i) => i.kind === 'activities')!;
    const familiesImport = list.find((i) => i.kind === 'families')!;
    // The families cannot go while their activities stand.
    const refused = await manager.caller.post(`/api/imports/${familiesImport.id}/undo`, {
      reason: 'Nepareizs fails',
    });
    expect(refused.statusCode).toBe(409);

    const undone = await manager.caller.post(`/api/imports/${activitiesImport.id}/undo`, {
      reason: 'Nepareizs mēnesis',
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await count('SELECT count(*)::int AS n FROM activities WHERE centre_id = $1', [centre])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM group_members')).toBe(0);
    const families = await manager.caller.post(`/api/imports/${familiesImport.id}/undo`, {
      reason: 'Nepareizs fails',
    });
    expect(families.statusCode, families.body).toBe(200);
  });

  it('refuses to undo activities once one of them was corrected', async () => {
    // Families again, then one consultation, corrected since.
    const families = [
      'Ģimene;Vārds;Uzvārds;Dzimšanas datums;Personas kods;Loma;Nosūtījuma datums',
      `A;Inese;Kalniņa;12.04.1988;${mother};māte;05.01.2026`,
    ].join('\n');
    await importFamilies(families);
    const job = await run([header, `;12.02.2026;Konsultācija;60;;${mother};;;;;`].join('\n'), 'run');
    expect(job.result).toMatchObject({ imported: 1, committed: true });
    const [activity] = await t().database.query<{ id: string; case_id: string; type_id: string }>(
      'SELECT id, case_id, type_id FROM activities WHERE centre_id = $1',
      [centre],
    );
    const corrected = await manager.caller.patch(`/api/activities/${activity!.id}`, {
      typeId: activity!.type_id,
      occursOn: '2026-02-12',
      durationMinutes: 45,
      place: 'centre',
      version: 1,
      reason: 'Ilgums bija 45 minūtes',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const undo = await manager.caller.post(`/api/imports/${job.result!.importId}/undo`, { reason: 'Kļūda' });
    expect(undo.statusCode).toBe(409);
    expect(await count('SELECT count(*)::int AS n FROM activities WHERE centre_id = $1', [centre])).toBe(1);
  });
});
