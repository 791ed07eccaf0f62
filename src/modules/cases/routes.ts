import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams, okResponse } from '../../shared/contracts/common';
import {
  caseloadPage,
  caseloadQuery,
  changeStatusInput,
  consentInput,
  consentParams,
  emergencyAccessInput,
  emergencyAccessView,
  familyPage,
  historyResponse,
  openCaseInput,
  registeredResponse,
  teamMemberInput,
  teamParams,
  transferDecisionInput,
  transferInput,
  updateCaseInput,
  withdrawConsentInput,
  workerList,
} from '../../shared/contracts/registry';
import { historyOf } from '../families/history';
import { familyMembers } from '../families/tables';
import { caseload } from './caseload';
import { changeStatus } from './change-status';
import { endEmergencyAccess, openInEmergency } from './emergency-access';
import { getFamilyPage } from './get-family-page';
import { openCase } from './open-case';
import { familyForNewCase, findCase, workersAtCentre } from './policy';
import { addTeamMember, recordConsent, removeTeamMember, withdrawConsent } from './team-and-consents';
import { decideTransfer, requestTransfer } from './transfer-case';
import { updateCase } from './update-case';

const tags = ['cases'];
const read = { permission: 'cases.read' } as const;
const write = { permission: 'cases.write' } as const;

export async function caseRoutes(app: App): Promise<void> {
  app.get(
    '/api/cases',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'My cases or the centre’s cases',
        querystring: caseloadQuery,
        response: { 200: caseloadPage },
      },
    },
    (request) => asActor(request, (ctx) => caseload(ctx, request.query)),
  );

  app.get(
    '/api/centres/:id/workers',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Staff who work on cases at a centre (possible key workers)',
        params: idParams,
        response: { 200: workerList },
      },
    },
    (request) => asActor(request, (ctx) => workersAtCentre(ctx, request.params.id)),
  );

  app.post(
    '/api/families/:id/cases',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Open another case for a registered family (e.g. at another centre, or after closing)',
        params: idParams,
        body: openCaseInput,
        response: { 201: registeredResponse },
      },
    },
    async (request, reply) => {
      const caseId = await asActor(request, async (ctx) => {
        await familyForNewCase(ctx, request.params.id);
        return openCase(ctx, request.params.id, request.body, '');
      });
      return reply.status(201).send({ familyId: request.params.id, caseId });
    },
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'The family page of a case (an audited read)',
        params: idParams,
        response: { 200: familyPage },
      },
    },
    (request) => asActor(request, (ctx) => getFamilyPage(ctx, request.params.id)),
  );

  app.patch(
    '/api/cases/:id',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Edit a case',
        params: idParams,
        body: updateCaseInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => updateCase(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/cases/:id/emergency-access',
    {
      config: { access: read },
      schema: {
        tags,
        summary:
          'Open a case outside one’s team in an emergency, with a reason: for a few hours, audited, and its key worker, managers and the data protection officer are told',
        params: idParams,
        body: emergencyAccessInput,
        response: { 201: emergencyAccessView },
      },
    },
    async (request, reply) => {
      const hours = request.server.deps.config.emergencyAccessHours;
      const access = await asActor(request, (ctx) =>
        openInEmergency(ctx, request.params.id, request.body.reason, hours),
      );
      return reply.status(201).send(access);
    },
  );

  app.delete(
    '/api/cases/:id/emergency-access',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'End one’s emergency access to a case before it expires',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => endEmergencyAccess(ctx, request.params.id));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/cases/:id/status',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Move a case to another status: intake, active, closed (with a reason), or reopen it',
        params: idParams,
        body: changeStatusInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => changeStatus(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/cases/:id/history',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Who changed which field of the case, its family and its people, when, from what to what',
        params: idParams,
        response: { 200: historyResponse },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const row = await findCase(ctx, request.params.id);
        await recordAudit(ctx, { action: 'case.read_history', entityType: 'case', entityId: row.id });
        const members = await ctx.tx
          .select({ id: familyMembers.id, personId: familyMembers.personId })
          .from(familyMembers)
          .where(eq(familyMembers.familyId, row.familyId));
        const records = await queryRows<{ type: 'activity' | 'assessment' | 'plan_review'; id: string }>(
          ctx.tx,
          sql`select 'activity' as type, id from activities where case_id = ${row.id}
              union all select 'assessment', id from assessments where case_id = ${row.id}
              union all select 'plan_review', r.id from plan_reviews r join plans p on p.id = r.plan_id
                where p.case_id = ${row.id}`,
        );
        const idsOf = (type: string) => records.filter((r) => r.type === type).map((r) => r.id);
        const changes = await historyOf(ctx, [
          { type: 'case', ids: [row.id] },
          { type: 'activity', ids: idsOf('activity') },
          { type: 'assessment', ids: idsOf('assessment') },
          { type: 'plan_review', ids: idsOf('plan_review') },
          { type: 'family', ids: [row.familyId] },
          { type: 'family_member', ids: members.map((m) => m.id) },
          { type: 'person', ids: members.map((m) => m.personId) },
        ]);
        return { changes: changes.map((c) => ({ ...c, changedAt: c.changedAt.toISOString() })) };
      }),
  );

  const ok = { 200: okResponse };
  const done = { ok: true as const };

  app.post(
    '/api/cases/:id/team',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Add a colleague to the case team',
        params: idParams,
        body: teamMemberInput,
        response: ok,
      },
    },
    async (request) => {
      await asActor(request, (ctx) => addTeamMember(ctx, request.params.id, request.body.userId));
      return done;
    },
  );

  app.delete(
    '/api/cases/:id/team/:userId',
    {
      config: { access: write },
      schema: { tags, summary: 'Remove a colleague from the case team', params: teamParams, response: ok },
    },
    async (request) => {
      await asActor(request, (ctx) => removeTeamMember(ctx, request.params.id, request.params.userId));
      return done;
    },
  );

  app.post(
    '/api/cases/:id/consents',
    {
      config: { access: write },
      schema: { tags, summary: 'Record a consent', params: idParams, body: consentInput, response: ok },
    },
    async (request) => {
      await asActor(request, (ctx) => recordConsent(ctx, request.params.id, request.body));
      return done;
    },
  );

  app.post(
    '/api/cases/:id/consents/:consentId/withdraw',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Mark a consent withdrawn',
        params: consentParams,
        body: withdrawConsentInput,
        response: ok,
      },
    },
    async (request) => {
      await asActor(request, (ctx) =>
        withdrawConsent(ctx, request.params.id, request.params.consentId, request.body.withdrawnOn),
      );
      return done;
    },
  );

  app.post(
    '/api/cases/:id/transfer',
    {
      config: { access: { permission: 'cases.supervise' } },
      schema: {
        tags,
        summary: 'Propose moving the case to another centre',
        params: idParams,
        body: transferInput,
        response: ok,
      },
    },
    async (request) => {
      await asActor(request, (ctx) => requestTransfer(ctx, request.params.id, request.body.toCentreId));
      return done;
    },
  );

  app.post(
    '/api/cases/:id/transfer/decision',
    {
      config: { access: { permission: 'cases.supervise' } },
      schema: {
        tags,
        summary: 'Accept or decline a case proposed to your centre',
        params: idParams,
        body: transferDecisionInput,
        response: ok,
      },
    },
    async (request) => {
      await asActor(request, (ctx) => decideTransfer(ctx, request.params.id, request.body.accept));
      return done;
    },
  );
}
