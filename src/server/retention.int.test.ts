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
      'Dry run: 1 person to anonymise, 1 document to delete (cases closed more than 5 years ago); nothing changed.',
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
    expect(json(await dpo.caller.get('/api/retention'))).toEqual({ years: 5, persons: 0, documents: 0 });
    expect((await worker.caller.get('/api/retention')).statusCode).toBe(403);

    t().clock.advanceMinutes(6 * 366 * 24 * 60);
    dpo.caller = await t().signIn(dpo.email);
    expect(json(await dpo.caller.get('/api/retention'))).toEqual({ years: 5, persons: 1, documents: 0 });
    expect(json(await dpo.caller.post('/api/retention/run', {}))).toEqual({
      years: 5,
      persons: 1,
      documents: 0,
    });
    expect(json(await dpo.caller.get('/api/retention'))).toEqual({ years: 5, persons: 0, documents: 0 });
    const [audited] = await t().database.query<{ actor: string }>(
      `SELECT actor_user_id::text AS actor FROM audit_log WHERE action = 'retention.anonymise'`,
    );
    expect(audited!.actor).toBe(dpo.id);
  });
});
