import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { ActivityType } from '../../shared/contracts/activities';
import type { FamilyPage } from '../../shared/contracts/registry';
import { computeIndicators, type Figure, type Scope } from './indicators';

const value = (figures: Figure[], key: Figure['key'], by: Figure['by'] = null) =>
  figures.find((f) => f.key === key && JSON.stringify(f.by) === JSON.stringify(by))?.value;

// The counting rules of DOMAIN.md, each on a small dataset entered through the API.
describeOnDatabases('indicator counting rules', (t) => {
  let worker: TestUser;
  let types: Record<string, string>;
  let scope: (from: string, to: string) => Scope;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const bauska = await t().createCentre('Bauska');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    const manager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    scope = (from, to) => ({ organisationId: t().organisationId, from, to });
    const catalogue = json<{ types: ActivityType[] }>(await worker.caller.get('/api/activity-types'));
    types = Object.fromEntries(catalogue.types.filter((x) => x.code).map((x) => [x.code!, x.id]));
    const early = { referralDate: '2025-12-01' };
    const a = await registerFamily(
      worker.caller,
      bauska,
      [
        {
          relation: 'mother',
          person: { givenName: 'Anna', familyName: 'Kalniņa', birthDate: '1985-05-05', sex: 'female' },
        },
        // Turns 18 on 20.02.2026.
        {
          relation: 'child',
          person: { givenName: 'Jānis', familyName: 'Kalniņš', birthDate: '2008-02-20', sex: 'male' },
        },
        {
          relation: 'child',
          person: { givenName: 'Līga', familyName: 'Kalniņa', birthDate: '2015-09-09', sex: 'female' },
        },
      ],
      early,
    );
    const b = await registerFamily(
      worker.caller,
      bauska,
      [
        {
          relation: 'mother',
          person: { givenName: 'Ilze', familyName: 'Ozola', birthDate: '1990-01-01', sex: 'female' },
        },
        {
          relation: 'child',
          person: { givenName: 'Pēteris', familyName: 'Ozols', birthDate: '2012-03-03', sex: 'male' },
        },
      ],
      early,
    );
    ids.a = a.familyId;
    ids.b = b.familyId;
    const bPage = json<FamilyPage>(await worker.caller.get(`/api/cases/${b.caseId}`));
    const peteris = bPage.members.find((m) => m.person.givenName === 'Pēteris')!;
    ids.peteris = peteris.person.id;
    const log = (caseId: string, occursOn: string, type: string, extra: Record<string, unknown> = {}) =>
      worker.caller.post(`/api/cases/${caseId}/activities`, {
        typeId: types[type],
        occursOn,
        durationMinutes: 60,
        place: 'centre',
        ...extra,
      });
    // Family A: a consultation in January and a home visit in late February.
    expect((await log(a.caseId, '2026-01-15', 'consultation')).statusCode).toBe(201);
    expect((await log(a.caseId, '2026-02-25', 'home_visit', { place: 'home' })).statusCode).toBe(201);
    // Family B: a cancelled consultation and a home visit they missed.
    await log(b.caseId, '2026-01-16', 'consultation', { status: 'cancelled' });
    await log(b.caseId, '2026-01-17', 'home_visit', {
      participants: [{ familyId: b.familyId, attendance: 'absent' }],
    });

    // Pēteris moves from his mother's family to his father's on 01.02.2026 and attends a group before and after.
    await worker.caller.post(`/api/families/${b.familyId}/members/${peteris.id}/leave`, {
      leftOn: '2026-01-31',
    });
    const c = await registerFamily(
      worker.caller,
      bauska,
      [
        {
          relation: 'father',
          person: { givenName: 'Andris', familyName: 'Ozols', birthDate: '1988-08-08', sex: 'male' },
        },
        { relation: 'child', personId: ids.peteris, joinedOn: '2026-02-01' },
      ],
      early,
    );
    ids.c = c.familyId;
    const groupId = json<{ id: string }>(
      await manager.caller.post('/api/groups', {
        name: 'Pusaudžu grupa',
        centreId: bauska,
        facilitatorIds: [worker.id],
      }),
    ).id;
    await worker.caller.post(`/api/groups/${groupId}/members`, {
      personId: ids.peteris,
      joinedOn: '2026-01-10',
    });
    for (const occursOn of ['2026-01-20', '2026-02-15'])
      expect(
        (
          await worker.caller.post(`/api/groups/${groupId}/sessions`, {
            occursOn,
            durationMinutes: 90,
            attendance: [{ personId: ids.peteris, attendance: 'present' }],
          })
        ).statusCode,
      ).toBe(201);
  });

  it('counts a family reached by two activity types once, and once in each type’s row', async () => {
    const figures = await computeIndicators(t().database.unsafeDb, scope('2026-01-01', '2026-01-31'), [
      ['activity_type'],
    ]);
    const all = await computeIndicators(t().database.unsafeDb, scope('2026-01-01', '2026-03-01'), [
      ['activity_type'],
    ]);
    // A (consultation + home visit) once; B through Pēteris in January; C through him in February.
    expect(value(all, 'families_reached')).toBe(3);
    expect(value(all, 'families_reached', { activity_type: 'consultation' })).toBe(1);
    expect(value(all, 'families_reached', { activity_type: 'home_visit' })).toBe(1);
    expect(value(all, 'families_reached', { activity_type: 'support_group_session' })).toBe(2);
    expect(value(figures, 'families_reached')).toBe(2);
  });

  it('does not count a cancelled activity or an absent participant', async () => {
    const january = await computeIndicators(t().database.unsafeDb, scope('2026-01-16', '2026-01-17'));
    expect(value(january, 'families_reached')).toBe(0);
    expect(value(january, 'activities_held')).toBe(1); // the missed home visit was held; the cancelled one was not
  });

  it('counts a child turning 18 in the period by their age on the day the family was first reached', async () => {
    const whole = await computeIndicators(
      t().database.unsafeDb,
      { ...scope('2026-01-01', '2026-03-01'), centreId: undefined },
      [['activity_type']],
    );
    const onlyA = (from: string, to: string) =>
      computeIndicators(t().database.unsafeDb, { ...scope(from, to), activityType: 'consultation' });
    // January: Jānis (17) and Līga.
    expect(value(await onlyA('2026-01-01', '2026-01-31'), 'children_in_families_reached')).toBe(2);
    const february = await computeIndicators(t().database.unsafeDb, {
      ...scope('2026-02-21', '2026-03-01'),
      activityType: 'home_visit',
    });
    // 25.02: Jānis is 18 now; only Līga.
    expect(value(february, 'children_in_families_reached')).toBe(1);
    // Over both months A was first reached on 15.01: Jānis counts; Pēteris counts once although two families were reached through him.
    expect(value(whole, 'children_in_families_reached')).toBe(3);
    // Each type's cell by its own first day: A's home visit on 25.02 finds Jānis 18 already.
    const byType = (type: string) => value(whole, 'children_in_families_reached', { activity_type: type });
    expect([byType('consultation'), byType('home_visit'), byType('support_group_session')]).toEqual([
      2, 1, 1,
    ]);
  });

  it('reaches the family a person belonged to on the day, when they changed family', async () => {
    const before = await computeIndicators(t().database.unsafeDb, {
      ...scope('2026-01-18', '2026-01-31'),
      activityType: 'support_group_session',
    });
    const after = await computeIndicators(t().database.unsafeDb, {
      ...scope('2026-02-01', '2026-02-28'),
      activityType: 'support_group_session',
    });
    expect([value(before, 'families_reached'), value(after, 'families_reached')]).toEqual([1, 1]);
    expect(value(before, 'persons_reached')).toBe(1);
    expect(value(before, 'groups_held')).toBe(1);
    expect(value(before, 'service_hours')).toBe(1.5);
    const both = await computeIndicators(
      t().database.unsafeDb,
      { ...scope('2026-01-01', '2026-02-28'), activityType: 'support_group_session' },
      [['quarter'], ['year']],
    );
    expect(value(both, 'families_reached')).toBe(2);
    expect(value(both, 'persons_reached')).toBe(1);
    expect(value(both, 'women_reached')).toBe(0);
    expect(value(both, 'families_reached', { quarter: '2026-Q1' })).toBe(2);
    expect(value(both, 'activities_held', { year: '2026' })).toBe(2);
  });
});
