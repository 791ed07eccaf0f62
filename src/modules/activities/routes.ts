import { asc, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { latvianAsc } from '../../db/latvian-order';
import { recordAudit } from '../../platform/audit';
import { asActor } from '../../platform/context';
import { newId } from '../../platform/ids';
import type { App } from '../../platform/types';
import { satisfies } from '../../shared/access';
import {
  activityList,
  activityType,
  activityTypeInput,
  activityTypeList,
  caseActivityInput,
  centreActivityInput,
  centreActivityList,
  centreActivityQuery,
  eventDayInput,
  eventFamilyInput,
  eventInput,
  eventList,
  eventView,
  familyRoster,
  groupCreated,
  groupInput,
  groupList,
  groupMemberInput,
  groupSessionInput,
  groupView,
  institutionInput,
  institutionList,
  institutionView,
  loggedActivity,
} from '../../shared/contracts/activities';
import { idParams, isoDate, okResponse } from '../../shared/contracts/common';
import { leaveFamilyInput } from '../../shared/contracts/registry';
import { latvianSortKey } from '../../shared/names';
import {
  listCentreActivities,
  logCentreActivity,
  presentInstitution,
  saveInstitution,
} from './centre-activities';
import { activityCorrectionRoutes } from './correction-routes';
import { addEventFamily, createEvent, familyRosterOf, getEvent, listEvents, recordEventDay } from './events';
import {
  addGroupMember,
  createGroup,
  endGroupMembership,
  getGroup,
  listGroups,
  logGroupSession,
} from './groups';
import { listCaseActivities } from './list-case-activities';
import { logCaseActivity } from './log-case-activity';
import { activityTypes, institutions } from './tables';

const tags = ['activities'];

export async function activityRoutes(app: App): Promise<void> {
  await activityCorrectionRoutes(app);

  app.get(
    '/api/activity-types',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The activity catalogue: built-in types and the organisation’s own',
        response: { 200: activityTypeList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const rows = await ctx.tx
          .select()
          .from(activityTypes)
          .where(
            or(
              isNull(activityTypes.organisationId),
              eq(activityTypes.organisationId, ctx.actor.organisationId),
            ),
          )
          .orderBy(asc(activityTypes.builtin), latvianAsc(activityTypes.nameLv));
        return { types: rows.map(({ organisationId: _, ...type }) => type) };
      }),
  );

  app.post(
    '/api/activity-types',
    {
      config: { access: { permission: 'catalogues.manage' } },
      schema: {
        tags,
        summary: 'Add an activity type of the organisation',
        body: activityTypeInput,
        response: { 201: activityType },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await asActor(request, async (ctx) => {
          const [row] = await ctx.tx
            .insert(activityTypes)
            .values({
              id: newId(ctx.now.getTime()),
              organisationId: ctx.actor.organisationId,
              code: null,
              builtin: false,
              ...request.body,
            })
            .returning();
          await recordAudit(ctx, {
            action: 'activity_type.create',
            entityType: 'activity_type',
            entityId: row!.id,
          });
          const { organisationId: _, ...type } = row!;
          return type;
        }),
      ),
  );

  app.post(
    '/api/cases/:id/activities',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Log an activity with the family of a case',
        params: idParams,
        body: caseActivityInput,
        response: { 201: loggedActivity },
      },
    },
    async (request, reply) => {
      const logged = await asActor(request, (ctx) => logCaseActivity(ctx, request.params.id, request.body));
      return reply.status(201).send({ caseId: request.params.id, ...logged });
    },
  );

  app.get(
    '/api/cases/:id/activities',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'Activities logged on a case (an audited read)',
        params: idParams,
        response: { 200: activityList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({ activities: await listCaseActivities(ctx, request.params.id) })),
  );

  const catalogueAccess = { anyPermission: ['cases.read', 'projects.read', 'catalogues.manage'] } as const;
  const catalogueWrite = { anyPermission: ['cases.write', 'catalogues.manage'] } as const;

  app.get(
    '/api/institutions',
    {
      config: { access: catalogueAccess },
      schema: { tags, summary: 'Partner institutions', response: { 200: institutionList } },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const rows = await ctx.tx
          .select()
          .from(institutions)
          .where(eq(institutions.organisationId, ctx.actor.organisationId));
        // Sorted in Latvian order here: a catalogue, the same on both engines.
        rows.sort((a, b) => (latvianSortKey(a.name) < latvianSortKey(b.name) ? -1 : 1));
        return {
          institutions: rows.map(presentInstitution),
          abilities: { edit: satisfies(ctx.actor, catalogueWrite) },
        };
      }),
  );

  app.post(
    '/api/institutions',
    {
      config: { access: catalogueWrite },
      schema: {
        tags,
        summary: 'Add a partner institution',
        body: institutionInput,
        response: { 201: institutionView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await asActor(request, (ctx) => saveInstitution(ctx, null, request.body))),
  );

  app.put(
    '/api/institutions/:id',
    {
      config: { access: catalogueWrite },
      schema: {
        tags,
        summary: 'Edit a partner institution',
        params: idParams,
        body: institutionInput,
        response: { 200: institutionView },
      },
    },
    (request) => asActor(request, (ctx) => saveInstitution(ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/activities',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Log a centre activity: a training with institutions, a training of own staff, an event',
        body: centreActivityInput,
        response: { 201: z.object({ activityId: z.uuid() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ activityId: await asActor(request, (ctx) => logCentreActivity(ctx, request.body)) }),
  );

  app.get(
    '/api/activities',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'Centre activities (not on a case)',
        querystring: centreActivityQuery,
        response: { 200: centreActivityList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({ activities: await listCentreActivities(ctx, request.query) })),
  );

  app.post(
    '/api/groups',
    {
      config: { access: { permission: 'cases.supervise' } },
      schema: {
        tags,
        summary: 'Create a support group with its facilitators',
        body: groupInput,
        response: { 201: groupCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await asActor(request, (ctx) => createGroup(ctx, request.body)) }),
  );

  app.get(
    '/api/groups/:id',
    {
      config: { access: { anyPermission: ['groups.run', 'cases.read'] } },
      schema: {
        tags,
        summary: 'A group: members’ names, sessions and attendance',
        params: idParams,
        response: { 200: groupView },
      },
    },
    (request) => asActor(request, (ctx) => getGroup(ctx, request.params.id)),
  );

  app.post(
    '/api/groups/:id/members',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Add a member to a group',
        params: idParams,
        body: groupMemberInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => addGroupMember(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/groups/:id/members/:memberId/leave',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'End a membership of a group on a date',
        params: z.object({ id: z.uuid(), memberId: z.uuid() }),
        body: leaveFamilyInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      const { id, memberId } = request.params;
      await asActor(request, (ctx) => endGroupMembership(ctx, id, memberId, request.body.leftOn));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/groups/:id/sessions',
    {
      config: { access: { anyPermission: ['groups.run', 'cases.supervise', 'cases.write'] } },
      schema: {
        tags,
        summary: 'Record a group session with attendance',
        params: idParams,
        body: groupSessionInput,
        response: { 201: z.object({ activityId: z.uuid() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        activityId: await asActor(request, (ctx) => logGroupSession(ctx, request.params.id, request.body)),
      }),
  );

  app.get(
    '/api/groups',
    {
      config: { access: { anyPermission: ['groups.run', 'cases.read'] } },
      schema: {
        tags,
        summary: 'Groups the caller facilitates or that run at their centres',
        response: { 200: groupList },
      },
    },
    (request) => asActor(request, (ctx) => listGroups(ctx)),
  );

  app.get(
    '/api/events',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'Camps and other events of the caller’s centres',
        response: { 200: eventList },
      },
    },
    (request) => asActor(request, async (ctx) => ({ events: await listEvents(ctx) })),
  );

  app.post(
    '/api/events',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Create a (multi-day) event such as a family camp',
        body: eventInput,
        response: { 201: groupCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await asActor(request, (ctx) => createEvent(ctx, request.body)) }),
  );

  app.get(
    '/api/events/:id',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'An event with its families, the members who came and attendance per day',
        params: idParams,
        response: { 200: eventView },
      },
    },
    (request) => asActor(request, (ctx) => getEvent(ctx, request.params.id)),
  );

  app.post(
    '/api/events/:id/families',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Add a family to an event with the members who came',
        params: idParams,
        body: eventFamilyInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => addEventFamily(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.put(
    '/api/events/:id/attendance',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Record attendance on one day of an event',
        params: idParams,
        body: eventDayInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => recordEventDay(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/families/:id/roster',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'Names of a family’s current members (for choosing who came to an event)',
        params: idParams,
        querystring: z.object({ on: isoDate }),
        response: { 200: familyRoster },
      },
    },
    (request) => asActor(request, (ctx) => familyRosterOf(ctx, request.params.id, request.query.on)),
  );
}
