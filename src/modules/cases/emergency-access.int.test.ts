import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { MeResponse } from '../../shared/contracts/auth';
import type { NoticeView } from '../../shared/contracts/notices';
import type { EmergencyAccessView } from '../../shared/contracts/registry';

/*
 * Issue 16, part 4: break-glass. A colleague at the case's centre opens a case outside her team in an
 * emergency, with a reason, for a limited time; it is audited and those responsible are told.
 */
describeOnDatabases('emergency access to a case', (t) => {
  let keyWorker: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let dpo: TestUser;
  let elsewhere: TestUser;
  let caseId: string;
  let restrictedCaseId: string;

  beforeAll(async () => {
    const centre = await t().createCentre('Ārkārtas centrs');
    const other = await t().createCentre('Cits centrs');
    keyWorker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    colleague = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    dpo = await t().user({ roles: [{ role: 'data_protection_officer' }] });
    elsewhere = await t().user({ roles: [{ role: 'specialist', centreId: other }] });
    caseId = (
      await registerFamily(keyWorker.caller, centre, [
        { relation: 'mother', person: { givenName: 'Daina', familyName: 'Steidzamā', birthYear: 1987 } },
      ])
    ).caseId;
    restrictedCaseId = (
      await registerFamily(
        keyWorker.caller,
        centre,
        [{ relation: 'mother', person: { givenName: 'Slēpta', familyName: 'Aizsargātā', birthYear: 1990 } }],
        { restricted: true },
      )
    ).caseId;
  }, 120_000);

  const reason = 'Policija zvana par bērna drošību, lietas vadītāja atvaļinājumā';

  it('opens the case for a colleague who gives a reason, and only for the hours it lasts', async () => {
    expect((await colleague.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    const tooShort = await colleague.caller.post(`/api/cases/${caseId}/emergency-access`, {
      reason: 'steidzami',
    });
    expect(tooShort.statusCode).toBe(400);
    expect(json<{ error: { fields: { field: string }[] } }>(tooShort).error.fields[0]?.field).toBe('reason');

    const opened = await colleague.caller.post(`/api/cases/${caseId}/emergency-access`, { reason });
    expect(opened.statusCode, opened.body).toBe(201);
    const access = json<EmergencyAccessView>(opened);
    expect(new Date(access.expiresAt).getTime() - t().clock.now().getTime()).toBe(4 * 3_600_000);
    expect((await colleague.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    const me = json<MeResponse>(await colleague.caller.get('/api/auth/me'));
    expect(me.emergencyAccess).toEqual([{ caseId, expiresAt: access.expiresAt }]);

    const [audited] = await t().database.query<{ reason: string; actor: string }>(
      `SELECT reason, actor_user_id::text AS actor FROM audit_log WHERE action = 'case.emergency_access' AND entity_id = $1`,
      [caseId],
    );
    expect(audited).toEqual({ reason, actor: colleague.id });

    // Four hours later it is over (signed in again: the session itself has timed out by then).
    t().clock.advanceMinutes(4 * 60 + 1);
    colleague.caller = await t().signIn(colleague.email);
    expect((await colleague.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect(json<MeResponse>(await colleague.caller.get('/api/auth/me')).emergencyAccess).toEqual([]);
    for (const u of [keyWorker, manager, dpo, elsewhere]) u.caller = await t().signIn(u.email);
  });

  it('tells the key worker, the centre’s managers and the data protection officer, each until they acknowledge', async () => {
    const noticesOf = async (u: TestUser) =>
      json<{ notices: NoticeView[] }>(await u.caller.get('/api/notices')).notices.filter(
        (n) => n.kind === 'emergency_access',
      );
    for (const u of [keyWorker, manager, dpo]) {
      const [notice] = await noticesOf(u);
      expect(notice).toMatchObject({ caseId, reason, byName: expect.stringMatching(/\S/) });
    }
    expect(await noticesOf(colleague)).toEqual([]);
    const [forKeyWorker] = await noticesOf(keyWorker);
    expect((await keyWorker.caller.post(`/api/notices/${forKeyWorker!.id}/acknowledge`, {})).statusCode).toBe(
      200,
    );
    expect(await noticesOf(keyWorker)).toEqual([]);
    expect(await noticesOf(dpo)).toHaveLength(1);
    expect(await noticesOf(manager)).toHaveLength(1);
  });

  it('can be ended early by its holder', async () => {
    expect(
      (await colleague.caller.post(`/api/cases/${caseId}/emergency-access`, { reason })).statusCode,
    ).toBe(201);
    expect((await colleague.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    expect((await colleague.caller.delete(`/api/cases/${caseId}/emergency-access`)).statusCode).toBe(200);
    expect((await colleague.caller.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await colleague.caller.delete(`/api/cases/${caseId}/emergency-access`)).statusCode).toBe(404);
  });

  it('is not a way into a restricted case, another centre’s case, or for those who do not work on cases', async () => {
    const restricted = await colleague.caller.post(`/api/cases/${restrictedCaseId}/emergency-access`, {
      reason,
    });
    expect(restricted.statusCode).toBe(404);
    const otherCentre = await elsewhere.caller.post(`/api/cases/${caseId}/emergency-access`, { reason });
    expect(otherCentre.statusCode).toBe(404);
    const noCases = await dpo.caller.post(`/api/cases/${caseId}/emergency-access`, { reason });
    expect(noCases.statusCode).toBe(403);
    const own = await keyWorker.caller.post(`/api/cases/${caseId}/emergency-access`, { reason });
    expect(own.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(own).error.code).toBe('EMERGENCY_NOT_NEEDED');
    const [row] = await t().database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM emergency_access WHERE user_id <> $1',
      [colleague.id],
    );
    expect(row!.n).toBe(0);
  });
});
