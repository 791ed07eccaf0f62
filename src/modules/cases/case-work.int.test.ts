import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { personalCode, registerFamily } from '../../../test/helpers/registry';
import type {
  CaseloadPage,
  FamilyPage,
  HistoryResponse,
  SearchResult,
} from '../../shared/contracts/registry';

type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };

describeOnDatabases('working on a case: team, consents, members, merge, transfer', (t) => {
  let bauska: string;
  let valmiera: string;
  let worker: TestUser;
  let colleague: TestUser;
  let bauskaManager: TestUser;
  let valmieraManager: TestUser;

  beforeAll(async () => {
    bauska = await t().createCentre('Bauska');
    valmiera = await t().createCentre('Valmiera');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    colleague = await t().user({ roles: [{ role: 'specialist', centreId: bauska }], specialty: 'lawyer' });
    bauskaManager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    valmieraManager = await t().user({ roles: [{ role: 'centre_manager', centreId: valmiera }] });
  });

  const page = async (user: TestUser, caseId: string) =>
    json<FamilyPage>(await user.caller.get(`/api/cases/${caseId}`));

  it('lists the staff of a centre as possible key workers, only to those who work there', async () => {
    const list = json<{ workers: { id: string; name: string }[] }>(
      await worker.caller.get(`/api/centres/${bauska}/workers`),
    );
    expect(list.workers.map((w) => w.id).sort()).toEqual([worker.id, colleague.id, bauskaManager.id].sort());
    expect((await worker.caller.get(`/api/centres/${valmiera}/workers`)).statusCode).toBe(404);
    expect((await worker.caller.get('/api/centres/not-an-id/workers')).statusCode).toBe(404);
  });

  it('adds a colleague to the team, who can then open the case; the key worker cannot be removed', async () => {
    const { caseId } = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Dace', familyName: 'Zariņa', birthDate: '1991-01-01' } },
    ]);
    expect((await colleague.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await worker.caller.post(`/api/cases/${caseId}/team`, { userId: colleague.id })).statusCode).toBe(
      200,
    );
    expect((await colleague.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    const outsider = await worker.caller.post(`/api/cases/${caseId}/team`, { userId: valmieraManager.id });
    expect(json<ErrorBody>(outsider).error.fields?.[0]?.field).toBe('userId');
    const keyWorker = await colleague.caller.delete(`/api/cases/${caseId}/team/${worker.id}`);
    expect(json<ErrorBody>(keyWorker).error.fields?.[0]?.message).toBe(
      'Atbildīgais speciālists paliek komandā; vispirms nomainiet atbildīgo.',
    );
    expect((await worker.caller.delete(`/api/cases/${caseId}/team/${colleague.id}`)).statusCode).toBe(200);
    expect((await colleague.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('records consents and their withdrawal, with the dates checked', async () => {
    const { caseId } = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Elīna', familyName: 'Sproģe', birthDate: '1993-03-03' } },
    ]);
    const url = `/api/cases/${caseId}/consents`;
    const bad = await worker.caller.post(url, {
      purpose: '',
      givenBy: 'Elīna Sproģe',
      givenOn: '2027-01-01',
    });
    expect(json<ErrorBody>(bad).error.fields?.map((f) => f.field)).toEqual(['purpose']);
    const future = await worker.caller.post(url, {
      purpose: 'Datu apstrāde',
      givenBy: 'Elīna Sproģe',
      givenOn: '2027-01-01',
    });
    expect(json<ErrorBody>(future).error.fields?.[0]?.field).toBe('givenOn');
    expect(
      (
        await worker.caller.post(url, {
          purpose: 'Datu apstrāde sociālā darba vajadzībām',
          givenBy: 'Elīna Sproģe',
          givenOn: '2026-02-01',
        })
      ).statusCode,
    ).toBe(200);
    const consent = (await page(worker, caseId)).case.consents[0]!;
    const early = await worker.caller.post(`${url}/${consent.id}/withdraw`, { withdrawnOn: '2026-01-01' });
    expect(early.statusCode).toBe(400);
    expect(
      (await worker.caller.post(`${url}/${consent.id}/withdraw`, { withdrawnOn: '2026-03-01' })).statusCode,
    ).toBe(200);
    expect((await page(worker, caseId)).case.consents[0]).toMatchObject({
      givenOn: '2026-02-01',
      withdrawnOn: '2026-03-01',
    });
  });

  it('moves a person from one family to another, keeping the history of both', async () => {
    const first = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Laura', familyName: 'Krūmiņa', birthDate: '1980-05-05' } },
      {
        relation: 'child',
        person: { givenName: 'Kristaps', familyName: 'Krūmiņš', birthDate: '2012-02-02' },
      },
    ]);
    const second = await registerFamily(worker.caller, bauska, [
      { relation: 'father', person: { givenName: 'Ainārs', familyName: 'Krūmiņš', birthDate: '1979-07-07' } },
    ]);
    const kristaps = (await page(worker, first.caseId)).members.find(
      (m) => m.person.givenName === 'Kristaps',
    )!;
    const left = await worker.caller.post(`/api/families/${first.familyId}/members/${kristaps.id}/leave`, {
      leftOn: '2026-02-15',
    });
    expect(left.statusCode).toBe(200);
    const joined = await worker.caller.post(`/api/families/${second.familyId}/members`, {
      personId: kristaps.person.id,
      relation: 'child',
      joinedOn: '2026-02-15',
    });
    expect(joined.statusCode).toBe(200);
    const again = await worker.caller.post(`/api/families/${second.familyId}/members`, {
      personId: kristaps.person.id,
      relation: 'child',
    });
    expect(json<ErrorBody>(again).error.fields?.[0]?.message).toBe('Šī persona ģimenē jau ir pievienota.');
    const firstPage = await page(worker, first.caseId);
    expect(firstPage.members.find((m) => m.person.givenName === 'Kristaps')).toMatchObject({
      leftOn: '2026-02-15',
    });
    const secondPage = await page(worker, second.caseId);
    expect(secondPage.members.map((m) => m.person.givenName).sort()).toEqual(['Ainārs', 'Kristaps']);
    const history = json<HistoryResponse>(await worker.caller.get(`/api/cases/${first.caseId}/history`));
    expect(history.changes.at(-1)).toMatchObject({
      entityType: 'family',
      field: 'member',
      newValue: 'Kristaps Krūmiņš (child) 2012-02-02 – 2026-02-15',
    });
    expect(
      (
        await colleague.caller.post(`/api/families/${second.familyId}/members`, {
          personId: kristaps.person.id,
          relation: 'child',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lets a manager merge two records of one person without losing anything', async () => {
    const a = await registerFamily(worker.caller, bauska, [
      {
        relation: 'mother',
        person: {
          givenName: 'Santa',
          familyName: 'Bērziņa',
          birthDate: '1987-08-08',
          phone: '+371 21111111',
        },
      },
    ]);
    const b = await registerFamily(worker.caller, bauska, [
      {
        relation: 'mother',
        person: {
          givenName: 'Santa',
          familyName: 'Berzina',
          birthDate: '1987-08-08',
          personalCode: personalCode('1987-08-08', 42),
        },
      },
    ]);
    const keep = (await page(worker, a.caseId)).members[0]!.person;
    const merge = (await page(worker, b.caseId)).members[0]!.person;
    expect(
      (await worker.caller.post('/api/persons/merge', { keepId: keep.id, mergeId: merge.id })).statusCode,
    ).toBe(403);
    expect(
      (await bauskaManager.caller.post('/api/persons/merge', { keepId: keep.id, mergeId: keep.id }))
        .statusCode,
    ).toBe(400);
    expect(
      (await bauskaManager.caller.post('/api/persons/merge', { keepId: keep.id, mergeId: merge.id }))
        .statusCode,
    ).toBe(200);
    const merged = (await page(worker, b.caseId)).members[0]!.person;
    expect(merged).toMatchObject({
      id: keep.id,
      phone: '+371 21111111',
      personalCode: personalCode('1987-08-08', 42),
    });
    const found = json<SearchResult>(await worker.caller.get('/api/search?q=santa'));
    expect(found.results).toHaveLength(1);
    expect(found.results[0]!.cases.map((c) => c.caseId).sort()).toEqual([a.caseId, b.caseId].sort());
    const [audit] = await t().database.query<{ details: { mergeId: string; movedMemberships: string[] } }>(
      `SELECT details FROM audit_log WHERE action = 'person.merge' AND entity_id = $1`,
      [keep.id],
    );
    expect(audit!.details.mergeId).toBe(merge.id);
    expect(audit!.details.movedMemberships).toHaveLength(1);
    const [kept] = await t().database.query<{ merged_into: string }>(
      'SELECT merged_into FROM persons WHERE id = $1',
      [merge.id],
    );
    expect(kept!.merged_into).toBe(keep.id);
  });

  it('transfers a case to another centre once its manager accepts', async () => {
    const { caseId } = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Olga', familyName: 'Petrova', birthDate: '1984-04-04' } },
    ]);
    expect(
      (await worker.caller.post(`/api/cases/${caseId}/transfer`, { toCentreId: valmiera })).statusCode,
    ).toBe(403);
    expect((await valmieraManager.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    const same = await bauskaManager.caller.post(`/api/cases/${caseId}/transfer`, { toCentreId: bauska });
    expect(same.statusCode).toBe(400);
    expect(
      (await bauskaManager.caller.post(`/api/cases/${caseId}/transfer`, { toCentreId: valmiera })).statusCode,
    ).toBe(200);
    const pending = await page(valmieraManager, caseId);
    expect(pending.case).toMatchObject({ centreName: 'Bauska', pendingCentreName: 'Valmiera' });
    const pendingList = json<CaseloadPage>(await valmieraManager.caller.get('/api/cases?scope=centre'));
    expect(pendingList.cases.map((c) => c.id)).toContain(caseId);
    expect(
      (await bauskaManager.caller.post(`/api/cases/${caseId}/transfer/decision`, { accept: true }))
        .statusCode,
    ).toBe(403);
    expect(
      (await valmieraManager.caller.post(`/api/cases/${caseId}/transfer/decision`, { accept: true }))
        .statusCode,
    ).toBe(200);
    const moved = await page(valmieraManager, caseId);
    expect(moved.case).toMatchObject({
      centreName: 'Valmiera',
      pendingCentreName: null,
      keyWorkerId: valmieraManager.id,
    });
    expect((await worker.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await bauskaManager.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    const actions = await t().database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'case.transfer%' ORDER BY occurred_at, id`,
      [caseId],
    );
    expect(actions.map((a) => a.action)).toEqual(['case.transfer_request', 'case.transfer_accept']);
  });
});
