import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import { contentDisposition } from '../../platform/content-disposition';
import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams, okResponse, text } from '../../shared/contracts/common';
import { retentionRules, retentionRulesInput, retentionView } from '../../shared/contracts/retention';
import { languages, translate } from '../../shared/i18n';
import { foldForSearch } from '../../shared/names';
import { erasePerson } from './erase';
import { exportSubject } from './export';
import { recordsOfProcessing, recordsOfProcessingPdf } from './processing';
import { applyRetention, planRetention } from './retention';
import { retentionRules as rulesOf, setRetentionRules } from './retention-rules';

const tags = ['subject access'];
const access = { permission: 'subjects.export' } as const;

const searchQuery = z.object({ q: text(100).min(2) });
const found = z.object({
  persons: z.array(
    z.object({
      id: z.uuid(),
      givenName: z.string(),
      familyName: z.string(),
      birthDate: z.string().nullable(),
      birthYear: z.number().nullable(),
    }),
  ),
});

export async function subjectAccessRoutes(app: App): Promise<void> {
  app.get(
    '/api/subject-access/persons',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Find a person in the whole organisation for a subject access request (audited)',
        querystring: searchQuery,
        response: { 200: found },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const folded = foldForSearch(request.query.q);
        const code = request.query.q.replace(/\s/g, '');
        const persons = await queryRows<{
          id: string;
          givenName: string;
          familyName: string;
          birthDate: string | null;
          birthYear: number | null;
        }>(
          ctx.tx,
          sql`SELECT id, given_name AS "givenName", family_name AS "familyName", birth_date::text AS "birthDate",
                     birth_year AS "birthYear"
              FROM persons
              WHERE organisation_id = ${ctx.actor.organisationId} AND merged_into IS NULL AND erased_at IS NULL
                AND (search_name LIKE ${`%${folded}%`} OR personal_code = ${code})
              ORDER BY sort_key LIMIT 25`,
        );
        // The search terms are personal data: the entry keeps how many were found, not what was asked.
        await recordAudit(ctx, { action: 'subject_access.search', details: { found: persons.length } });
        return { persons };
      }),
  );

  app.get(
    '/api/subject-access/persons/:id/export',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Everything held about a person (GDPR Art. 15): a ZIP of subject.json, summary.pdf and the case documents (audited)',
        params: idParams,
        querystring: z.object({ language: z.enum(languages).optional() }),
      },
    },
    async (request, reply) => {
      const { config } = request.server.deps;
      const exported = await asActor(request, (ctx) =>
        exportSubject(ctx, request.params.id, {
          language: request.query.language,
          dataDir: config.dataDir,
          organisationName: config.organisationName,
        }),
      );
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(exported.fileName))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(exported.bytes));
    },
  );

  app.post(
    '/api/subject-access/persons/:id/erase',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Erase a person (GDPR Art. 17): anonymised in place, figures unchanged; refused while a case holds her data (audited)',
        params: idParams,
        body: z.object({ reason: text(500).min(5) }),
        response: { 200: okResponse },
      },
    },
    async (request) => {
      const years = request.server.deps.config.caseRetentionYears;
      await asActor(request, (ctx) => erasePerson(ctx, request.params.id, request.body.reason, years));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/records-of-processing',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags,
        summary:
          'Records of processing (GDPR Art. 30) from the configuration: data, purpose, legal basis, retention, roles; JSON or ?format=pdf',
        querystring: z.object({ format: z.enum(['json', 'pdf']).default('json') }),
      },
    },
    async (request, reply) => {
      const { config } = request.server.deps;
      const rules = await asActor(request, (ctx) =>
        rulesOf(ctx, ctx.actor.organisationId, config.caseRetentionYears),
      );
      const records = recordsOfProcessing(request.language, rules);
      if (request.query.format === 'json') return reply.send({ records });
      const now = request.server.deps.clock.now();
      const pdf = await recordsOfProcessingPdf(records, request.language, config.organisationName, now);
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          contentDisposition(`${translate(request.language, 'processing.title')}.pdf`),
        )
        .send(Buffer.from(pdf));
    },
  );

  app.get(
    '/api/organisation/retention-rules',
    {
      config: { access: { anyPermission: ['users.manage', 'subjects.export'] } },
      schema: {
        tags,
        summary:
          'The organisation’s retention rules: years after a case closed until people are anonymised and documents deleted',
        response: { 200: retentionRules },
      },
    },
    (request) =>
      asActor(request, (ctx) =>
        rulesOf(ctx, ctx.actor.organisationId, request.server.deps.config.caseRetentionYears),
      ),
  );

  app.put(
    '/api/organisation/retention-rules',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Set the organisation’s retention rules (the administrator); audited',
        body: retentionRulesInput,
        response: { 200: retentionRules },
      },
    },
    (request) =>
      asActor(request, (ctx) =>
        setRetentionRules(ctx, request.body, request.server.deps.config.caseRetentionYears),
      ),
  );

  app.get(
    '/api/retention',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'What retention would change now in the organisation (a dry run): people to anonymise, documents to delete',
        response: { 200: retentionView },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const defaultYears = request.server.deps.config.caseRetentionYears;
        const plan = await planRetention(ctx, defaultYears);
        const rules = await rulesOf(ctx, ctx.actor.organisationId, defaultYears);
        return { ...rules, persons: plan.persons.length, documents: plan.documents.length };
      }),
  );

  app.post(
    '/api/retention/run',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Apply retention now in the organisation (as the daily run does); audited',
        response: { 200: retentionView },
      },
    },
    async (request) => {
      const { caseRetentionYears: defaultYears, dataDir } = request.server.deps.config;
      const { rules, plan, removeFiles } = await asActor(request, async (ctx) => {
        const planned = await planRetention(ctx, defaultYears);
        return {
          rules: await rulesOf(ctx, ctx.actor.organisationId, defaultYears),
          plan: planned,
          removeFiles: await applyRetention(ctx, planned, dataDir),
        };
      });
      await removeFiles();
      return { ...rules, persons: plan.persons.length, documents: plan.documents.length };
    },
  );
}
