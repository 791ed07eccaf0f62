import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../test/helpers/app';
import { caseActivityInput } from './contracts/activities';
import { personUpdate, registerFamilyInput } from './contracts/registry';
import type { Language } from './i18n';
import { contractErrors } from './validation';

/*
 * Issue 17, the data-entry layer: a web form checks its request with the server's own contract before
 * sending it. The user must read the same words either way, so for bad requests of several shapes (nested
 * members, a partial update, an activity) the form's check and the server's answer are compared, field
 * by field, in both languages.
 */
describeOnDatabases('a form checks a request as the server does', (t) => {
  let specialist: TestUser;
  let centreId: string;
  let caseId: string;
  let personId: string;

  beforeAll(async () => {
    centreId = await t().createCentre('Bauska');
    specialist = await t().user({ roles: [{ role: 'specialist', centreId }], specialty: 'social_worker' });
    const registered = json<{ caseId: string }>(
      await specialist.caller.post('/api/families', {
        members: [{ relation: 'mother', person: { givenName: 'Ilze', familyName: 'Ozola', sex: 'female' } }],
        case: { centreId, referralDate: '2026-02-20', referralSource: 'social_service' },
      }),
    );
    caseId = registered.caseId;
    const page = json<{ members: { person: { id: string } }[] }>(
      await specialist.caller.get(`/api/cases/${caseId}`),
    );
    personId = page.members[0]!.person.id;
  }, 120_000);

  const serverFields = async (method: 'POST' | 'PATCH', url: string, body: unknown, language: Language) => {
    const response = await specialist.caller.request(method, url, body, { 'accept-language': language });
    expect(response.statusCode).toBe(400);
    const fields = (response.json() as { error: { fields: { field: string; message: string }[] } }).error
      .fields;
    return Object.fromEntries(fields.map((f) => [f.field, f.message]));
  };

  for (const language of ['lv', 'en'] as const) {
    it(`registration with a nameless member and a wrong date (${language})`, async () => {
      const body = {
        members: [
          { relation: 'child', person: { givenName: '', familyName: 'Ozols', birthDate: '31.02.2020' } },
        ],
        case: { centreId, referralDate: 'vakar', referralSource: 'social_service' },
      };
      const form = contractErrors(registerFamilyInput, body, language);
      expect(Object.keys(form).sort()).toEqual([
        'case.referralDate',
        'members.0.person.birthDate',
        'members.0.person.givenName',
      ]);
      expect(form).toEqual(await serverFields('POST', '/api/families', body, language));
    });

    it(`a person's update with an over-long personal code and an emptied name (${language})`, async () => {
      const body = { givenName: '', personalCode: '123456-123451234567890', version: 1 };
      const form = contractErrors(personUpdate, body, language);
      expect(Object.keys(form).sort()).toEqual(['givenName', 'personalCode']);
      expect(form).toEqual(await serverFields('PATCH', `/api/persons/${personId}`, body, language));
    });

    it(`an activity without a type and with zero minutes (${language})`, async () => {
      const body = { typeId: '', occursOn: '2026-03-01', durationMinutes: 0, place: 'centre' };
      const form = contractErrors(caseActivityInput, body, language);
      expect(Object.keys(form).sort()).toEqual(['durationMinutes', 'typeId']);
      expect(form).toEqual(await serverFields('POST', `/api/cases/${caseId}/activities`, body, language));
    });
  }
});
