import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { latvianAsc } from '../../db/latvian-order';
import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams, voidInput } from '../../shared/contracts/common';
import {
  budgetInput,
  budgetView,
  expenditureCorrection,
  expenditureInput,
  expenditureList,
  partnerViewerList,
  projectInput,
  projectList,
  projectView,
} from '../../shared/contracts/projects';
import { roleGrants, users } from '../users/tables';
import { correctExpenditure, listExpenditures, recordExpenditure, voidExpenditure } from './expenditures';
import { getProject } from './get-project';
import { projectVisible } from './policy';
import { saveBudget } from './save-budget';
import { saveProject } from './save-project';
import { projects } from './tables';

const tags = ['projects'];

/** What a list of projects shows: no money, no people. */
const summaryColumns = {
  id: projects.id,
  code: projects.code,
  titleLv: projects.titleLv,
  titleEn: projects.titleEn,
  startsOn: projects.startsOn,
  endsOn: projects.endsOn,
  status: projects.status,
};
const read = { anyPermission: ['projects.read', 'partner.read'] } as const;
const manage = { permission: 'projects.manage' } as const;
const finance = { permission: 'finance.manage' } as const;
const expenditureParams = z.object({ id: z.uuid(), expenditureId: z.uuid() });

export async function projectRoutes(app: App): Promise<void> {
  app.get(
    '/api/projects',
    {
      config: { access: read },
      schema: { tags, summary: 'Projects the caller may see', response: { 200: projectList } },
    },
    (request) =>
      asActor(request, async (ctx) => ({
        projects: await ctx.tx
          .select(summaryColumns)
          .from(projects)
          .where(projectVisible(ctx.actor))
          .orderBy(desc(projects.startsOn), asc(projects.code)),
      })),
  );

  app.post(
    '/api/projects',
    {
      config: { access: manage },
      schema: { tags, summary: 'Create a project', body: projectInput, response: { 201: projectView } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await asActor(request, async (ctx) => getProject(ctx, await saveProject(ctx, null, request.body))),
        ),
  );

  app.get(
    '/api/projects/:id',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'A project with its targets and budget',
        params: idParams,
        response: { 200: projectView },
      },
    },
    (request) => asActor(request, (ctx) => getProject(ctx, request.params.id)),
  );

  app.put(
    '/api/projects/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Edit a project',
        params: idParams,
        body: projectInput,
        response: { 200: projectView },
      },
    },
    (request) =>
      asActor(request, async (ctx) =>
        getProject(ctx, await saveProject(ctx, request.params.id, request.body)),
      ),
  );

  app.put(
    '/api/projects/:id/budget',
    {
      config: { access: finance },
      schema: {
        tags,
        summary: 'Set the budget: published total, co-financing rule, lines and funding sources',
        params: idParams,
        body: budgetInput,
        response: { 200: budgetView },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        await saveBudget(ctx, request.params.id, request.body);
        return (await getProject(ctx, request.params.id)).budget;
      }),
  );

  app.post(
    '/api/projects/:id/expenditures',
    {
      config: { access: finance },
      schema: {
        tags,
        summary: 'Record an expenditure',
        params: idParams,
        body: expenditureInput,
        response: { 201: budgetView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await asActor(request, async (ctx) => {
          await recordExpenditure(ctx, request.params.id, request.body);
          return (await getProject(ctx, request.params.id)).budget;
        }),
      ),
  );

  app.get(
    '/api/projects/:id/expenditures',
    {
      config: { access: { anyPermission: ['projects.read'] } },
      schema: {
        tags,
        summary: 'Expenditures of a project, voided ones marked',
        params: idParams,
        response: { 200: expenditureList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({ expenditures: await listExpenditures(ctx, request.params.id) })),
  );

  app.patch(
    '/api/projects/:id/expenditures/:expenditureId',
    {
      config: { access: finance },
      schema: {
        tags,
        summary:
          'Correct an expenditure (the whole form, the version it was read at, and a reason when it is old or published)',
        params: expenditureParams,
        body: expenditureCorrection,
        response: { 200: budgetView },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const { id, expenditureId } = request.params;
        await correctExpenditure(ctx, id, expenditureId, request.body);
        return (await getProject(ctx, id)).budget;
      }),
  );

  app.post(
    '/api/projects/:id/expenditures/:expenditureId/void',
    {
      config: { access: finance },
      schema: {
        tags,
        summary: 'Void an expenditure with a reason: kept on record, counted in no sum',
        params: expenditureParams,
        body: voidInput,
        response: { 200: budgetView },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const { id, expenditureId } = request.params;
        await voidExpenditure(ctx, id, expenditureId, request.body);
        return (await getProject(ctx, id)).budget;
      }),
  );

  app.get(
    '/api/projects/partner-viewers',
    {
      config: { access: { anyPermission: ['projects.manage', 'finance.manage'] } },
      schema: {
        tags,
        summary: 'Users who can be linked to projects and contracts as partner viewers',
        response: { 200: partnerViewerList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const rows = await ctx.tx
          .select({
            id: users.id,
            givenName: users.givenName,
            familyName: users.familyName,
            email: users.email,
          })
          .from(users)
          .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
          .where(
            and(
              eq(users.organisationId, ctx.actor.organisationId),
              eq(roleGrants.role, 'partner_viewer'),
              isNull(users.disabledAt),
            ),
          )
          // One row per user (a grant per project would repeat her); sorted by her Latvian name.
          .groupBy(users.id)
          .orderBy(latvianAsc(users.familyName), latvianAsc(users.givenName));
        return {
          viewers: rows.map((r) => ({ id: r.id, name: `${r.givenName} ${r.familyName}`, email: r.email })),
        };
      }),
  );

  app.get(
    '/api/projects/options',
    {
      config: { access: { anyPermission: ['cases.write', 'projects.read', 'mentoring.run'] } },
      schema: {
        tags,
        summary:
          'Projects that activities (and mentoring matches) can be attributed to (code and title only)',
        response: { 200: projectList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({
        projects: await ctx.tx
          .select(summaryColumns)
          .from(projects)
          .where(eq(projects.organisationId, ctx.actor.organisationId))
          .orderBy(desc(projects.startsOn), asc(projects.code)),
      })),
  );
}
