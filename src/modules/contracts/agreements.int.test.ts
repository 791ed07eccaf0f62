import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { ContractView } from '../../shared/contracts/agreements';

type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };

describeOnDatabases('contracts and programme enrolment', (t) => {
  let riga: string;
  let projects: TestUser;
  let manager: TestUser;
  let worker: TestUser;
  let municipality: TestUser;
  let otherPartner: TestUser;
  let contract: ContractView;
  let programmeId: string;
  let family: { familyId: string; caseId: string };

  beforeAll(async () => {
    riga = await t().createCentre('Rīga');
    projects = await t().user({ roles: [{ role: 'project_manager' }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: riga }] });
    worker = await t().user({ roles: [{ role: 'specialist', centreId: riga }] });
    municipality = await t().user({ roles: [{ role: 'partner_viewer' }] });
    otherPartner = await t().user({ roles: [{ role: 'partner_viewer' }] });
    const created = await projects.caller.post('/api/contracts', {
      counterparty: 'Rīgas domes Labklājības departaments',
      number: 'RD-2014/100',
      startsOn: '2014-01-01',
      service: 'Sociālā darba pakalpojums riska ģimenēm',
      quotaFamilies: 100,
      budgetProgramme: 'Sociālie pakalpojumi dzīvesvietā Rīgas pilsētas iedzīvotājiem',
      viewerIds: [municipality.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    contract = json<ContractView>(created);
    programmeId = json<{ id: string }>(
      await projects.caller.post('/api/programmes', { nameLv: 'Pārinieks', nameEn: 'Pārinieks' }),
    ).id;
    family = await registerFamily(worker.caller, riga, [
      { relation: 'mother', person: { givenName: 'Vija', familyName: 'Ābola', birthDate: '1982-02-02' } },
      { relation: 'child', person: { givenName: 'Roberts', familyName: 'Ābols', birthDate: '2010-10-10' } },
    ]);
  });

  it('keeps a delegation contract with its quota and budget programme, shown to its partner only', async () => {
    expect(contract).toMatchObject({ quotaFamilies: 100, linkedCases: 0, kind: 'delegation' });
    expect(
      json<{ contracts: ContractView[] }>(await municipality.caller.get('/api/contracts')).contracts,
    ).toHaveLength(1);
    expect(
      json<{ contracts: ContractView[] }>(await otherPartner.caller.get('/api/contracts')).contracts,
    ).toEqual([]);
    expect((await otherPartner.caller.get(`/api/contracts/${contract.id}`)).statusCode).toBe(404);
    expect((await worker.caller.get('/api/contracts')).statusCode).toBe(403);
    const duplicate = await projects.caller.post('/api/contracts', {
      counterparty: 'Rīgas dome',
      number: 'rd-2014/100',
      startsOn: '2014-01-01',
    });
    expect(duplicate.statusCode).toBe(409);
    const reversed = await projects.caller.post('/api/contracts', {
      counterparty: 'Rīgas dome',
      number: 'Y',
      startsOn: '2014-01-01',
      endsOn: '2013-01-01',
    });
    expect(json<ErrorBody>(reversed).error.fields?.[0]?.field).toBe('endsOn');
  });

  it('lets the centre manager link a case of the centre to the contract', async () => {
    expect(
      (await worker.caller.post(`/api/contracts/${contract.id}/cases`, { caseId: family.caseId })).statusCode,
    ).toBe(403);
    expect(
      (await manager.caller.post(`/api/contracts/${contract.id}/cases`, { caseId: family.caseId }))
        .statusCode,
    ).toBe(200);
    expect(json<ContractView>(await projects.caller.get(`/api/contracts/${contract.id}`)).linkedCases).toBe(
      1,
    );
  });

  it('enrols a family in a programme and refuses an overlapping second enrolment', async () => {
    const enrol = (startsOn: string) =>
      worker.caller.post('/api/enrolments', { programmeId, familyId: family.familyId, startsOn });
    expect((await enrol('2026-01-10')).statusCode).toBe(200);
    const overlap = await enrol('2026-02-01');
    expect(json<ErrorBody>(overlap).error.fields).toEqual([
      {
        field: 'startsOn',
        message: 'Šī ģimene vai persona šajā programmā jau ir iesaistīta pārklājošā periodā.',
      },
    ]);
    const list = json<{ enrolments: { id: string; programmeName: string }[] }>(
      await worker.caller.get(`/api/families/${family.familyId}/enrolments`),
    );
    expect(list.enrolments.map((e) => e.programmeName)).toEqual(['Pārinieks']);
    const end = await worker.caller.post(`/api/enrolments/${list.enrolments[0]!.id}/end`, {
      endsOn: '2026-01-31',
      exitReason: 'completed',
    });
    expect(end.statusCode).toBe(200);
    expect((await enrol('2026-02-01')).statusCode).toBe(200);
    const both = await worker.caller.post('/api/enrolments', {
      programmeId,
      familyId: family.familyId,
      personId: family.familyId,
      startsOn: '2026-02-01',
    });
    expect(both.statusCode).toBe(400);
    const outsider = await t().user({ roles: [{ role: 'specialist', centreId: riga }] });
    expect(
      (
        await outsider.caller.post('/api/enrolments', {
          programmeId,
          familyId: family.familyId,
          startsOn: '2026-02-01',
        })
      ).statusCode,
    ).toBe(404);
    expect((await outsider.caller.get(`/api/families/${family.familyId}/enrolments`)).statusCode).toBe(404);
  });
});
