import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../test/helpers/app';

/*
 * Catalogues are edited at the version read (the rule every record people edit follows): two people with
 * the same programme or institution open, the second save is refused with who saved first, and nothing of
 * the first is overwritten.
 */
describeOnDatabases('catalogue edits at the version read', (t) => {
  let admin: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    admin = await t().user({ roles: [{ role: 'administrator' }] });
    other = await t().user({ roles: [{ role: 'administrator' }] });
  }, 120_000);

  for (const { what, url, create, edit, field } of [
    {
      what: 'a programme',
      url: '/api/programmes',
      create: { nameLv: 'Ģimeņu atbalsts', nameEn: 'Family support' },
      edit: { nameLv: 'Ģimeņu atbalsts un konsultācijas', nameEn: 'Family support' },
      field: 'nameLv',
    },
    {
      what: 'a partner institution',
      url: '/api/institutions',
      create: { type: 'kindergarten', name: 'PII Saulīte' },
      edit: { type: 'kindergarten', name: 'PII Saulīte', contactPhone: '+371 20000000' },
      field: 'contactPhone',
    },
  ] as const) {
    it(`refuses a save of ${what} from a screen opened before another's save`, async () => {
      const created = await admin.caller.post(url, create);
      expect(created.statusCode, created.body).toBe(201);
      const { id, version } = json<{ id: string; version: number }>(created);
      const first = await admin.caller.put(`${url}/${id}`, { ...edit, version });
      expect(first.statusCode, first.body).toBe(200);
      expect(json<{ version: number }>(first).version).toBe(version + 1);
      const stale = await other.caller.put(`${url}/${id}`, { ...create, version });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('STALE_VERSION');
      const listed = json<Record<string, { id: string }[]>>(await admin.caller.get(url));
      const row = Object.values(listed)
        .find(Array.isArray)!
        .find((r) => r.id === id) as Record<string, unknown>;
      expect(row[field]).toBe((edit as Record<string, unknown>)[field]);
    });
  }
});
