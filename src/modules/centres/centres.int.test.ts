import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';

type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };
interface CentreBody {
  id: string;
  name: string;
  municipality: string;
  address: string;
  active: boolean;
}

describeOnDatabases('centres', (t) => {
  let admin: TestUser;
  beforeAll(async () => {
    admin = await t().user({ roles: [{ role: 'administrator' }] });
  });

  it('creates, lists and edits centres, with each change audited', async () => {
    const created = await admin.caller.post('/api/centres', {
      name: 'Valmiera',
      municipality: 'Valmieras novads',
    });
    expect(created.statusCode).toBe(201);
    const centre = json<CentreBody>(created);
    expect(centre).toEqual({
      id: expect.any(String),
      name: 'Valmiera',
      municipality: 'Valmieras novads',
      address: '',
      active: true,
    });
    const edited = await admin.caller.put(`/api/centres/${centre.id}`, {
      name: 'Valmiera',
      municipality: 'Valmieras novads',
      address: 'Rīgas iela 1',
      active: false,
    });
    expect(json<CentreBody>(edited).active).toBe(false);
    const worker = await t().user({ roles: [] });
    const list = json<{ centres: CentreBody[] }>(await worker.caller.get('/api/centres'));
    expect(list.centres.map((c) => c.name)).toContain('Valmiera');
    const audit = await t().database.query<{
      action: string;
      details: { changes?: Record<string, unknown> };
    }>('SELECT action, details FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at, id', [centre.id]);
    expect(audit.map((a) => a.action)).toEqual(['centre.create', 'centre.update']);
    expect(audit[1]!.details.changes).toEqual({
      address: { from: '', to: 'Rīgas iela 1' },
      active: { from: true, to: false },
    });
  });

  it('refuses a second centre of the same name, whatever its case', async () => {
    await admin.caller.post('/api/centres', { name: 'Rīga' });
    const again = await admin.caller.post('/api/centres', { name: 'RĪGA' });
    expect(again.statusCode).toBe(409);
    expect(json<ErrorBody>(again).error.fields).toEqual([
      { field: 'name', message: 'Centrs ar šādu nosaukumu jau ir.' },
    ]);
  });

  it('validates input and lets only administrators change centres', async () => {
    const bad = await admin.caller.post('/api/centres', { name: 'X', active: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.fields?.map((f) => f.field)).toEqual(['name', 'active']);
    const manager = await t().user({ roles: [{ role: 'project_manager' }] });
    expect((await manager.caller.post('/api/centres', { name: 'Cēsis' })).statusCode).toBe(403);
    expect(
      (await admin.caller.put('/api/centres/00000000-0000-7000-8000-000000000000', { name: 'Cēsis' }))
        .statusCode,
    ).toBe(404);
  });
});
