import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { activityTypeIds, registerFamily } from '../../../test/helpers/registry';
import type { EventView } from '../../shared/contracts/activities';
import { computeIndicators, type Figure } from './indicators';

/*
 * Issue 18, rule 7: a multi-day event with attendance taken per day counts on the days people
 * were there. A camp from 30.12.2024 to 02.01.2025, six hours a day: the Ozoli family came
 * only on 1 and 2 January, the Bērziņi family on 31 December and 1 January.
 */
describeOnDatabases('multi-day events dated by attendance', (t) => {
  let worker: TestUser;

  beforeAll(async () => {
    const centre = await t().createCentre('Nometņu centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    const families: string[] = [];
    for (const name of ['Ozoli', 'Bērziņi'])
      families.push(
        (
          await registerFamily(worker.caller, centre, [
            { relation: 'mother', person: { givenName: 'Māte', familyName: name, birthDate: '1990-01-01' } },
            { relation: 'child', person: { givenName: 'Bērns', familyName: name, birthDate: '2016-05-05' } },
          ])
        ).familyId,
      );
    const created = await worker.caller.post('/api/events', {
      typeId: (await activityTypeIds(worker.caller)).camp,
      centreId: centre,
      startsOn: '2024-12-30',
      endsOn: '2025-01-02',
      durationMinutes: 360,
      location: 'Kalnmuiža',
    });
    expect(created.statusCode, created.body).toBe(201);
    const eventId = json<{ id: string }>(created).id;
    for (const familyId of families)
      expect((await worker.caller.post(`/api/events/${eventId}/families`, { familyId })).statusCode).toBe(
        200,
      );
    const view = json<EventView>(await worker.caller.get(`/api/events/${eventId}`));
    const members = (name: string) =>
      view.families.find((f) => f.name?.startsWith(name))!.members.map((m) => m.personId);
    const everyone = [...members('Ozoli'), ...members('Bērziņi')];
    const day = async (date: string, present: string[]) => {
      const response = await worker.caller.put(`/api/events/${eventId}/attendance`, {
        day: date,
        attendance: everyone.map((personId) => ({
          personId,
          attendance: present.includes(personId) ? 'present' : 'absent',
        })),
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    await day('2024-12-30', []);
    await day('2024-12-31', members('Bērziņi'));
    await day('2025-01-01', everyone);
    await day('2025-01-02', members('Ozoli'));
  });

  const figures = (from: string, to: string, breakdowns: 'year'[][] = []) =>
    computeIndicators(t().database.unsafeDb, { organisationId: t().organisationId, from, to }, breakdowns);
  const value = (all: Figure[], key: Figure['key'], by: Figure['by'] = null) =>
    all.find((f) => f.key === key && JSON.stringify(f.by) === JSON.stringify(by))?.value;

  it('counts in a year only the families there on its days, and the hours of those days', async () => {
    const in2024 = await figures('2024-01-01', '2024-12-31');
    expect(value(in2024, 'families_reached')).toBe(1);
    expect(value(in2024, 'persons_reached')).toBe(2);
    expect(value(in2024, 'events_held')).toBe(1);
    expect(value(in2024, 'service_hours')).toBe(6);
    const in2025 = await figures('2025-01-01', '2025-12-31');
    expect(value(in2025, 'families_reached')).toBe(2);
    expect(value(in2025, 'persons_reached')).toBe(4);
    expect(value(in2025, 'events_held')).toBe(1);
    expect(value(in2025, 'service_hours')).toBe(12);
  });

  it('counts the camp and each family once over both years, and in each year it was attended', async () => {
    const both = await figures('2024-01-01', '2025-12-31', [['year']]);
    expect(value(both, 'families_reached')).toBe(2);
    expect(value(both, 'activities_held')).toBe(1);
    expect(value(both, 'service_hours')).toBe(18);
    expect(value(both, 'families_reached', { year: '2024' })).toBe(1);
    expect(value(both, 'families_reached', { year: '2025' })).toBe(2);
    expect(value(both, 'activities_held', { year: '2024' })).toBe(1);
    expect(value(both, 'service_hours', { year: '2025' })).toBe(12);
  });

  it('leaves a camp out of a period in which nobody attended it', async () => {
    const december30 = await figures('2024-12-30', '2024-12-30');
    expect(value(december30, 'activities_held')).toBe(0);
    expect(value(december30, 'families_reached')).toBe(0);
  });
});
