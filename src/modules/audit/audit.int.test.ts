import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import type { AuditPage } from '../../shared/contracts/audit';

describeOnDatabases('audit log browsing', (t) => {
  let dpo: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    admin = await t().user({ roles: [{ role: 'administrator' }] });
    await admin.caller.post('/api/centres', { name: 'Bauska' });
    t().clock.advanceMinutes(24 * 60);
    admin.caller = await t().signIn(admin.email);
    await admin.caller.post('/api/centres', { name: 'Valmiera' });
    dpo = await t().user({ roles: [{ role: 'data_protection_officer' }] });
  });

  it('lets the data protection officer and the administrator filter the log, newest first', async () => {
    for (const reader of [dpo, admin]) {
      const page = json<AuditPage>(await reader.caller.get('/api/audit?action=centre.create'));
      expect(page.total).toBe(2);
      expect(page.entries.map((e) => e.actorName)).toEqual([
        expect.stringMatching(/Testa$/),
        expect.any(String),
      ]);
      expect(page.entries[0]!.occurredAt > page.entries[1]!.occurredAt).toBe(true);
    }
    const firstDay = json<AuditPage>(
      await dpo.caller.get('/api/audit?action=centre.create&from=2026-03-02&to=2026-03-02'),
    );
    expect(firstDay.total).toBe(1);
    const byActor = json<AuditPage>(await dpo.caller.get(`/api/audit?actorId=${admin.id}&outcome=success`));
    expect(byActor.entries.every((e) => e.actorId === admin.id)).toBe(true);
    const paged = json<AuditPage>(await dpo.caller.get('/api/audit?pageSize=1&page=2'));
    expect(paged.entries).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(2);
  });

  it('is closed to others and rejects bad filters', async () => {
    const worker = await t().user({ roles: [{ role: 'project_manager' }] });
    expect((await worker.caller.get('/api/audit')).statusCode).toBe(403);
    const bad = await dpo.caller.get('/api/audit?from=31.12.2026&outcome=maybe');
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { fields: { field: string }[] } }>(bad).error.fields.map((f) => f.field)).toEqual([
      'outcome',
      'from',
    ]);
  });
});
