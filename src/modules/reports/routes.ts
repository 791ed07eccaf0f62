import { asc, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import { type ActorCtx, asActor } from '../../platform/context';
import { invalid } from '../../platform/errors';
import type { App } from '../../platform/types';
import { isoDate } from '../../shared/contracts/common';
import type { Language } from '../../shared/i18n';
import { indicatorKeys } from '../../shared/indicators';
import { organisations } from '../organisation/tables';
import { projectFunders } from '../projects/tables';
import { mediaTypes, type OutputFormat, outputFormats, renderReport } from './output';
import type { PdfExtras } from './pdf';
import {
  forAudience,
  mayHaveReport,
  periodAllowed,
  projectForReports,
  type ReportAudience,
  reportAllowed,
} from './policy';
import { listRecords } from './records';
import {
  budgetReport,
  generateReport,
  type Period,
  type ProjectRow,
  type QuarterlyReport,
  quarterlyReport,
  type ReportKindName,
  reportKindNames,
} from './reports';
import { scopeForReports, scopeResults } from './scope-results';
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

/** The period asked for: both ends or neither, and the end not before the start. */
function periodOf(q: { from?: string; to?: string }): Period | undefined {
  if ((q.from && !q.to) || (!q.from && q.to))
    throw invalid({ field: q.from ? 'to' : 'from', key: 'validation.required' });
  if (q.from && q.to && q.to < q.from) throw invalid({ field: 'to', key: 'validation.endBeforeStart' });
  return q.from && q.to ? { from: q.from, to: q.to } : undefined;
}

/**
 * A rendered report as a download, named from a project code or a period (codes hold slashes:
 * 2012.EEZ/PP/1/...) and the report's kind; never cached.
 */
function sendReportFile(
  reply: FastifyReply,
  format: Exclude<OutputFormat, 'json'>,
  output: string | Uint8Array,
  name: string,
  kind: string,
) {
  const extension = format === 'text' ? 'txt' : format;
  return reply
    .header('content-type', mediaTypes[format])
    .header(
      'content-disposition',
      `attachment; filename="${name.replace(/[^A-Za-z0-9.-]+/g, '_')}-${kind}.${extension}"`,
    )
    .header('cache-control', 'private, no-store')
    .send(typeof output === 'string' ? output : Buffer.from(output));
}

export async function reportRoutes(app: App): Promise<void> {
  app.get(
    '/api/projects/:id/reports/:kind',
    {
      config: { access: { anyPermission: ['projects.read', 'partner.read', 'reports.read'] } },
      schema: {
        tags: ['reports'],
        summary:
          'A project report as JSON, CSV, XLSX, PDF or text (figures only, no names; for partners small counts as "<5" and whole quarters; for centre managers their centres’ activity figures)',
        params: z.object({ id: z.uuid(), kind: z.enum(reportKindNames) }),
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const { id, kind } = request.params;
      const q = request.query;
      const { body, language, code, organisation, extras } = await asActor(request, async (ctx) => {
        const { project, audience } = await projectForReports(ctx, id);
        mayHaveReport(audience, kind);
        const period = periodOf(q);
        const previous =
          q.previousFrom && q.previousTo ? { from: q.previousFrom, to: q.previousTo } : undefined;
        periodAllowed(audience, [period, previous]);
        const language = q.lang ?? ctx.language;
        const report = await generateReport(
          ctx.tx,
          project,
          kind,
          {
            language,
            period,
            previous,
            programmeId: q.programmeId,
            centreIds: audience.kind === 'centre' ? audience.centreIds : undefined,
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
        const extras = q.format === 'pdf' ? await pdfExtras(ctx, project, kind, audience, language) : {};
        return {
          body: forAudience(audience, kind, report),
          language,
          code: project.code,
          organisation: org?.name ?? '',
          extras,
        };
      });
      if (q.format === 'json') return reply.send(body);
      const generatedAt = request.server.deps.clock.now();
      const output = await renderReport(kind, body, q.format, language, organisation, generatedAt, extras);
      return sendReportFile(reply, q.format, output, code, kind);
    },
  );

  app.get(
    '/api/reports/results',
    {
      config: { access: { permission: 'reports.read' } },
      schema: {
        tags: ['reports'],
        summary:
          'Results of the whole organisation, a centre or a programme for any period, without a project: families and people reached, by centre, programme, activity type, quarter, sex, age band, disability and municipality, with the previous period beside the totals (a centre manager: her centres only)',
        querystring: z.object({
          from: isoDate.optional(),
          to: isoDate.optional(),
          centreId: z.uuid().optional(),
          programmeId: z.uuid().optional(),
          format: z.enum(outputFormats).default('json'),
          lang: z.enum(['lv', 'en']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const { body, language, organisation, preparedBy } = await asActor(request, async (ctx) => {
        // Without dates: this calendar year.
        const year = ctx.now.toISOString().slice(0, 4);
        const period = periodOf(q) ?? { from: `${year}-01-01`, to: `${year}-12-31` };
        const scope = await scopeForReports(ctx, {
          centreId: q.centreId,
          programmeId: q.programmeId,
          period,
        });
        const language = q.lang ?? ctx.language;
        const body = await scopeResults(ctx.tx, scope, language);
        await recordAudit(ctx, {
          action: 'report.generate',
          entityType: scope.centreId ? 'centre' : 'organisation',
          entityId: scope.centreId ?? scope.organisationId,
          details: { kind: 'scope-results', format: q.format, ...period, programmeId: q.programmeId ?? null },
        });
        return {
          body,
          language,
          organisation: body.scope.organisation,
          preparedBy: preparerOf(ctx),
        };
      });
      if (q.format === 'json') return reply.send(body);
      const output = await renderReport(
        'scope-results',
        body,
        q.format,
        language,
        organisation,
        request.server.deps.clock.now(),
        { preparedBy },
      );
      return sendReportFile(reply, q.format, output, `${body.period.from}_${body.period.to}`, 'results');
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
      // Snapshots hold the figures unsuppressed: project staff only.
      config: { access: { permission: 'projects.read' } },
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
      config: { access: { permission: 'projects.read' } },
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
      config: { access: { anyPermission: ['projects.read', 'reports.read'] } },
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
    (request) => asActor(request, (ctx) => listRecords(ctx, request.params.id, request.query)),
  );
}

/**
 * What a project report's PDF adds (src/modules/reports/pdf.ts): who prepares it, the funders, and with
 * the project results the quarterly progress and the budget, each only for an audience that may have
 * that report, as that audience may see it.
 */
async function pdfExtras(
  ctx: ActorCtx,
  project: ProjectRow,
  kind: ReportKindName,
  audience: ReportAudience,
  language: Language,
): Promise<PdfExtras> {
  const funders = await ctx.tx
    .select({ name: projectFunders.name })
    .from(projectFunders)
    .where(eq(projectFunders.projectId, project.id))
    .orderBy(asc(projectFunders.position));
  const extras: PdfExtras = {
    preparedBy: preparerOf(ctx),
    funders: funders.map((f) => f.name),
  };
  if (kind !== 'project-results') return extras;
  if (reportAllowed(audience, 'quarterly'))
    extras.quarterly = forAudience(
      audience,
      'quarterly',
      await quarterlyReport(ctx.tx, project, language),
    ) as QuarterlyReport;
  if (reportAllowed(audience, 'budget')) extras.budget = await budgetReport(ctx.tx, project, language);
  return extras;
}

/** Who prepares a report: the signed-in user, by name. */
const preparerOf = (ctx: ActorCtx) => `${ctx.actor.givenName} ${ctx.actor.familyName}`;
