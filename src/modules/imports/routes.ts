import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contentDisposition } from '../../platform/content-disposition';
import { asActor } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { App } from '../../platform/types';
import { idParams, okResponse } from '../../shared/contracts/common';
import {
  type ImportKind,
  importFileQuery,
  importFileView,
  importJobView,
  importPermissions,
  importStartQuery,
  importView,
  undoImportInput,
} from '../../shared/contracts/imports';
import { translate } from '../../shared/i18n';
import { requireAccess } from '../auth/authenticate';
import { hashToken, sessionCookieName } from '../auth/sessions';
import { centres } from '../centres/tables';
import { users } from '../users/tables';
import { addJob, type ImportJob, jobOf, jobView, runningProgress } from './jobs';
import { ImportRolledBack, mappingFor, mayImport, mayImportKind, runImport } from './run-import';
import { errorSpreadsheet, readSpreadsheet } from './spreadsheet';
import { imports } from './tables';
import { undoImport } from './undo';

const tags = ['imports'];
/** Anyone who may import something; what and where is checked by kind (`mayImport`). */
const access = { anyPermission: importPermissions } as const;
/** A spreadsheet of 100 000 rows fits; the body is the file itself. */
const bodyLimit = 40 * 1024 * 1024;

const fileOf = (request: FastifyRequest) => (Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));

export async function importRoutes(app: App): Promise<void> {
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/imports/file',
    {
      bodyLimit,
      config: { access },
      schema: {
        tags,
        summary: 'Read a spreadsheet (XLSX or CSV): its headers, first rows and a guessed column mapping',
        description: 'The body is the file itself (application/octet-stream); its name goes in the query.',
        querystring: importFileQuery,
        response: { 200: importFileView },
      },
    },
    async (request) => {
      if (!mayImportKind(request.actor!, request.query.kind)) throw new AppError('FORBIDDEN');
      const table = await readSpreadsheet(fileOf(request));
      return asActor(request, async (ctx) => {
        const { mapping, saved } = await mappingFor(ctx, request.query.kind, table.headers);
        return {
          headers: table.headers,
          sample: table.rows.slice(0, 5),
          rows: table.rows.length,
          mapping,
          savedMapping: saved,
        };
      });
    },
  );

  app.post(
    '/api/imports/jobs',
    {
      bodyLimit,
      config: { access },
      schema: {
        tags,
        summary: 'Check (a dry run) or run an import into a centre; answers the job to follow',
        description:
          'The body is the file (application/octet-stream). A run is all or nothing: it is saved only when no family has a problem, or when skipProblems leaves those families out.',
        querystring: importStartQuery,
        response: { 202: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const bytes = fileOf(request);
      const table = await readSpreadsheet(bytes);
      const { kind, name, centreId, mapping, mode, skipProblems } = request.query;
      // Refused at once, not in the job: the caller must manage the centre.
      await asActor(request, (ctx) => mayImport(ctx, kind, centreId ?? null));
      const job: ImportJob = {
        id: newId(),
        userId: request.actor!.userId,
        sessionDigest: hashToken(request.cookies[sessionCookieName] ?? ''),
        mode,
        state: 'running',
        processed: 0,
        total: 0,
        result: null,
        error: null,
        table,
        fileName: name,
        language: request.language,
        endedAt: null,
      };
      addJob(job);
      const fileSha256 = createHash('sha256').update(bytes).digest('hex');
      asActor(request, (ctx) =>
        runImport(
          ctx,
          {
            kind,
            centreId: centreId ?? null,
            fileName: name,
            fileSha256,
            table,
            mapping,
            mode,
            skipProblems,
          },
          (done, total) => {
            job.processed = done;
            job.total = total;
          },
        ),
      )
        .then((result) => {
          job.result = result;
          job.state = 'done';
        })
        .catch((error: unknown) => {
          if (error instanceof ImportRolledBack) {
            job.result = error.result;
            job.state = 'done';
            return;
          }
          job.state = 'failed';
          job.error =
            error instanceof AppError
              ? translate(request.language, `error.${error.code}`, error.params)
              : translate(request.language, 'error.INTERNAL');
          if (!(error instanceof AppError)) request.log.error({ err: error }, 'import failed');
        })
        .finally(() => {
          job.endedAt = Date.now();
        });
      return reply.status(202).send({ id: job.id });
    },
  );

  app.get(
    '/api/imports/jobs/:id',
    {
      // Public to the gate, checked here: a running job's progress answers its own session without the
      // database (see runningProgress); everything else is signed in as the rule says.
      config: { access: 'public', checksAccessItself: true },
      schema: {
        tags,
        summary: 'How far an import got, and what it found',
        params: idParams,
        response: { 200: importJobView },
      },
    },
    async (request) => {
      const progress = runningProgress(request.params.id, request.cookies[sessionCookieName]);
      if (progress) return progress;
      await requireAccess(request, access);
      const job = jobOf(request.params.id, request.actor!.userId);
      if (!job) throw new AppError('NOT_FOUND');
      return jobView(job);
    },
  );

  app.get(
    '/api/imports/jobs/:id/problems',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The file as it was sent, with a column saying what is wrong in each row',
        params: idParams,
      },
    },
    async (request, reply) => {
      const job = jobOf(request.params.id, request.actor!.userId);
      if (!job?.result) throw new AppError('NOT_FOUND');
      const header = translate(job.language, 'import.problemsColumn');
      const file = await errorSpreadsheet(job.table, job.result.problemsByRow, header);
      const base = job.fileName.replace(/\.(csv|xlsx)$/i, '');
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', contentDisposition(`${base} — ${header}.${file.extension}`))
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );

  app.get(
    '/api/imports',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'The imports the caller could have made (into the centres she manages, of the registers she keeps), newest first',
        response: { 200: z.object({ imports: z.array(importView) }) },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const rows = await ctx.tx
          .select({
            i: imports,
            centreName: centres.name,
            createdBy: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
            undoneBy: sql<
              string | null
            >`(SELECT u.given_name || ' ' || u.family_name FROM users u WHERE u.id = ${imports.undoneBy})`,
          })
          .from(imports)
          .leftJoin(centres, eq(centres.id, imports.centreId))
          .innerJoin(users, eq(users.id, imports.createdBy))
          .where(eq(imports.organisationId, ctx.actor.organisationId))
          .orderBy(desc(imports.createdAt))
          .limit(200);
        return {
          imports: rows
            .filter((row) => mayImportKind(ctx.actor, row.i.kind as ImportKind, row.i.centreId))
            .map(({ i, centreName, createdBy, undoneBy }) => ({
              id: i.id,
              kind: i.kind as ImportKind,
              fileName: i.fileName,
              centreName,
              rows: i.rowsTotal,
              imported: i.familiesImported,
              already: i.familiesAlready,
              skipped: i.familiesSkipped,
              createdBy,
              createdAt: i.createdAt.toISOString(),
              undoneAt: i.undoneAt?.toISOString() ?? null,
              undoneBy,
              undoReason: i.undoReason,
            })),
        };
      }),
  );

  app.post(
    '/api/imports/:id/undo',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Undo an import as a whole, while nothing was changed on top of it (audited)',
        params: idParams,
        body: undoImportInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => undoImport(ctx, request.params.id, request.body.reason));
      return { ok: true as const };
    },
  );
}
