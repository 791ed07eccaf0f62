import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import { type ActorCtx, asActor } from '../../platform/context';
import { invalid, notFound } from '../../platform/errors';
import type { App } from '../../platform/types';
import { canInOrganisation, centresWith } from '../../shared/access';
import { isoDate } from '../../shared/contracts/common';
import { indicatorKeys } from '../../shared/indicators';
import { canOpenCase } from '../cases/policy';
import { personVisible } from '../families/policy';
import { families, persons } from '../families/tables';
import { organisations } from '../organisation/tables';
import { findVisibleProject } from '../projects/policy';
import { projects } from '../projects/tables';
import { dimensions, type Figure, type RecordBehind, recordsBehind } from './indicators';
import { mediaTypes, outputFormats, renderReport } from './output';
import { generateReport, reportKindNames } from './reports';
import { compareSnapshot, listSnapshots, publishSnapshot } from './snapshots';

const reportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  previousFrom: isoDate.optional(),
  previousTo: isoDate.optional(),
  programmeId: z.uuid().optional(),
  format: z.enum(outputFormats).default('json'),
  lang: z.enum(['lv', 'en']).optional(),
});

/** A file name from a project code (codes hold slashes: 2012.EEZ/PP/1/...). */
const fileNameOf = (code: string, kind: string, extension: string) =>
  `${code.replace(/[^A-Za-z0-9.-]+/g, '_')}-${kind}.${extension}`;

export async function reportRoutes(app: App): Promise<void> {
  app.get(
    '/api/projects/:id/reports/:kind',
    {
      config: { access: { anyPermission: ['projects.read', 'partner.read'] } },
      schema: {
        tags: ['reports'],
        summary: 'A project report as JSON, CSV, XLSX, PDF or text (figures only, no names)',
        params: z.object({ id: z.uuid(), kind: z.enum(reportKindNames) }),
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const { id, kind } = request.params;
      const q = request.query;
      const { body, language, code, organisation } = await asActor(request, async (ctx) => {
        const project = await findVisibleProject(ctx.tx, ctx.actor, id);
        if ((q.from && !q.to) || (!q.from && q.to))
          throw invalid({ field: q.from ? 'to' : 'from', key: 'validation.required' });
        if (q.from && q.to && q.to < q.from) throw invalid({ field: 'to', key: 'validation.endBeforeStart' });
        const language = q.lang ?? ctx.language;
        const report = await generateReport(
          ctx.tx,
          project,
          kind,
          {
            language,
            period: q.from && q.to ? { from: q.from, to: q.to } : undefined,
            previous: q.previousFrom && q.previousTo ? { from: q.previousFrom, to: q.previousTo } : undefined,
            programmeId: q.programmeId,
          },
          ctx.now.toISOString().slice(0, 10),
        );
        const [org] = await ctx.tx
          .select({ name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, project.organisationId));
        await recordAudit(ctx, {
          action: 'report.generate',
          entityType: 'project',
          entityId: project.id,
          details: { kind, format: q.format },
        });
        return { body: report, language, code: project.code, organisation: org?.name ?? '' };
      });
      if (q.format === 'json') return reply.send(body);
      const generatedAt = request.server.deps.clock.now();
      const output = await renderReport(kind, body, q.format, language, organisation, generatedAt);
      const extension = q.format === 'text' ? 'txt' : q.format;
      return reply
        .header('content-type', mediaTypes[q.format])
        .header('content-disposition', `attachment; filename="${fileNameOf(code, kind, extension)}"`)
        .header('cache-control', 'private, no-store')
        .send(typeof output === 'string' ? output : Buffer.from(output));
    },
  );

  const snapshotBody = z.object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    previousFrom: isoDate.optional(),
    previousTo: isoDate.optional(),
    programmeId: z.uuid().optional(),
    lang: z.enum(['lv', 'en']).default('lv'),
  });

  app.post(
    '/api/projects/:id/reports/:kind/snapshots',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['reports'],
        summary: 'Publish a report: freeze its figures, parameters, definitions and a hash of its inputs',
        params: z.object({ id: z.uuid(), kind: z.enum(reportKindNames) }),
        body: snapshotBody,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const id = await asActor(request, (ctx) =>
        publishSnapshot(ctx, request.params.id, request.params.kind, {
          language: b.lang,
          ...(b.from && b.to ? { period: { from: b.from, to: b.to } } : {}),
          ...(b.previousFrom && b.previousTo ? { previous: { from: b.previousFrom, to: b.previousTo } } : {}),
          ...(b.programmeId ? { programmeId: b.programmeId } : {}),
        }),
      );
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/api/projects/:id/snapshots',
    {
      config: { access: { anyPermission: ['projects.read', 'partner.read'] } },
      schema: {
        tags: ['reports'],
        summary: 'Published reports of a project',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            snapshots: z.array(
              z.object({
                id: z.uuid(),
                kind: z.enum(reportKindNames),
                inputHash: z.string(),
                publishedAt: z.string(),
                publishedByName: z.string(),
              }),
            ),
          }),
        },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({ snapshots: await listSnapshots(ctx, request.params.id) })),
  );

  app.get(
    '/api/report-snapshots/:id',
    {
      config: { access: { anyPermission: ['projects.read', 'partner.read'] } },
      schema: {
        tags: ['reports'],
        summary: 'A published report and what changed in it since publication',
        params: z.object({ id: z.uuid() }),
      },
    },
    (request) => asActor(request, (ctx) => compareSnapshot(ctx, request.params.id)),
  );

  app.get(
    '/api/projects/:id/reports/records',
    {
      config: { access: { anyPermission: ['projects.read', 'partner.read', 'reports.read'] } },
      schema: {
        tags: ['reports'],
        summary:
          'The records behind one figure: pseudonymous codes, with names only for families and people whose case the caller may open',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({
          key: z.enum(indicatorKeys),
          by: z.string().max(2000).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const q = request.query;
        const project = await projectForReports(ctx, request.params.id);
        let by: Record<string, string> | null = null;
        if (q.by) {
          try {
            by = JSON.parse(q.by);
          } catch {
            throw invalid({ field: 'by', key: 'validation.breakdown' });
          }
          if (
            !by ||
            typeof by !== 'object' ||
            Object.keys(by).some((d) => !(dimensions as readonly string[]).includes(d))
          )
            throw invalid({ field: 'by', key: 'validation.breakdown' });
        }
        const records = await recordsBehind(
          ctx.tx,
          {
            organisationId: project.organisationId,
            from: q.from ?? project.startsOn,
            to: q.to ?? project.endsOn,
            projectId: project.id,
          },
          q.key,
          by as Figure['by'],
        );
        const named = await namesForCaseTeam(ctx, records);
        await recordAudit(ctx, {
          action: 'report.records',
          entityType: 'project',
          entityId: project.id,
          details: { key: q.key, by, records: records.length, named: named.size },
        });
        return {
          key: q.key,
          by,
          records: records.map((r) => ({ ...r, name: named.get(r.id) ?? null })),
        };
      }),
  );
}

/**
 * Who may see a project's reports: project managers, finance officers and linked partner
 * viewers (findVisibleProject), and centre managers of a centre the project works in.
 */
async function projectForReports(ctx: ActorCtx, projectId: string) {
  if (canInOrganisation(ctx.actor, 'projects.read') || canInOrganisation(ctx.actor, 'partner.read'))
    return findVisibleProject(ctx.tx, ctx.actor, projectId);
  const centreIds = centresWith(ctx.actor, 'reports.read');
  const [row] = await ctx.tx
    .select()
    .from(projects)
    .where(
      and(
        eq(projects.id, projectId),
        eq(projects.organisationId, ctx.actor.organisationId),
        centreIds === 'all'
          ? sql`true`
          : centreIds.length
            ? sql`exists (select 1 from project_centres pc where pc.project_id = projects.id and pc.centre_id in (${sql.join(
                centreIds.map((id) => sql`${id}`),
                sql`, `,
              )}))`
            : sql`false`,
      ),
    );
  if (!row) throw notFound();
  return row;
}

/** Names of the families and people among the records whose case the caller may open (its team, its managers). */
async function namesForCaseTeam(ctx: ActorCtx, records: RecordBehind[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const familyIds = records.filter((r) => r.kind === 'family').map((r) => r.id);
  const personIds = records.filter((r) => r.kind === 'person').map((r) => r.id);
  if (familyIds.length)
    for (const row of await ctx.tx
      .select({ id: families.id, name: families.name })
      .from(families)
      .where(
        and(
          inArray(families.id, familyIds),
          sql`exists (select 1 from cases where cases.family_id = families.id and ${canOpenCase(ctx.actor)})`,
        ),
      ))
      names.set(row.id, row.name);
  if (personIds.length)
    for (const row of await ctx.tx
      .select({ id: persons.id, name: sql<string>`${persons.givenName} || ' ' || ${persons.familyName}` })
      .from(persons)
      .where(and(inArray(persons.id, personIds), personVisible(ctx.actor, 'open'))))
      names.set(row.id, row.name);
  return names;
}
