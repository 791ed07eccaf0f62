import type { RouteOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import { type AccessRule, satisfies } from '../../src/shared/access';
import { describeOnDatabases, json, type TestApp, type TestUser } from '../helpers/app';
import { contentDigest } from '../helpers/digest';
import { registerFamily } from '../helpers/registry';
import { sample } from '../helpers/sample';

/**
 * The authorization matrix: every actor × every API route × every target it can be pointed at, generated
 * from the server's route table, so a route added without an entry in `idKinds` fails this test.
 *
 * Targets: a record of the actors' own centre whose case team holds the specialist (`own`), one of
 * another centre of the organisation (`otherCentre`), a restricted case at the own centre whose team
 * holds none of the actors but its key worker (`restricted`), and one of a second organisation
 * (`otherOrg`). Each request is sent with the smallest body its zod contract accepts, so that it reaches
 * the use case and its scope rule (not merely the validator).
 *
 * Expected, for every request: never a 5xx; the route's declared permission missing → 403; a record of
 * the other organisation → 404; case content (a case, family, person, plan, document, enrolment,
 * group or event) of another centre, of a restricted case, or of a case the caller is not working on →
 * 404 (403 when the permission is missing). And every refused request (4xx) changed no table.
 */

type Kind =
  | 'activity'
  | 'case'
  | 'family'
  | 'person'
  | 'plan'
  | 'document'
  | 'enrolment'
  | 'group'
  | 'event'
  | 'session'
  | 'assessment'
  | 'user'
  | 'centre'
  | 'programme'
  | 'project'
  | 'contract'
  | 'volunteer'
  | 'institution'
  | 'notice'
  | 'snapshot'
  | 'match'
  | 'supervision';
type Target = 'own' | 'otherCentre' | 'restricted' | 'otherOrg';
const targets: Target[] = ['own', 'otherCentre', 'restricted', 'otherOrg'];

/** What the `:id` of each route names. A new route must be added here, or the matrix test fails. */
const idKinds: Record<string, Kind | null> = {
  'POST /api/auth/login': null,
  'POST /api/auth/logout': null,
  'GET /api/auth/me': null,
  'PATCH /api/auth/me': null,
  'POST /api/auth/password': null,
  'POST /api/auth/mfa/setup': null,
  'POST /api/auth/mfa/confirm': null,
  'GET /api/organisation/mfa-policy': null,
  'PUT /api/organisation/mfa-policy': null,
  'POST /api/users/:id/mfa/reset': 'user',
  'GET /api/centres': null,
  'POST /api/centres': null,
  'PUT /api/centres/:id': 'centre',
  'GET /api/users': null,
  'POST /api/users': null,
  'GET /api/users/:id': 'user',
  'PATCH /api/users/:id': 'user',
  'POST /api/users/:id/reset-password': 'user',
  'POST /api/users/:id/roles': 'user',
  'DELETE /api/users/:id/roles/:grantId': 'user',
  'GET /api/audit': null,
  'GET /api/audit/verification': null,
  'GET /api/subject-access/persons': null,
  'GET /api/records-of-processing': null,
  'GET /api/retention': null,
  'POST /api/retention/run': null,
  'GET /api/organisation/retention-rules': null,
  'PUT /api/organisation/retention-rules': null,
  'GET /api/backups/status': null,
  'GET /api/setup': null,
  'POST /api/setup': null,
  'POST /api/imports/file': null,
  'POST /api/imports/jobs': null,
  'GET /api/imports/jobs/:id': null,
  'GET /api/imports/jobs/:id/problems': null,
  'GET /api/imports': null,
  'POST /api/imports/:id/undo': null,
  'GET /api/subject-access/persons/:id/export': 'person',
  'POST /api/subject-access/persons/:id/erase': 'person',
  'POST /api/families': null,
  'POST /api/persons/check': null,
  'PATCH /api/persons/:id': 'person',
  'GET /api/search': null,
  'GET /api/quick-search': null,
  'POST /api/families/:id/members': 'family',
  'POST /api/families/:id/members/:memberId/leave': 'family',
  'PATCH /api/families/:id/members/:memberId': 'family',
  'POST /api/persons/merge': null,
  'GET /api/cases': null,
  'GET /api/centres/:id/workers': 'centre',
  'POST /api/families/:id/cases': 'family',
  'GET /api/cases/:id': 'case',
  'PATCH /api/cases/:id': 'case',
  'POST /api/cases/:id/emergency-access': 'case',
  'DELETE /api/cases/:id/emergency-access': 'case',
  'POST /api/cases/:id/status': 'case',
  'GET /api/cases/:id/history': 'case',
  'POST /api/cases/:id/team': 'case',
  'DELETE /api/cases/:id/team/:userId': 'case',
  'POST /api/cases/:id/consents': 'case',
  'POST /api/cases/:id/consents/:consentId/withdraw': 'case',
  'POST /api/cases/:id/transfer': 'case',
  'POST /api/cases/:id/transfer/decision': 'case',
  'GET /api/programmes': null,
  'POST /api/programmes': null,
  'PUT /api/programmes/:id': 'programme',
  'GET /api/projects': null,
  'POST /api/projects': null,
  'GET /api/projects/:id': 'project',
  'PUT /api/projects/:id': 'project',
  'PUT /api/projects/:id/budget': 'project',
  'POST /api/projects/:id/expenditures': 'project',
  'GET /api/projects/:id/expenditures': 'project',
  'GET /api/projects/partner-viewers': null,
  'GET /api/projects/options': null,
  'GET /api/contracts': null,
  'POST /api/contracts': null,
  'GET /api/contracts/:id': 'contract',
  'PUT /api/contracts/:id': 'contract',
  'POST /api/contracts/:id/cases': 'contract',
  'POST /api/enrolments': null,
  'POST /api/enrolments/:id/end': 'enrolment',
  'GET /api/families/:id/enrolments': 'family',
  'GET /api/volunteers': null,
  'POST /api/volunteers': null,
  'PUT /api/volunteers/:id': 'volunteer',
  'GET /api/volunteers/:id': 'volunteer',
  'POST /api/volunteers/:id/end': 'volunteer',
  'POST /api/volunteers/:id/checks': 'volunteer',
  'POST /api/volunteers/:id/checks/:checkId/void': 'volunteer',
  'GET /api/mentoring/matches': null,
  'GET /api/mentoring/mentees': null,
  'GET /api/mentoring/figures': null,
  'POST /api/mentoring/matches/:id/reviews': 'match',
  'POST /api/mentoring/matches/:id/reviews/:reviewId/void': 'match',
  'GET /api/mentoring/supervisions': null,
  'POST /api/mentoring/supervisions': null,
  'POST /api/mentoring/supervisions/:id/void': 'supervision',
  'POST /api/mentoring/matches': null,
  'GET /api/mentoring/matches/:id': 'match',
  'PUT /api/mentoring/matches/:id': 'match',
  'POST /api/mentoring/matches/:id/start': 'match',
  'POST /api/mentoring/matches/:id/pause': 'match',
  'POST /api/mentoring/matches/:id/resume': 'match',
  'POST /api/mentoring/matches/:id/close': 'match',
  'POST /api/mentoring/matches/:id/void': 'match',
  'POST /api/mentoring/matches/:id/meetings': 'match',
  'PATCH /api/mentoring/matches/:id/meetings/:meetingId': 'match',
  'POST /api/mentoring/matches/:id/meetings/:meetingId/void': 'match',
  'POST /api/projects/:id/volunteer-hours': 'project',
  'GET /api/projects/:id/volunteer-hours': 'project',
  'PATCH /api/projects/:id/volunteer-hours/:hoursId': 'project',
  'POST /api/projects/:id/volunteer-hours/:hoursId/void': 'project',
  'PATCH /api/projects/:id/expenditures/:expenditureId': 'project',
  'POST /api/projects/:id/expenditures/:expenditureId/void': 'project',
  'PATCH /api/centre-activities/:id': 'event',
  'PATCH /api/events/:id': 'event',
  'PATCH /api/group-sessions/:id': 'session',
  'PATCH /api/assessments/:id': 'assessment',
  'POST /api/assessments/:id/void': 'assessment',
  'PATCH /api/plans/:id/reviews/:reviewId': 'plan',
  'POST /api/plans/:id/reviews/:reviewId/void': 'plan',
  'GET /api/activity-types': null,
  'POST /api/activity-types': null,
  'POST /api/cases/:id/activities': 'case',
  'GET /api/cases/:id/activities': 'case',
  'GET /api/institutions': null,
  'POST /api/institutions': null,
  'PUT /api/institutions/:id': 'institution',
  'POST /api/activities': null,
  'GET /api/activities': null,
  'PATCH /api/activities/:id': 'activity',
  'POST /api/activities/:id/void': 'activity',
  'POST /api/groups': null,
  'GET /api/groups/:id': 'group',
  'POST /api/groups/:id/members': 'group',
  'POST /api/groups/:id/members/:memberId/leave': 'group',
  'POST /api/groups/:id/sessions': 'group',
  'GET /api/groups': null,
  'GET /api/events': null,
  'POST /api/events': null,
  'GET /api/events/:id': 'event',
  'POST /api/events/:id/families': 'event',
  'PUT /api/events/:id/attendance': 'event',
  'GET /api/families/:id/roster': 'family',
  'GET /api/cases/:id/plans': 'case',
  'POST /api/cases/:id/plans': 'case',
  'PUT /api/plans/:id': 'plan',
  'POST /api/plans/:id/submit': 'plan',
  'POST /api/plans/:id/decision': 'plan',
  'PATCH /api/plans/:id/actions/:actionId': 'plan',
  'POST /api/plans/:id/reviews': 'plan',
  'GET /api/assessment-instruments': null,
  'POST /api/assessment-instruments': null,
  'GET /api/cases/:id/assessments': 'case',
  'POST /api/cases/:id/assessments': 'case',
  'GET /api/cases/:id/documents': 'case',
  'POST /api/cases/:id/documents': 'case',
  'GET /api/documents/:id/download': 'document',
  'GET /api/dashboard': null,
  'GET /api/notices': null,
  'POST /api/notices/:id/acknowledge': 'notice',
  'GET /api/projects/:id/reports/:kind': 'project',
  'POST /api/projects/:id/reports/:kind/snapshots': 'project',
  'GET /api/projects/:id/snapshots': 'project',
  'GET /api/report-snapshots/:id': 'snapshot',
  'GET /api/projects/:id/reports/records': 'project',
  'GET /api/reports/results': null,
};

/** Kinds whose records are case content or a centre's work with families: scoped to centre and team. */
const caseContent: readonly Kind[] = [
  'activity',
  'case',
  'family',
  'person',
  'plan',
  'document',
  'enrolment',
  'group',
  'event',
  'session',
  'assessment',
  'match',
  'supervision',
];
/** Kinds that belong to a case (reached only through its team and its centre's managers). */
const ofCase: readonly Kind[] = [
  'activity',
  'case',
  'family',
  'person',
  'plan',
  'document',
  'enrolment',
  'assessment',
];

/**
 * Routes where colleagues at the record's centre (who may *find* an unrestricted family, to avoid
 * registering it twice) get more than 404 for a family they do not work on: its roster of names, to
 * bring it to the centre's camp (as search would show them), and 409 "ask the centre" for a new case.
 */
const forColleagues: Record<string, number | null> = {
  'GET /api/families/:id/roster': null,
  'POST /api/families/:id/cases': 409,
};

/** Bodies the generator cannot make (a regex, a refinement); the rest come from the zod contract. */
const bodies: Record<string, unknown> = {
  'POST /api/auth/password': { currentPassword: 'x', newPassword: 'another long password 2026' },
  'POST /api/cases/:id/documents': undefined,
};

type Actors = Record<string, TestUser>;

describeOnDatabases('authorization matrix', (t) => {
  const actors: Actors = {};
  /** Users of the second organisation, with every kind of role there. */
  const others: Actors = {};
  const ids: Record<Kind, Record<Target, string>> = {} as never;
  const put = (kind: Kind, target: Target, id: string) => {
    ids[kind] ??= {} as Record<Target, string>;
    ids[kind][target] = id;
  };

  beforeAll(async () => {
    const a = await t().createCentre('Matricas A');
    const b = await t().createCentre('Matricas B');
    const org2 = await t().createOrganisation('Otra biedrība');
    const c = await t().createCentre('Otras C', org2);
    const as = (role: Parameters<TestApp['user']>[0]['roles'][number]['role'], centreId: string | null) =>
      t().user({ roles: [{ role, centreId }] });
    actors.administrator = await as('administrator', null);
    actors.dataProtectionOfficer = await as('data_protection_officer', null);
    actors.projectManager = await as('project_manager', null);
    actors.financeOfficer = await as('finance_officer', null);
    actors.partnerViewer = await as('partner_viewer', null);
    actors.centreManager = await as('centre_manager', a);
    actors.specialistOnTeam = await as('specialist', a);
    actors.specialistOffTeam = await as('specialist', a);
    actors.groupFacilitator = await as('group_facilitator', a);
    actors.fgcCoordinator = await as('fgc_coordinator', a);
    actors.mentoringCoordinator = await as('mentoring_coordinator', a);
    // Those who make the other targets; not actors of the matrix.
    const keyWorkerB = await as('specialist', b);
    const managerB = await as('centre_manager', b);
    const keyWorkerRestricted = await as('specialist', a);
    const pm2 = await t().user({ roles: [{ role: 'project_manager' }], organisationId: org2 });
    const keyWorker2 = await t().user({ roles: [{ role: 'specialist', centreId: c }], organisationId: org2 });
    const manager2 = await t().user({
      roles: [{ role: 'centre_manager', centreId: c }],
      organisationId: org2,
    });
    const admin2 = await t().user({ roles: [{ role: 'administrator' }], organisationId: org2 });
    Object.assign(others, { pm2, keyWorker2, manager2, admin2 });
    others.dpo2 = await t().user({ roles: [{ role: 'data_protection_officer' }], organisationId: org2 });
    others.finance2 = await t().user({ roles: [{ role: 'finance_officer' }], organisationId: org2 });
    others.facilitator2 = await t().user({
      roles: [{ role: 'group_facilitator', centreId: c }],
      organisationId: org2,
    });

    const types = json<{ types: { id: string; code: string | null }[] }>(
      await actors.specialistOnTeam!.caller.get('/api/activity-types'),
    ).types;
    const camp = types.find((x) => x.code === 'camp')!.id;

    const world = async (
      target: Target,
      centreId: string,
      worker: TestUser,
      manager: TestUser,
      pm: TestUser,
      admin: TestUser,
      restricted = false,
    ) => {
      const family = await registerFamily(
        worker.caller,
        centreId,
        [
          {
            relation: 'mother',
            person: { givenName: 'Matrica', familyName: `${target}a`, birthYear: 1985, sex: 'female' },
          },
        ],
        restricted ? { restricted: true } : {},
      );
      put('case', target, family.caseId);
      put('family', target, family.familyId);
      const page = json<{ members: { person: { id: string } }[] }>(
        await worker.caller.get(`/api/cases/${family.caseId}`),
      );
      put('person', target, page.members[0]!.person.id);
      const typeId = types.find((x) => x.code === 'consultation')!.id;
      const activity = await worker.caller.post(`/api/cases/${family.caseId}/activities`, {
        typeId,
        occursOn: '2026-02-20',
        durationMinutes: 60,
        place: 'centre',
      });
      expect(activity.statusCode, activity.body).toBe(201);
      put('activity', target, json<{ activityId: string }>(activity).activityId);
      const plan = await worker.caller.post(`/api/cases/${family.caseId}/plans`, {
        title: 'Plāns',
        goals: [{ area: 'livelihood', description: 'Ienākumi', targetOn: '2026-09-01', actions: [] }],
      });
      expect(plan.statusCode, plan.body).toBe(201);
      put('plan', target, json<{ id: string }>(plan).id);
      const document = await worker.caller.request(
        'POST',
        `/api/cases/${family.caseId}/documents?name=piezime.txt`,
        Buffer.from('Piezīme'),
        { 'content-type': 'application/octet-stream' },
      );
      expect(document.statusCode, document.body).toBe(201);
      put('document', target, json<{ id: string }>(document).id);
      const group = await manager.caller.post('/api/groups', {
        name: `Grupa ${target}`,
        centreId,
        facilitatorIds: [worker.id],
      });
      expect(group.statusCode, group.body).toBe(201);
      put('group', target, json<{ id: string }>(group).id);
      const session = await worker.caller.post(`/api/groups/${json<{ id: string }>(group).id}/sessions`, {
        occursOn: '2026-02-21',
        durationMinutes: 90,
        attendance: [],
      });
      expect(session.statusCode, session.body).toBe(201);
      put('session', target, json<{ activityId: string }>(session).activityId);
      const instrument = json<{ instruments: { id: string; domains: { key: string }[] }[] }>(
        await worker.caller.get('/api/assessment-instruments'),
      ).instruments[0]!;
      const assessment = await worker.caller.post(`/api/cases/${family.caseId}/assessments`, {
        instrumentId: instrument.id,
        phase: 'intake',
        assessedOn: '2026-02-20',
        scores: instrument.domains.map((d) => ({ domain: d.key, score: 3 })),
      });
      expect(assessment.statusCode, assessment.body).toBe(201);
      put('assessment', target, json<{ id: string }>(assessment).id);
      const event = await worker.caller.post('/api/events', {
        typeId: camp,
        centreId,
        startsOn: '2026-02-10',
        endsOn: '2026-02-11',
        durationMinutes: 360,
        location: 'Kalnmuiža',
        capacity: 8,
      });
      expect(event.statusCode, event.body).toBe(201);
      put('event', target, json<{ id: string }>(event).id);
      const programme = await pm.caller.post('/api/programmes', {
        nameLv: `Programma ${target}`,
        nameEn: `Programme ${target}`,
      });
      put('programme', target, json<{ id: string }>(programme).id);
      const enrolment = await worker.caller.post('/api/enrolments', {
        programmeId: json<{ id: string }>(programme).id,
        familyId: family.familyId,
        startsOn: '2026-02-01',
      });
      expect(enrolment.statusCode, enrolment.body).toBe(200);
      const enrolled = json<{ enrolments: { id: string }[] }>(
        await worker.caller.get(`/api/families/${family.familyId}/enrolments`),
      ).enrolments;
      put('enrolment', target, enrolled[0]!.id);
      // A user to point user routes at: not an actor, whose sessions a password reset would end.
      const subject = await t().user({
        roles: [{ role: 'specialist', centreId }],
        organisationId: target === 'otherOrg' ? org2 : undefined,
      });
      put('user', target, subject.id);
      put('centre', target, centreId);
      const project = await pm.caller.post('/api/projects', {
        code: `M-${target}`,
        titleLv: `Projekts ${target}`,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        centreIds: [centreId],
      });
      expect(project.statusCode, project.body).toBe(201);
      put('project', target, json<{ id: string }>(project).id);
      const contract = await pm.caller.post('/api/contracts', {
        counterparty: 'Dome',
        number: `L-${target}`,
        startsOn: '2026-01-01',
      });
      expect(contract.statusCode, contract.body).toBe(201);
      put('contract', target, json<{ id: string }>(contract).id);
      const volunteer = await pm.caller.post('/api/volunteers', {
        givenName: 'Brīv',
        familyName: target,
        email: '',
        phone: '',
      });
      expect(volunteer.statusCode, volunteer.body).toBe(201);
      put('volunteer', target, json<{ id: string }>(volunteer).id);
      // A proposed mentoring match of the case (made here: proposing one needs a screened volunteer).
      const match = crypto.randomUUID();
      await t().database.query(
        `INSERT INTO mentoring_matches (id, organisation_id, centre_id, case_id, mentee_id, volunteer_id, status,
           starts_on, planned_months, goals, created_at)
         SELECT $1, organisation_id, centre_id, id, $3, $4, 'proposed', '2026-02-01', 6, 'Mērķi', now()
         FROM cases WHERE id = $2`,
        [match, family.caseId, page.members[0]!.person.id, json<{ id: string }>(volunteer).id],
      );
      put('match', target, match);
      const supervision = crypto.randomUUID();
      await t().database.query(
        `INSERT INTO mentoring_supervisions (id, organisation_id, centre_id, held_on, duration_minutes, volunteer_ids,
           created_at)
         SELECT $1, organisation_id, centre_id, '2026-02-10', 60, ARRAY[$3::uuid], now() FROM cases WHERE id = $2`,
        [supervision, family.caseId, json<{ id: string }>(volunteer).id],
      );
      put('supervision', target, supervision);
      const institution = await admin.caller.post('/api/institutions', {
        type: 'kindergarten',
        name: `PII ${target}`,
      });
      expect(institution.statusCode, institution.body).toBe(201);
      put('institution', target, json<{ id: string }>(institution).id);
      const snapshot = await pm.caller.post(
        `/api/projects/${json<{ id: string }>(project).id}/reports/project-results/snapshots`,
        {},
      );
      expect(snapshot.statusCode, snapshot.body).toBe(201);
      put('snapshot', target, json<{ id: string }>(snapshot).id);
      // Notices: the data protection officer's (of role grants) for the own organisation; none elsewhere.
      const notices = json<{ notices: { id: string }[] }>(
        await (target === 'otherOrg' ? manager : actors.dataProtectionOfficer!).caller.get('/api/notices'),
      ).notices;
      put('notice', target, notices[0]?.id ?? crypto.randomUUID());
    };
    await world(
      'own',
      a,
      actors.specialistOnTeam!,
      actors.centreManager!,
      actors.projectManager!,
      actors.administrator!,
    );
    await world('otherCentre', b, keyWorkerB, managerB, actors.projectManager!, actors.administrator!);
    await world(
      'restricted',
      a,
      keyWorkerRestricted,
      actors.centreManager!,
      actors.projectManager!,
      actors.administrator!,
      true,
    );
    await world('otherOrg', c, keyWorker2, manager2, pm2, admin2);
    await t().database.query(`INSERT INTO project_viewers (project_id, user_id) VALUES ($1, $2)`, [
      ids.project.own,
      actors.partnerViewer!.id,
    ]);
  }, 300_000);

  it('has an entry for every API route', () => {
    const missing = apiRoutes(t().app.routeTable)
      .map((r) => r.key)
      .filter((key) => !(key in idKinds));
    expect(missing).toEqual([]);
  });

  it('shows nothing of one organisation to another in any list', async () => {
    const firstOrganisation = new Set(
      Object.values(ids).flatMap((byTarget) =>
        (['own', 'otherCentre', 'restricted'] as Target[]).map((target) => byTarget[target]),
      ),
    );
    for (const a of Object.values(actors)) firstOrganisation.add(a.id);
    let lists = 0;
    for (const route of apiRoutes(t().app.routeTable)) {
      if (route.method !== 'GET' || route.url.includes(':')) continue;
      const query = route.query ? sample(route.query) : undefined;
      const search =
        query && Object.keys(query as object).length
          ? `?${new URLSearchParams(query as Record<string, string>)}`
          : '';
      for (const [name, other] of Object.entries(others)) {
        const response = await other.caller.get(`${route.url}${search}`);
        lists += 1;
        expect(response.statusCode, `${name} ${route.url}`).toBeLessThan(500);
        const leaked = [...firstOrganisation].filter((id) => response.body.includes(id));
        expect(leaked, `${name} GET ${route.url}`).toEqual([]);
      }
    }
    expect(lists).toBeGreaterThan(100);
  });

  it('refuses every actor what is not theirs, changes nothing when it refuses, and never fails', async () => {
    const findings: string[] = [];
    let requests = 0;
    let digest = await contentDigest(t());
    const deniedEntries = async () =>
      Number(
        (
          await t().database.query<{ n: string }>(
            `SELECT count(*) AS n FROM audit_log WHERE action = 'access.denied'`,
          )
        )[0]!.n,
      );
    const deniedBefore = await deniedEntries();
    let refused = 0;
    for (const route of apiRoutes(t().app.routeTable)) {
      // Emergency access would widen the caller's scope for every request after it: it has its own tests
      // (src/modules/cases/emergency-access.int.test.ts), where who may and who may not is checked.
      if (
        route.key === 'POST /api/auth/login' ||
        route.key === 'POST /api/auth/logout' ||
        route.key === 'POST /api/cases/:id/emergency-access'
      )
        continue;
      const kind = idKinds[route.key] ?? null;
      const body = route.key in bodies ? bodies[route.key] : route.body ? sample(route.body) : undefined;
      const query = route.query ? sample(route.query) : undefined;
      for (const target of kind ? targets : (['own'] as Target[])) {
        for (const [name, actor] of Object.entries(actors)) {
          const url =
            route.url
              .replace(':id', kind ? ids[kind][target] : crypto.randomUUID())
              .replace(':kind', 'project-results')
              .replace(/:\w+/g, () => crypto.randomUUID()) +
            (query && typeof query === 'object' && Object.keys(query).length
              ? `?${new URLSearchParams(query as Record<string, string>)}`
              : '');
          const response = await actor.caller.request(
            route.method,
            url,
            route.method === 'GET' ? undefined : (body ?? {}),
          );
          requests += 1;
          const where = `${name} ${route.key} → ${target}: ${response.statusCode}`;
          const expected = expectedStatus(route.key, route.rule, name, kind, target);
          if (response.statusCode >= 500) findings.push(`${where} (server error)`);
          else if (expected !== null && response.statusCode !== expected)
            findings.push(`${where}, expected ${expected}`);
          if (response.statusCode === 403 || response.statusCode === 404) refused += 1;
          // A refused write changes nothing (reads write nothing but their audit entries, left out here).
          if (response.statusCode >= 400 && route.method !== 'GET') {
            const after = await contentDigest(t());
            if (after !== digest) findings.push(`${where}, refused but changed the database`);
            digest = after;
          } else if (route.method !== 'GET') {
            digest = await contentDigest(t());
          }
        }
      }
    }
    console.info(
      `authorization matrix: ${requests} requests, ${refused} refused, ${findings.length} findings`,
    );
    expect(findings).toEqual([]);
    // Every refusal (the gate's 403, a use case's 403, a record out of scope) is on record as denied.
    expect((await deniedEntries()) - deniedBefore).toBe(refused);
  }, 900_000);
});

interface ApiRoute {
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  rule: AccessRule;
  body?: z.ZodType;
  query?: z.ZodType;
}

function apiRoutes(table: RouteOptions[]): ApiRoute[] {
  const out: ApiRoute[] = [];
  for (const route of table) {
    if (
      !route.url.startsWith('/api/') ||
      route.url.startsWith('/api/docs') ||
      route.config?.access === 'public'
    )
      continue;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      const schema = route.schema as { body?: z.ZodType; querystring?: z.ZodType } | undefined;
      out.push({
        key: `${method} ${route.url}`,
        method: method as ApiRoute['method'],
        url: route.url,
        rule: route.config!.access!,
        body: schema?.body,
        query: schema?.querystring,
      });
    }
  }
  return out;
}

/** The status a request must get, or null where the matrix does not decide (the record may be theirs). */
function expectedStatus(
  key: string,
  rule: AccessRule,
  name: string,
  kind: Kind | null,
  target: Target,
): number | null {
  const gate = rule === 'signed-in' || rule === 'public' ? true : satisfies({ roles: rolesOf(name) }, rule);
  if (!gate) return 403;
  if (!kind) return null;
  if (target === 'otherOrg') return 404;
  // The data protection officer's subject access export reads a person of any centre of the organisation:
  // the one logged exception to case scope (src/modules/subject-access/gather.ts).
  if (key.startsWith('GET /api/subject-access/') || key.startsWith('POST /api/subject-access/')) return null;
  if (!caseContent.includes(kind)) return null;
  if (target === 'otherCentre') return 404;
  if (!ofCase.includes(kind)) return null; // a group or event of the own centre: for its staff to use
  const managerOfA = name === 'centreManager';
  if (target === 'restricted') return managerOfA ? null : 404;
  // The own target: its case is open to the key worker and the centre's manager only.
  if (managerOfA || name === 'specialistOnTeam') return null;
  const colleague = name === 'specialistOffTeam' || name === 'fgcCoordinator';
  if (colleague && key in forColleagues) return forColleagues[key]!;
  return 404;
}

function rolesOf(name: string) {
  const org = (role: string) => [{ role, centreId: null }];
  const atA = (role: string) => [{ role, centreId: 'A' }];
  const table: Record<string, { role: string; centreId: string | null }[]> = {
    administrator: org('administrator'),
    dataProtectionOfficer: org('data_protection_officer'),
    projectManager: org('project_manager'),
    financeOfficer: org('finance_officer'),
    partnerViewer: org('partner_viewer'),
    centreManager: atA('centre_manager'),
    specialistOnTeam: atA('specialist'),
    specialistOffTeam: atA('specialist'),
    groupFacilitator: atA('group_facilitator'),
    fgcCoordinator: atA('fgc_coordinator'),
    mentoringCoordinator: atA('mentoring_coordinator'),
  };
  return table[name] as Parameters<typeof satisfies>[0]['roles'];
}
