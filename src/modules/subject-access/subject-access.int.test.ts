import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { activityTypeIds, registerFamily } from '../../../test/helpers/registry';

/*
 * Issue 16, part 1: the data protection officer answers a subject access request in one action.
 */
describeOnDatabases('subject access export', (t) => {
  let worker: TestUser;
  let dpo: TestUser;
  let personId: string;
  let caseId: string;

  beforeAll(async () => {
    const centre = await t().createCentre('Piekļuves centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    dpo = await t().user({ roles: [{ role: 'data_protection_officer' }] });
    const family = await registerFamily(worker.caller, centre, [
      {
        relation: 'mother',
        person: { givenName: 'Elīna', familyName: 'Pieprasītāja', birthDate: '1986-05-04' },
      },
      { relation: 'child', person: { givenName: 'Kristaps', familyName: 'Pieprasītājs', birthYear: 2015 } },
    ]);
    caseId = family.caseId;
    const page = json<{ members: { person: { id: string; givenName: string } }[] }>(
      await worker.caller.get(`/api/cases/${caseId}`),
    );
    personId = page.members.find((m) => m.person.givenName === 'Elīna')!.person.id;
    const logged = await worker.caller.post(`/api/cases/${caseId}/activities`, {
      typeId: (await activityTypeIds(worker.caller)).consultation,
      occursOn: '2026-02-20',
      durationMinutes: 60,
      place: 'centre',
      notes: 'Runājām par ikdienas ritmu',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const uploaded = await worker.caller.request(
      'POST',
      `/api/cases/${caseId}/documents?name=iesniegums.txt`,
      Buffer.from('Iesniegums par atbalstu'),
      { 'content-type': 'application/octet-stream' },
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
  }, 120_000);

  it('finds the person anywhere in the organisation, for the data protection officer only', async () => {
    const found = json<{ persons: { id: string }[] }>(
      await dpo.caller.get('/api/subject-access/persons?q=pieprasitaja'),
    );
    expect(found.persons.map((p) => p.id)).toContain(personId);
    expect((await worker.caller.get('/api/subject-access/persons?q=pieprasitaja')).statusCode).toBe(403);
  });

  it('exports everything held about her as JSON, a PDF and the documents, withholding others’ data, audited', async () => {
    const response = await dpo.caller.get(`/api/subject-access/persons/${personId}/export`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('personas-dati-Pieprasītāja-Elīna.zip')}`,
    );
    const zip = await JSZip.loadAsync(response.rawPayload);
    const data = JSON.parse(await zip.file('subject.json')!.async('string'));
    expect(data.person).toMatchObject({
      given_name: 'Elīna',
      family_name: 'Pieprasītāja',
      birth_date: '1986-05-04',
    });
    expect(data.memberships).toEqual([expect.objectContaining({ relation: 'mother', other_members: 1 })]);
    expect(data.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(data.activities.map((a: { notes: string }) => a.notes)).toContain('Runājām par ikdienas ritmu');
    expect(data.documents.map((d: { fileName: string }) => d.fileName)).toEqual(['iesniegums.txt']);
    expect(data.accessLog.length).toBeGreaterThan(0);
    expect(data.withheld.map((w: { what: string }) => w.what)).toContain('family_members');
    // The child is another person: nothing of him is in the export.
    const everything = JSON.stringify(data);
    expect(everything).not.toContain('Kristaps');
    const files = Object.keys(zip.files);
    expect(files.some((f) => /^documents\/.+-iesniegums\.txt$/.test(f))).toBe(true);
    expect((await zip.file('summary.pdf')!.async('string')).startsWith('%PDF')).toBe(true);
    const [audited] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'subject_access.export' AND entity_id = $1`,
      [personId],
    );
    expect(audited!.n).toBe(1);
  });

  it('knows no person of another organisation', async () => {
    const other = await t().createOrganisation('Cita biedrība');
    const otherDpo = await t().user({ roles: [{ role: 'data_protection_officer' }], organisationId: other });
    expect((await otherDpo.caller.get(`/api/subject-access/persons/${personId}/export`)).statusCode).toBe(
      404,
    );
  });
});

describeOnDatabases('records of processing', (t) => {
  it('lists each processing with the roles that reach it, from the permission table, as JSON and PDF', async () => {
    const dpo = await t().user({ roles: [{ role: 'data_protection_officer' }] });
    const records = json<{ records: { name: string; retention: string; roles: string[] }[] }>(
      await dpo.caller.get('/api/records-of-processing'),
    ).records;
    const casework = records.find((r) => r.name === 'Ģimeņu atbalsts un lietvedība')!;
    // Case content: the roles holding `cases.read`, and not the administrator or the project manager.
    expect(casework.roles).toEqual(['Centra vadītājs', 'Speciālists', 'ĢGK koordinators']);
    expect(casework.retention).toBe(
      'Personas anonimizē 5 gadus pēc lietas slēgšanas. Dokumentus dzēš 5 gadus pēc lietas slēgšanas.',
    );
    const pdf = await dpo.caller.get('/api/records-of-processing?format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const specialist = await t().user({
      roles: [{ role: 'specialist', centreId: await t().createCentre('X') }],
    });
    expect((await specialist.caller.get('/api/records-of-processing')).statusCode).toBe(403);
  });
});
