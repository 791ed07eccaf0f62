import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { CaseAssessments, InstrumentView } from '../../shared/contracts/assessments';

type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };

describeOnDatabases('assessments', (t) => {
  let worker: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let caseId: string;
  let instrument: InstrumentView;

  beforeAll(async () => {
    const bauska = await t().createCentre('Bauska');
    const valmiera = await t().createCentre('Valmiera');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    outsider = await t().user({ roles: [{ role: 'specialist', centreId: valmiera }] });
    admin = await t().user({ roles: [{ role: 'administrator', centreId: null }] });
    ({ caseId } = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Sanita', familyName: 'Lapiņa', birthDate: '1992-09-09' } },
    ]));
    instrument = json<{ instruments: InstrumentView[] }>(
      await worker.caller.get('/api/assessment-instruments'),
    ).instruments[0]!;
  });

  const scores = (values: number[]) =>
    instrument.domains.map((d, i) => ({ domain: d.key, score: values[i]! }));

  it('ships the eight-domain well-being instrument scored 1 to 5', () => {
    expect(instrument.builtin).toBe(true);
    expect(instrument.domains.map((d) => d.key)).toEqual([
      'care',
      'food_security',
      'accommodation',
      'physical_health',
      'education_skills',
      'livelihood',
      'protection_inclusion',
      'social_emotional',
    ]);
    expect([instrument.scale.min, instrument.scale.max]).toEqual([1, 5]);
    expect(instrument.scale.labels).toHaveLength(5);
  });

  it('shows the change per domain from intake to the latest review', async () => {
    const intake = await worker.caller.post(`/api/cases/${caseId}/assessments`, {
      instrumentId: instrument.id,
      phase: 'intake',
      assessedOn: '2026-01-15',
      scores: scores([2, 3, 2, 4, 3, 1, 2, 2]),
    });
    expect(intake.statusCode, intake.body).toBe(201);
    await worker.caller.post(`/api/cases/${caseId}/assessments`, {
      instrumentId: instrument.id,
      phase: 'review',
      assessedOn: '2026-02-10',
      scores: scores([3, 3, 2, 4, 3, 2, 2, 3]),
    });
    await worker.caller.post(`/api/cases/${caseId}/assessments`, {
      instrumentId: instrument.id,
      phase: 'review',
      assessedOn: '2026-03-01',
      scores: scores([4, 3, 3, 4, 4, 2, 3, 3]),
    });
    const view = json<CaseAssessments>(await worker.caller.get(`/api/cases/${caseId}/assessments`));
    expect(view.assessments.map((a) => a.phase)).toEqual(['intake', 'review', 'review']);
    expect(view.changes).toHaveLength(1);
    expect(view.changes[0]!.domains.map((d) => [d.key, d.from, d.to, d.change])).toEqual([
      ['care', 2, 4, 2],
      ['food_security', 3, 3, 0],
      ['accommodation', 2, 3, 1],
      ['physical_health', 4, 4, 0],
      ['education_skills', 3, 4, 1],
      ['livelihood', 1, 2, 1],
      ['protection_inclusion', 2, 3, 1],
      ['social_emotional', 2, 3, 1],
    ]);
  });

  it('refuses scores off the scale, unscored domains, a second intake, and cases out of scope', async () => {
    const bad = await worker.caller.post(`/api/cases/${caseId}/assessments`, {
      instrumentId: instrument.id,
      phase: 'review',
      assessedOn: '2026-03-01',
      scores: scores([6, 3, 3, 4, 4, 2, 3, 3]).slice(0, 7),
    });
    expect(json<ErrorBody>(bad).error.fields).toEqual([
      { field: 'scores.0.score', message: 'Vērtējumam jābūt no 1 līdz 5.' },
      { field: 'scores.social_emotional', message: 'Novērtējiet jomu "Sociāli emocionālā labklājība".' },
    ]);
    const second = await worker.caller.post(`/api/cases/${caseId}/assessments`, {
      instrumentId: instrument.id,
      phase: 'intake',
      assessedOn: '2026-03-01',
      scores: scores([3, 3, 3, 3, 3, 3, 3, 3]),
    });
    expect(json<ErrorBody>(second).error.fields?.[0]?.message).toBe(
      'Sākotnējais novērtējums šai lietai jau ir; izvēlieties atkārtotu novērtējumu.',
    );
    const view = json<CaseAssessments>(await worker.caller.get(`/api/cases/${caseId}/assessments`));
    expect(view.assessments).toHaveLength(3);
    expect((await outsider.caller.get(`/api/cases/${caseId}/assessments`)).statusCode).toBe(404);
    expect(
      (
        await outsider.caller.post(`/api/cases/${caseId}/assessments`, {
          instrumentId: instrument.id,
          phase: 'review',
          assessedOn: '2026-03-01',
          scores: scores([3, 3, 3, 3, 3, 3, 3, 3]),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lets the administrator configure an instrument of the organisation', async () => {
    const created = await admin.caller.post('/api/assessment-instruments', {
      nameLv: 'Bērna drošības novērtējums',
      nameEn: 'Child safety assessment',
      version: '2026-1',
      domains: [
        { key: 'home_safety', nameLv: 'Drošība mājās', nameEn: 'Safety at home' },
        { key: 'supervision', nameLv: 'Uzraudzība', nameEn: 'Supervision' },
      ],
      scale: { min: 0, max: 3, labels: [{ value: 0, lv: 'nav', en: 'none' }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const list = json<{ instruments: InstrumentView[] }>(
      await worker.caller.get('/api/assessment-instruments'),
    );
    expect(list.instruments.map((i) => i.nameEn)).toContain('Child safety assessment');
    const offScale = await admin.caller.post('/api/assessment-instruments', {
      nameLv: 'Xx skala',
      nameEn: 'Xx scale',
      version: '1',
      domains: [{ key: 'a1', nameLv: 'Aa', nameEn: 'Aa' }],
      scale: { min: 1, max: 3, labels: [{ value: 4, lv: 'x', en: 'x' }] },
    });
    expect(json<ErrorBody>(offScale).error.fields).toEqual([
      { field: 'scale.labels.0.value', message: 'Šī vērtība nav skalā.' },
    ]);
    expect((await worker.caller.post('/api/assessment-instruments', {})).statusCode).toBe(403);
  });
});
