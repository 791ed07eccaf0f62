import { beforeAll, expect, it } from 'vitest';
import { type Caller, describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { finished, upload } from '../../../test/helpers/imports';

/*
 * Issue 19, part 1, for the organisation's registers: partner institutions and volunteers come in from a
 * spreadsheet through their forms' use cases, by the people who keep those registers, for the whole
 * organisation (no centre); once; undoable while nothing was built on them.
 */

describeOnDatabases('importing partner institutions and volunteers', (t) => {
  let administrator: TestUser;
  let coordinator: TestUser;
  const run = async (caller: Caller, kind: string, file: string, mode: 'check' | 'run', skip = false) => {
    const read = await upload(caller, `/api/imports/file?kind=${kind}&name=r.csv`, file);
    expect(read.statusCode, read.body).toBe(200);
    const query = new URLSearchParams({
      kind,
      name: `${kind}.csv`,
      mapping: JSON.stringify(json<{ mapping: Record<string, number> }>(read).mapping),
      mode,
      skipProblems: String(skip),
    });
    const started = await upload(caller, `/api/imports/jobs?${query}`, file);
    expect(started.statusCode, started.body).toBe(202);
    return finished(caller, json<{ id: string }>(started).id);
  };

  beforeAll(async () => {
    administrator = await t().user({ roles: [{ role: 'administrator' }] });
    coordinator = await t().user({
      roles: [{ role: 'mentoring_coordinator', centreId: await t().createCentre('Mentoru centrs') }],
    });
  });

  it('imports institutions with their type read from its word, a name taken being its row’s problem', async () => {
    const file = [
      'Nosaukums;Veids;Adrese;Kontaktpersona;Tālrunis;E-pasts',
      'PII “Zīlīte”;bērnudārzs;Bauska, Rīgas iela 1;Ilze Ozola;+371 63900000;zilite@example.org',
      'Bauskas 2. vidusskola;Skola;;;;',
      'Bauskas slimnīcas dzemdību nodaļa;dzemdību nodaļa;;;;',
      'Kāds cits;planētas;;;;',
      'PII “Zīlīte”;bērnudārzs;;;;',
    ].join('\n');
    const job = await run(administrator.caller, 'institutions', file, 'run', true);
    expect(job.state, job.error ?? '').toBe('done');
    expect(job.result).toMatchObject({ records: 5, imported: 3, withProblems: 2, committed: true });
    expect(job.result!.problems.map((p) => [p.row, p.column])).toEqual([
      [5, 'Veids'],
      [6, 'Nosaukums'],
    ]);
    const rows = await t().database.query<{ name: string; type: string }>(
      'SELECT name, type FROM institutions ORDER BY name',
    );
    expect(rows).toEqual([
      { name: 'Bauskas 2. vidusskola', type: 'school' },
      { name: 'Bauskas slimnīcas dzemdību nodaļa', type: 'maternity_hospital' },
      { name: 'PII “Zīlīte”', type: 'kindergarten' },
    ]);
    // Not for a centre manager, nor into a centre.
    const manager = await t().user({
      roles: [{ role: 'centre_manager', centreId: await t().createCentre('R') }],
    });
    expect(
      (await upload(manager.caller, '/api/imports/file?kind=institutions&name=r.csv', file)).statusCode,
    ).toBe(403);
  });

  it('imports volunteers with their dates, once, and undoes them until hours are logged', async () => {
    const file = [
      'Vārds;Uzvārds;E-pasts;Tālrunis;Pārbaudes datums;Apmācības datums;Aktīvs',
      'Anna;Mentore;anna@example.org;+371 20000001;10.01.2026;20.01.2026;jā',
      'Kārlis;Palīgs;;;;;nē',
      'Bez;Datuma;;;32.01.2026;;',
    ].join('\n');
    const checked = await run(coordinator.caller, 'volunteers', file, 'check');
    expect(checked.result).toMatchObject({ records: 3, imported: 2, withProblems: 1, committed: false });
    expect(checked.result!.problems).toEqual([
      { row: 4, column: 'Pārbaudes datums', message: 'Ievadiet datumu kā dd.mm.gggg (vai gggg-mm-dd).' },
    ]);
    expect(checked.result!.preview.lines[0]).toEqual({
      row: 2,
      values: ['Mentore Anna', 'anna@example.org', '10.01.2026', '20.01.2026'],
    });
    const job = await run(coordinator.caller, 'volunteers', file, 'run', true);
    expect(job.result).toMatchObject({ imported: 2, committed: true });
    const volunteers = await t().database.query<{
      given_name: string;
      screened_on: string | null;
      active: boolean;
    }>('SELECT given_name, screened_on::text, active FROM volunteers ORDER BY given_name');
    expect(volunteers).toEqual([
      { given_name: 'Anna', screened_on: '2026-01-10', active: true },
      { given_name: 'Kārlis', screened_on: null, active: false },
    ]);
    expect((await run(coordinator.caller, 'volunteers', file, 'run', true)).result).toMatchObject({
      imported: 0,
      already: 2,
    });

    // Listed for the whole organisation, and undone.
    const list = json<{ imports: { id: string; kind: string; centreName: string | null }[] }>(
      await coordinator.caller.get('/api/imports'),
    ).imports;
    expect(list.map((i) => [i.kind, i.centreName])).toEqual([['volunteers', null]]);
    const undone = await coordinator.caller.post(`/api/imports/${list[0]!.id}/undo`, {
      reason: 'Nepareizs saraksts',
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await t().database.query('SELECT 1 FROM volunteers')).toEqual([]);
  });
});
