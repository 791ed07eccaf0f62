import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { recordAudit } from '../platform/audit';
import {
  AppError,
  fromDatabaseRefusal,
  httpStatus,
  isDatabaseUnavailable,
  loggable,
} from '../platform/errors';
import type { ErrorCode, ErrorResponse } from '../shared/contracts/common';
import { type MessageKey, type MessageParams, translate } from '../shared/i18n';
import { problemOf } from '../shared/validation';

/** A zod issue as fastify-type-provider-zod hands it over (its code as `keyword`, its path as a pointer). */
interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

const problemFor = (issue: ValidationIssue, input: unknown) =>
  problemOf(
    {
      ...issue.params,
      code: issue.keyword,
      path: issue.instancePath.split('/').filter(Boolean),
      message: issue.message,
    },
    input,
  );

function send(reply: FastifyReply, status: number, body: ErrorResponse): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** Refusals of a signed-in caller: the gate's 403, a use case's 403, a record outside their scope (404). */
const refusals = new Set<ErrorCode>(['FORBIDDEN', 'NOT_FOUND', 'OWN_ROLES']);

/**
 * Every refused attempt leaves a trace (`access.denied`), written in a transaction of its own since the
 * request's rolled back: who, which route, which record. A failure to write it is logged, not answered.
 */
async function auditRefusal(request: FastifyRequest, code: ErrorCode): Promise<void> {
  const { database, clock } = request.server.deps;
  try {
    await database.unsafeDb.transaction((tx) =>
      recordAudit(
        { actor: request.actor, tx, ip: request.ip, language: request.language, now: clock.now() },
        {
          action: 'access.denied',
          outcome: 'denied',
          entityId: (request.params as { id?: string } | undefined)?.id ?? null,
          details: { method: request.method, route: request.routeOptions.url, code },
        },
      ),
    );
  } catch (failure) {
    request.log.error({ err: failure }, 'could not audit a refused request');
  }
}

/**
 * The one place where errors become responses: a stable code, a message in the
 * caller's language, and for validation the fields with what to fix. Nothing else
 * (no stack, no SQL, no internal id) leaves the server.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(
    async (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
      const language = request.language ?? 'lv';
      const message = (key: MessageKey, params?: MessageParams) => translate(language, key, params);

      if (error instanceof AppError) {
        if (refusals.has(error.code) && request.actor) await auditRefusal(request, error.code);
        if (error.headers) reply.headers(error.headers);
        return send(reply, httpStatus[error.code], {
          error: {
            code: error.code,
            message: message(`error.${error.code}`, error.params),
            fields: error.fields?.map((f) => ({ field: f.field, message: message(f.key, f.params) })),
          },
        });
      }

      if (hasZodFastifySchemaValidationErrors(error)) {
        // A malformed id in the path names no record: answer as for any unknown record.
        if (error.validationContext === 'params') {
          return send(reply, 404, { error: { code: 'NOT_FOUND', message: message('error.NOT_FOUND') } });
        }
        const input = error.validationContext === 'body' ? request.body : request.query;
        const fields = (error.validation as unknown as ValidationIssue[]).map((issue) =>
          problemFor(issue, input),
        );
        return send(reply, 400, {
          error: {
            code: 'VALIDATION',
            message: message('error.VALIDATION'),
            fields: fields.map((f) => ({ field: f.field, message: message(f.key, f.params) })),
          },
        });
      }

      // The database is away (restarting, failing over): say so, and the next request connects again.
      if (isDatabaseUnavailable(error)) {
        request.log.error({ route: request.routeOptions.url, ...loggable(error) }, 'database unavailable');
        return send(reply, 503, {
          error: { code: 'DATABASE_UNAVAILABLE', message: message('error.DATABASE_UNAVAILABLE') },
        });
      }

      // A refusal of the database no check foresaw: answered like the check, never as a 500.
      const refused = fromDatabaseRefusal(error);
      if (refused) {
        request.log.warn(
          { route: request.routeOptions.url, ...loggable(error) },
          'database refused the request',
        );
        return send(reply, httpStatus[refused.code], {
          error: {
            code: refused.code,
            message: message(`error.${refused.code}`),
            fields: refused.fields?.map((f) => ({ field: f.field, message: message(f.key, f.params) })),
          },
        });
      }

      const status = (error as FastifyError).statusCode ?? 500;
      if (status === 413) {
        return send(reply, 413, {
          error: { code: 'PAYLOAD_TOO_LARGE', message: message('error.PAYLOAD_TOO_LARGE') },
        });
      }
      if (status >= 400 && status < 500) {
        return send(reply, 400, { error: { code: 'BAD_REQUEST', message: message('error.BAD_REQUEST') } });
      }
      // Never the error itself: a failed query's message carries its SQL and parameters (personal data).
      request.log.error({ route: request.routeOptions.url, ...loggable(error) }, 'unhandled error');
      if (process.env.DEBUG_ERRORS) console.error(error);
      return send(reply, 500, { error: { code: 'INTERNAL', message: message('error.INTERNAL') } });
    },
  );
}
