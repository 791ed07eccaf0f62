import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { FamilyPage } from '../../shared/contracts/registry';

type ErrorBody = { error: { code: string; message: string } };

describeOnDatabases('no lost updates on people and cases', (t) => {
  let worker: TestUser;
  let manager: TestUser;
  let caseId: string;

  beforeAll(async () => {
    const centre = await t().createCentre('Versiju centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    ({ caseId } = await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Vera', familyName: 'Versija', birthYear: 1983 } },
    ]));
  });

  const page = async () => json<FamilyPage>(await worker.caller.get(`/api/cases/${caseId}`));

  it('refuses a person saved from a stale screen, naming who saved since, and keeps their change', async () => {
    const person = (await page()).members[0]!.person;
    expect(person.version).toBe(1);
    const first = await manager.caller.patch(`/api/persons/${person.id}`, {
      phone: '+371 20000001',
      version: 1,
    });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await worker.caller.patch(`/api/persons/${person.id}`, {
      phone: '+371 29999999',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.code).toBe('STALE_VERSION');
    expect(json<ErrorBody>(stale).error.message).toMatch(/^Lietotājs\d+ Testa izmainīja/);
    const now = (await page()).members[0]!.person;
    expect(now).toMatchObject({ phone: '+371 20000001', version: 2 });
    expect(
      (await worker.caller.patch(`/api/persons/${person.id}`, { phone: '+371 29999999', version: 2 }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a case saved from a stale screen', async () => {
    const before = (await page()).case;
    expect(
      (await manager.caller.patch(`/api/cases/${caseId}`, { riskLevel: 'high', version: before.version }))
        .statusCode,
    ).toBe(200);
    const stale = await worker.caller.patch(`/api/cases/${caseId}`, {
      riskLevel: 'low',
      version: before.version,
    });
    expect(stale.statusCode).toBe(409);
    expect((await page()).case).toMatchObject({ riskLevel: 'high', version: before.version + 1 });
  });
});
