import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../test/helpers/app';
import { registerFamily } from '../../test/helpers/registry';
import type { ActivityType, EventView, GroupView } from '../shared/contracts/activities';
import type { ProjectView } from '../shared/contracts/projects';
import type { FamilyPage } from '../shared/contracts/registry';

/*
 * Issue 17: the web shows a record's buttons by what the server says the caller may do with it (its
 * abilities), not by role names of its own. Each record kind's abilities, asked as each kind of user.
 */
describeOnDatabases('abilities the server sends with a record', (t) => {
  let bauska: string;
  let valmiera: string;
  let specialist: TestUser;
  let bauskaManager: TestUser;
  let valmieraManager: TestUser;
  let facilitator: TestUser;
  let caseId: string;

  beforeAll(async () => {
    bauska = await t().createCentre('Bauska');
    valmiera = await t().createCentre('Valmiera');
    specialist = await t().user({
      roles: [{ role: 'specialist', centreId: bauska }],
      specialty: 'social_worker',
    });
    bauskaManager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    valmieraManager = await t().user({ roles: [{ role: 'centre_manager', centreId: valmiera }] });
    facilitator = await t().user({ roles: [{ role: 'group_facilitator', centreId: bauska }] });
    ({ caseId } = await registerFamily(specialist.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Inga', familyName: 'Lapa', birthDate: '1991-02-03' } },
    ]));
  }, 120_000);

  const abilitiesOf = async (user: TestUser) =>
    json<FamilyPage>(await user.caller.get(`/api/cases/${caseId}`)).abilities;

  it('a case: its key worker edits it, her manager supervises it, the manager a transfer is proposed to decides it', async () => {
    expect(await abilitiesOf(specialist)).toEqual({ edit: true, supervise: false, decideTransfer: false });
    expect(await abilitiesOf(bauskaManager)).toEqual({ edit: true, supervise: true, decideTransfer: false });
    const proposed = await bauskaManager.caller.post(`/api/cases/${caseId}/transfer`, {
      toCentreId: valmiera,
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(await abilitiesOf(valmieraManager)).toEqual({
      edit: false,
      supervise: false,
      decideTransfer: true,
    });
    expect((await abilitiesOf(bauskaManager)).decideTransfer).toBe(false);
  });

  it('an event and a group: logged and managed by the centre’s staff, a facilitator only logs sessions', async () => {
    const types = json<{ types: ActivityType[] }>(await specialist.caller.get('/api/activity-types')).types;
    const camp = types.find((x) => x.code === 'camp')!.id;
    const created = await specialist.caller.post('/api/events', {
      centreId: bauska,
      typeId: camp,
      startsOn: '2026-07-10',
      endsOn: '2026-07-11',
      durationMinutes: 360,
    });
    expect(created.statusCode, created.body).toBe(201);
    const eventId = json<{ id: string }>(created).id;
    expect(json<EventView>(await specialist.caller.get(`/api/events/${eventId}`)).abilities).toEqual({
      edit: true,
    });

    const group = await bauskaManager.caller.post('/api/groups', {
      name: 'Vecāku grupa',
      centreId: bauska,
      facilitatorIds: [facilitator.id],
    });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = json<{ id: string }>(group).id;
    const seenBy = async (user: TestUser) =>
      json<GroupView>(await user.caller.get(`/api/groups/${groupId}`)).abilities;
    expect(await seenBy(bauskaManager)).toEqual({ manageMembers: true });
    expect(await seenBy(facilitator)).toEqual({ manageMembers: false });
  });

  it('a project: its manager edits it, the finance officer keeps its money', async () => {
    const projectManager = await t().user({ roles: [{ role: 'project_manager' }] });
    const finance = await t().user({ roles: [{ role: 'finance_officer' }] });
    const created = await projectManager.caller.post('/api/projects', {
      code: 'ABIL-1',
      titleLv: 'Spēju pārbaude',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      centreIds: [bauska],
      managerIds: [projectManager.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = json<ProjectView>(created).id;
    const seenBy = async (user: TestUser) =>
      json<ProjectView>(await user.caller.get(`/api/projects/${id}`)).abilities;
    expect(await seenBy(projectManager)).toEqual({ manage: true, keepMoney: false });
    expect(await seenBy(finance)).toEqual({ manage: false, keepMoney: true });
  });
});
