import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../test/helpers/app';
import { registerFamily } from '../../test/helpers/registry';
import { runRetention } from './retention-job';

/*
 * Issue 16, part 3: retention. Cases closed CASE_RETENTION_YEARS ago lose their people's identity and
 * their documents; a dry run lists it first and changes nothing.
 */
describeOnDatabases('retention', (t) => {
  let worker: TestUser;
  let closedPerson: string;
  let openPerson: string;
  let documentId: string;

  beforeAll(async () => {
    const centre = await t().createCentre('Glabāšanas centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    const closed = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Vecā', familyName: 'Slēgtā', birthDate: '1979-01-02' } },
    ]);
    const open = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Jaunā', familyName: 'Atvērtā', birthYear: 1990 } },
    ]);
    const personOf = async (caseId: string) =>
      json<{ members: { person: { id: string } }[] }>(await worker.caller.get(`/api/cases/${caseId}`))
        .members[0]!.person.id;
    closedPerson = await personOf(closed.caseId);
    openPerson = await personOf(open.caseId);
    const uploaded = await worker.caller.request(
      'POST',
      `/api/cases/${closed.caseId}/documents?name=lemums.txt`,
      Buffer.from('Lēmums'),
      { 'content-type': 'application/octet-stream' },
    );
    documentId = json<{ id: string }>(uploaded).id;
    const closing = await worker.caller.post(`/api/cases/${closed.caseId}/status`, {
      status: 'closed',
      closureReason: 'goals_reached',
    });
    expect(closing.statusCode, closing.body).toBe(200);
  }, 120_000);

  const config = () => ({ caseRetentionYears: 5, dataDir: t().app.deps.config.dataDir });
  const names = async () =>
    (
      await t().database.query<{ id: string; given_name: string }>(
        'SELECT id::text, given_name FROM persons WHERE id = ANY($1::uuid[]) ORDER BY id',
        [[closedPerson, openPerson]],
      )
    ).reduce<Record<string, string>>((all, row) => Object.assign(all, { [row.id]: row.given_name }), {});

  it('keeps everything within the retention period', async () => {
    expect(await runRetention(t().database, config(), t().clock.now(), false)).toContain('0 people');
    expect(await names()).toEqual({ [closedPerson]: 'Vecā', [openPerson]: 'Jaunā' });
  });

  it('lists in a dry run, then anonymises and deletes after it, once', async () => {
    const later = new Date(t().clock.now().getTime() + 6 * 366 * 24 * 3_600_000);
    const file = join(config().dataDir, 'documents', documentId);
    expect(existsSync(file)).toBe(true);
    const dry = await runRetention(t().database, config(), later, true);
    expect(dry).toBe(
      'Dry run: 1 person to anonymise, 1 document to delete (each organisation under its retention rules; CASE_RETENTION_YEARS 5 where it has none); nothing changed.',
    );
    expect((await names())[closedPerson]).toBe('Vecā');
    expect(existsSync(file)).toBe(true);

    expect(await runRetention(t().database, config(), later, false)).toContain(
      '1 person anonymise, 1 document delete',
    );
    expect(await names()).toEqual({ [closedPerson]: '—', [openPerson]: 'Jaunā' });
    expect(existsSync(file)).toBe(false);
    const [rows] = await t().database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM documents WHERE id = $1',
      [documentId],
    );
    expect(rows!.n).toBe(0);
    const [audited] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'retention.%'`,
    );
    expect(audited!.n).toBe(2);
    expect(await runRetention(t().database, config(), later, false)).toContain('0 people');
  });
});

describeOnDatabases('retention on the web', (t) => {
  it('shows the data protection officer what a run would change in her organisation, and runs it', async () => {
    const centre = await t().createCentre('Tīmekļa glabāšana');
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    const dpo = await t().user({ roles: [{ role: 'data_protection_officer' }] });
    const family = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Senā', familyName: 'Tīmekle', birthYear: 1970 } },
    ]);
    await worker.caller.post(`/api/cases/${family.caseId}/status`, {
      status: 'closed',
      closureReason: 'goals_reached',
    });
    expect(json(await dpo.caller.get('/api/retention'))).toEqual({
      caseYears: 5,
      documentYears: 5,
      custom: false,
      persons: 0,
      documents: 0,
    });
    expect((await worker.caller.get('/api/retention')).statusCode).toBe(403);

    t().clock.advanceMinutes(6 * 366 * 24 * 60);
    dpo.caller = await t().signIn(dpo.email);
    expect(json(await dpo.caller.get('/api/retention'))).toEqual({
      caseYears: 5,
      documentYears: 5,
      custom: false,
      persons: 1,
      documents: 0,
    });
    expect(json(await dpo.caller.post('/api/retention/run', {}))).toEqual({
      caseYears: 5,
      documentYears: 5,
      custom: false,
      persons: 1,
      documents: 0,
    });
    expect(json(await dpo.caller.get('/api/retention'))).toEqual({
      caseYears: 5,
      documentYears: 5,
      custom: false,
      persons: 0,
      documents: 0,
    });
    const [audited] = await t().database.query<{ actor: string }>(
      `SELECT actor_user_id::text AS actor FROM audit_log WHERE action = 'retention.anonymise'`,
    );
    expect(audited!.actor).toBe(dpo.id);
  });
});

describeOnDatabases('retention rules set by the administrator', (t) => {
  it('are set per organisation, refused when documents would outlive people, and applied by the run', async () => {
    const organisation = await t().createOrganisation('Noteikumu biedrība');
    const centre = await t().createCentre('Noteikumu centrs', organisation);
    const admin = await t().user({ roles: [{ role: 'administrator' }], organisationId: organisation });
    const dpo = await t().user({
      roles: [{ role: 'data_protection_officer' }],
      organisationId: organisation,
    });
    const worker = await t().user({
      roles: [{ role: 'specialist', centreId: centre }],
      organisationId: organisation,
    });
    const family = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Rūta', familyName: 'Noteikuma', birthYear: 1981 } },
    ]);
    const uploaded = await worker.caller.request(
      'POST',
      `/api/cases/${family.caseId}/documents?name=akts.txt`,
      Buffer.from('Akts'),
      { 'content-type': 'application/octet-stream' },
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await worker.caller.post(`/api/cases/${family.caseId}/status`, {
      status: 'closed',
      closureReason: 'goals_reached',
    });

    const defaults = { caseYears: 5, documentYears: 5, custom: false };
    expect(json(await admin.caller.get('/api/organisation/retention-rules'))).toEqual(defaults);
    expect(json(await dpo.caller.get('/api/organisation/retention-rules'))).toEqual(defaults);

    const outliving = await admin.caller.put('/api/organisation/retention-rules', {
      caseYears: 3,
      documentYears: 4,
    });
    expect(outliving.statusCode).toBe(400);
    expect(json<{ error: { fields: unknown } }>(outliving).error.fields).toEqual([
      {
        field: 'documentYears',
        message:
          'Dokumentus nevar glabāt ilgāk par lietas personu datiem: ievadiet ne vairāk gadu kā lietām.',
      },
    ]);
    expect(
      (await admin.caller.put('/api/organisation/retention-rules', { caseYears: 0, documentYears: 0 }))
        .statusCode,
    ).toBe(400);
    expect(
      (await dpo.caller.put('/api/organisation/retention-rules', { caseYears: 3, documentYears: 2 }))
        .statusCode,
    ).toBe(403);
    expect((await worker.caller.get('/api/organisation/retention-rules')).statusCode).toBe(403);
    expect(json(await admin.caller.get('/api/organisation/retention-rules'))).toEqual(defaults);

    const saved = await admin.caller.put('/api/organisation/retention-rules', {
      caseYears: 3,
      documentYears: 2,
    });
    expect(json(saved)).toEqual({ caseYears: 3, documentYears: 2, custom: true });
    const [audited] = await t().database.query<{ details: unknown }>(
      `SELECT details FROM audit_log WHERE action = 'organisation.retention_rules' AND organisation_id = $1`,
      [organisation],
    );
    expect(audited!.details).toEqual({
      before: { caseYears: 5, documentYears: 5 },
      after: { caseYears: 3, documentYears: 2 },
    });
    // The first organisation keeps the server's default.
    const home = await t().user({ roles: [{ role: 'administrator' }] });
    expect(json(await home.caller.get('/api/organisation/retention-rules'))).toEqual(defaults);

    const years = (n: number) => new Date(t().clock.now().getTime() + n * 365.25 * 24 * 3_600_000);
    const run = (at: Date) => runRetention(t().database, config(), at, false);
    const config = () => ({ caseRetentionYears: 5, dataDir: t().app.deps.config.dataDir });
    const name = async () =>
      (
        await t().database.query<{ given_name: string }>(
          `SELECT p.given_name FROM persons p JOIN family_members m ON m.person_id = p.id
           JOIN cases c ON c.family_id = m.family_id WHERE c.id = $1`,
          [family.caseId],
        )
      )[0]!.given_name;
    const documentsLeft = async () =>
      (
        await t().database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM documents WHERE case_id = $1',
          [family.caseId],
        )
      )[0]!.n;

    await run(years(2.5));
    expect({ name: await name(), documents: await documentsLeft() }).toEqual({ name: 'Rūta', documents: 0 });
    await run(years(3.5));
    expect(await name()).toBe('—');

    const processing = json<{ records: { retention: string }[] }>(
      await dpo.caller.get('/api/records-of-processing'),
    ).records[0]!;
    expect(processing.retention).toBe(
      'Personas anonimizē 3 gadus pēc lietas slēgšanas. Dokumentus dzēš 2 gadus pēc lietas slēgšanas.',
    );
  });
});
