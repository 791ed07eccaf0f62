import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { ActivityType, EventView, FamilyRoster } from '../../shared/contracts/activities';

type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };

describeOnDatabases('camps and multi-day events', (t) => {
  let bauska: string;
  let worker: TestUser;
  let outsider: TestUser;
  let types: Record<string, string>;
  const familyIds: string[] = [];

  beforeAll(async () => {
    bauska = await t().createCentre('Bauska');
    const valmiera = await t().createCentre('Valmiera');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    outsider = await t().user({ roles: [{ role: 'specialist', centreId: valmiera }] });
    const catalogue = json<{ types: ActivityType[] }>(await worker.caller.get('/api/activity-types'));
    types = Object.fromEntries(catalogue.types.filter((x) => x.code).map((x) => [x.code!, x.id]));
    for (const [i, name] of ['Bērziņi', 'Ozoli', 'Kalniņi'].entries()) {
      const family = await registerFamily(worker.caller, bauska, [
        { relation: 'mother', person: { givenName: `Māte${i}`, familyName: name, birthDate: '1990-01-01' } },
        { relation: 'child', person: { givenName: `Bērns${i}`, familyName: name, birthDate: '2016-05-05' } },
        { relation: 'child', person: { givenName: `Mazais${i}`, familyName: name, birthDate: '2019-05-05' } },
      ]);
      familyIds.push(family.familyId);
    }
  });

  const camp = {
    typeId: '',
    startsOn: '2026-07-10',
    endsOn: '2026-07-12',
    durationMinutes: 360,
    location: 'Kalnmuiža',
    capacity: 8,
  };

  it('creates a three-day camp with three families, the members who came and attendance per day', async () => {
    const created = await worker.caller.post('/api/events', {
      ...camp,
      centreId: bauska,
      typeId: types.camp,
    });
    expect(created.statusCode, created.body).toBe(201);
    const eventId = json<{ id: string }>(created).id;

    const roster = json<FamilyRoster>(
      await worker.caller.get(`/api/families/${familyIds[0]}/roster?on=2026-07-10`),
    );
    expect(roster.members.map((m) => m.name)).toEqual(['Bērns0 Bērziņi', 'Mazais0 Bērziņi', 'Māte0 Bērziņi']);
    // The first family comes without the youngest child; the others come whole.
    const mother = roster.members.find((m) => m.relation === 'mother')!.personId;
    const older = roster.members.find((m) => m.name.startsWith('Bērns'))!.personId;
    expect(
      (
        await worker.caller.post(`/api/events/${eventId}/families`, {
          familyId: familyIds[0],
          personIds: [mother, older],
        })
      ).statusCode,
    ).toBe(200);
    for (const familyId of familyIds.slice(1))
      expect((await worker.caller.post(`/api/events/${eventId}/families`, { familyId })).statusCode).toBe(
        200,
      );

    // 2 + 3 + 3 = 8 places taken: one more is refused with how many are free.
    const full = await worker.caller.post(`/api/events/${eventId}/families`, {
      familyId: familyIds[0],
      personIds: [roster.members.find((m) => m.name.startsWith('Mazais'))!.personId],
    });
    expect(json<ErrorBody>(full).error.fields).toContainEqual({
      field: 'personIds',
      message: 'Pasākumā ir 8 vietas, brīvas vēl 0.',
    });

    let view = json<EventView>(await worker.caller.get(`/api/events/${eventId}`));
    expect(view.days).toEqual(['2026-07-10', '2026-07-11', '2026-07-12']);
    expect(view.families.map((f) => [f.name, f.members.length])).toEqual([
      ['Bērziņi ģimene', 2],
      ['Kalniņi ģimene', 3],
      ['Ozoli ģimene', 3],
    ]);

    // Day 2: the Ozoli family stayed at home; on day 3 nobody of them came either.
    const ozoli = view.families.find((f) => f.name === 'Ozoli ģimene')!.members.map((m) => m.personId);
    const everyone = view.families.flatMap((f) => f.members.map((m) => m.personId));
    const day = (date: string, absent: string[]) =>
      worker.caller.put(`/api/events/${eventId}/attendance`, {
        day: date,
        attendance: everyone.map((personId) => ({
          personId,
          attendance: absent.includes(personId) ? 'absent' : 'present',
        })),
      });
    expect((await day('2026-07-10', ozoli)).statusCode).toBe(200);
    expect((await day('2026-07-11', ozoli)).statusCode).toBe(200);
    view = json<EventView>(await worker.caller.get(`/api/events/${eventId}`));
    const ozoliView = view.families.find((f) => f.name === 'Ozoli ģimene')!;
    expect(ozoliView.members.every((m) => m.attendance === 'absent')).toBe(true);
    expect(ozoliView.members[0]!.days).toEqual({ '2026-07-10': 'absent', '2026-07-11': 'absent' });
    expect(
      view.families
        .find((f) => f.name === 'Kalniņi ģimene')!
        .members.every((m) => m.attendance === 'present'),
    ).toBe(true);

    // A day outside the camp, or someone who is not a participant: 400, nothing written.
    const outside = await worker.caller.put(`/api/events/${eventId}/attendance`, {
      day: '2026-07-13',
      attendance: [{ personId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479', attendance: 'present' }],
    });
    expect(json<ErrorBody>(outside).error.fields).toEqual([
      { field: 'day', message: 'Šī diena nav pasākuma laikā.' },
      { field: 'attendance.0.personId', message: 'Šī persona nav pasākuma dalībniece.' },
    ]);

    const list = json<{ events: { id: string; families: number; participants: number }[] }>(
      await worker.caller.get('/api/events'),
    );
    expect(list.events.find((e) => e.id === eventId)).toMatchObject({ families: 3, participants: 8 });
    // Other centres' staff see neither the event nor the families.
    expect((await outsider.caller.get(`/api/events/${eventId}`)).statusCode).toBe(404);
    expect((await outsider.caller.get(`/api/families/${familyIds[0]}/roster?on=2026-07-10`)).statusCode).toBe(
      404,
    );
    const foreign = await outsider.caller.post(`/api/events/${eventId}/families`, { familyId: familyIds[0] });
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses an event that ends before it starts, an activity type that is not an event, and a family out of scope', async () => {
    const bad = await worker.caller.post('/api/events', {
      ...camp,
      centreId: bauska,
      typeId: types.consultation,
      endsOn: '2026-07-01',
    });
    expect(json<ErrorBody>(bad).error.fields).toEqual([
      {
        field: 'typeId',
        message: 'Izvēlieties pasākuma veidu (piemēram, nometne vai noslēguma pasākums).',
      },
      { field: 'endsOn', message: 'Beigu datums nevar būt pirms sākuma datuma.' },
    ]);
    const otherCentre = await t().createCentre('Cēsis');
    const otherWorker = await t().user({ roles: [{ role: 'specialist', centreId: otherCentre }] });
    const theirs = await registerFamily(otherWorker.caller, otherCentre, [
      { relation: 'mother', person: { givenName: 'Ilze', familyName: 'Cīrule', birthDate: '1985-02-02' } },
    ]);
    const eventId = json<{ id: string }>(
      await worker.caller.post('/api/events', { ...camp, centreId: bauska, typeId: types.camp }),
    ).id;
    const refused = await worker.caller.post(`/api/events/${eventId}/families`, {
      familyId: theirs.familyId,
    });
    expect(json<ErrorBody>(refused).error.fields).toEqual([
      { field: 'familyId', message: 'Šāda ģimene nav atrodama jūsu darba lokā.' },
    ]);
  });
});
