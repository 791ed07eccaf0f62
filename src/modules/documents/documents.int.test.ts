import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { DocumentView } from '../../shared/contracts/documents';

type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 0)]);

describeOnDatabases('documents', (t) => {
  let worker: TestUser;
  let colleague: TestUser;
  let caseId: string;
  let centre: string;

  beforeAll(async () => {
    const bauska = await t().createCentre('Bauska');
    centre = bauska;
    worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    colleague = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    ({ caseId } = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Sanita', familyName: 'Lapiņa', birthDate: '1992-09-09' } },
    ]));
  });

  const upload = (user: TestUser, name: string, bytes: Buffer) =>
    user.caller.request('POST', `/api/cases/${caseId}/documents?${new URLSearchParams({ name })}`, bytes, {
      'content-type': 'application/octet-stream',
    });
  const stored = () => {
    const dir = join(t().app.deps.config.dataDir, 'documents');
    return existsSync(dir) ? readdirSync(dir).length : 0;
  };

  it('keeps no bidirectional control characters in a file name, and is never cached', async () => {
    // A case of its own, so that the other tests' lists are not changed.
    const own = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Rita', familyName: 'Rēķina', birthYear: 1985 } },
    ]);
    const created = await worker.caller.request(
      'POST',
      `/api/cases/${own.caseId}/documents?${new URLSearchParams({ name: 'rēķins\u202Efdp.txt' })}`,
      Buffer.from('Parasts teksts'),
      { 'content-type': 'application/octet-stream' },
    );
    expect(created.statusCode, created.body).toBe(201);
    const { id } = json<{ id: string }>(created);
    const list = json<{ documents: DocumentView[] }>(
      await worker.caller.get(`/api/cases/${own.caseId}/documents`),
    );
    expect(list.documents.find((d) => d.id === id)?.fileName).toBe('rēķinsfdp.txt');
    const download = await worker.caller.get(`/api/documents/${id}/download`);
    expect(download.headers['content-disposition']).not.toMatch(/\u202e|%E2%80%AE/i);
    expect(download.headers['cache-control']).toMatch(/no-store/);
    const listed = await worker.caller.get(`/api/cases/${own.caseId}/documents`);
    expect(listed.headers['cache-control']).toBe('no-store');
  });

  it('stores a PDF under the data directory with a sanitised name; downloads are audited', async () => {
    const created = await upload(worker, '../../etc/Tiesas lēmums: 2026.pdf', pdf);
    expect(created.statusCode, created.body).toBe(201);
    const { id } = json<{ id: string }>(created);
    const list = json<{ documents: DocumentView[] }>(
      await worker.caller.get(`/api/cases/${caseId}/documents`),
    );
    expect(list.documents[0]).toMatchObject({
      fileName: 'Tiesas lēmums 2026.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
    });
    const download = await worker.caller.get(`/api/documents/${id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Tiesas lemums 2026.pdf"; filename*=UTF-8''${encodeURIComponent('Tiesas lēmums 2026.pdf')}`,
    );
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const [audit] = await t().database.query<{ count: number }>(
      `select count(*)::int as count from audit_log where action = 'document.download' and entity_id = '${id}'`,
    );
    expect(audit!.count).toBe(1);
    // A colleague who is not on the case's team cannot download it.
    expect((await colleague.caller.get(`/api/documents/${id}/download`)).statusCode).toBe(404);
    expect((await upload(colleague, 'x.pdf', pdf)).statusCode).toBe(404);
  });

  it('refuses a disguised type, an unknown type, an empty file and one over 20 MB, writing nothing', async () => {
    const before = stored();
    const disguised = await upload(worker, 'foto.jpg', pdf);
    expect(json<ErrorBody>(disguised).error.fields).toEqual([
      { field: 'file', message: 'Faila nosaukums neatbilst saturam: pēc satura tas ir PDF fails.' },
    ]);
    const program = await upload(worker, 'rēķins.pdf', exe);
    expect(json<ErrorBody>(program).error.fields?.[0]?.message).toMatch(/^Šāda veida failus nevar pievienot/);
    expect((await upload(worker, 'tukšs.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    const large = Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024, 0x20)]);
    const tooLarge = await upload(worker, 'liels.pdf', large);
    expect(json<ErrorBody>(tooLarge).error.fields).toEqual([
      { field: 'file', message: 'Fails ir lielāks par 20 MB; samaziniet to vai sadaliet vairākos failos.' },
    ]);
    expect(stored()).toBe(before);
    const list = json<{ documents: DocumentView[] }>(
      await worker.caller.get(`/api/cases/${caseId}/documents`),
    );
    expect(list.documents).toHaveLength(1);
    // An image without an extension gets the one its content says.
    const image = await upload(worker, 'skenējums', png);
    expect(image.statusCode).toBe(201);
    const names = json<{ documents: DocumentView[] }>(
      await worker.caller.get(`/api/cases/${caseId}/documents`),
    );
    expect(names.documents[0]!.fileName).toBe('skenējums.png');
  });
});
