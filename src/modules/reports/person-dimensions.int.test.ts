import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json } from '../../../test/helpers/app';
import { activityTypeIds, registerFamily } from '../../../test/helpers/registry';
import { computeIndicators, type Dimension, type Figure } from './indicators';

/*
 * Issue 18, rule 8: the people who attended and the children of the families reached, broken down by
 * sex, age band on the day, disability and municipality of residence. A one-day family event on 10.06.2025 attended by two whole families.
 */
describeOnDatabases('breakdowns by the people who attended', (t) => {
  beforeAll(async () => {
    const centre = await t().createCentre('Ziedu centrs');
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    const bauska = { municipality: 'Bauskas novads' };
    const kalnini = await registerFamily(worker.caller, centre, [
      {
        relation: 'mother',
        person: {
          givenName: 'Ilze',
          familyName: 'Kalniņa',
          birthDate: '1990-03-03',
          sex: 'female',
          ...bauska,
        },
      },
      {
        relation: 'child',
        person: {
          givenName: 'Toms',
          familyName: 'Kalniņš',
          birthDate: '2016-05-05',
          sex: 'male',
          disability: true,
          ...bauska,
        },
      },
      {
        relation: 'child',
        person: {
          givenName: 'Elza',
          familyName: 'Kalniņa',
          birthDate: '2024-06-01',
          sex: 'female',
          ...bauska,
        },
      },
    ]);
    const ozoli = await registerFamily(worker.caller, centre, [
      {
        relation: 'father',
        person: {
          givenName: 'Juris',
          familyName: 'Ozols',
          birthDate: '1985-01-01',
          sex: 'male',
          municipality: 'Rīga',
        },
      },
      // Known only by birth year: taken as born on 1 July 2012, so 12 on the day.
      {
        relation: 'child',
        person: { givenName: 'Anna', familyName: 'Ozola', birthYear: 2012, sex: 'female' },
      },
    ]);
    const created = await worker.caller.post('/api/events', {
      typeId: (await activityTypeIds(worker.caller)).closing_event,
      centreId: centre,
      startsOn: '2025-06-10',
      endsOn: '2025-06-10',
      durationMinutes: 180,
      location: 'Bauskas pils',
    });
    expect(created.statusCode, created.body).toBe(201);
    const eventId = json<{ id: string }>(created).id;
    for (const { familyId } of [kalnini, ozoli])
      expect((await worker.caller.post(`/api/events/${eventId}/families`, { familyId })).statusCode).toBe(
        200,
      );
  });

  const figures = (breakdowns: Dimension[][]) =>
    computeIndicators(
      t().database.unsafeDb,
      { organisationId: t().organisationId, from: '2025-01-01', to: '2025-12-31' },
      breakdowns,
    );
  const cells = (all: Figure[], key: Figure['key'], dimension: Dimension) =>
    Object.fromEntries(
      all.filter((f) => f.key === key && f.by && dimension in f.by).map((f) => [f.by![dimension], f.value]),
    );

  it('counts persons, women and children reached by sex, age band, disability and municipality', async () => {
    const all = await figures([['sex'], ['age_band'], ['disability'], ['municipality']]);
    expect(cells(all, 'persons_reached', 'sex')).toEqual({ female: 3, male: 2 });
    expect(cells(all, 'women_reached', 'sex')).toEqual({ female: 1, male: 0 });
    expect(cells(all, 'persons_reached', 'age_band')).toEqual({ '0-2': 1, '7-12': 2, adult: 2 });
    expect(cells(all, 'persons_reached', 'disability')).toEqual({ no: 4, yes: 1 });
    expect(cells(all, 'persons_reached', 'municipality')).toEqual({ '': 1, 'Bauskas novads': 3, Rīga: 1 });
    // Children of the families reached, by the child: Toms (9, with a disability), Elza (1), Anna (12).
    expect(cells(all, 'children_in_families_reached', 'sex')).toEqual({ female: 2, male: 1 });
    expect(cells(all, 'children_in_families_reached', 'age_band')).toEqual({ '0-2': 1, '7-12': 2, adult: 0 });
    expect(cells(all, 'children_in_families_reached', 'disability')).toEqual({ no: 2, yes: 1 });
    expect(cells(all, 'children_in_families_reached', 'municipality')).toEqual({
      '': 1,
      'Bauskas novads': 2,
      Rīga: 0,
    });
    // Families and activities have no sex or age: no such cells, and the overall figures stand.
    expect(cells(all, 'families_reached', 'sex')).toEqual({});
    expect(cells(all, 'activities_held', 'age_band')).toEqual({});
    expect(all.find((f) => f.key === 'families_reached' && f.by === null)?.value).toBe(2);
    expect(all.find((f) => f.key === 'persons_reached' && f.by === null)?.value).toBe(5);
  });

  it('combines a person dimension with an activity dimension', async () => {
    const all = await figures([['centre', 'sex']]);
    expect(
      all.filter((f) => f.key === 'persons_reached' && f.by).map((f) => [f.by!.centre, f.by!.sex, f.value]),
    ).toEqual([
      ['Ziedu centrs', 'female', 3],
      ['Ziedu centrs', 'male', 2],
    ]);
    expect(
      all
        .filter((f) => f.key === 'children_in_families_reached' && f.by)
        .map((f) => [f.by!.centre, f.by!.sex, f.value]),
    ).toEqual([
      ['Ziedu centrs', 'female', 2],
      ['Ziedu centrs', 'male', 1],
    ]);
  });
});
