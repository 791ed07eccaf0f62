import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connection';
import { activityRoutes } from '../modules/activities/routes';
import { assessmentRoutes } from '../modules/assessments/routes';
import { auditRoutes } from '../modules/audit/routes';
import { authRoutes } from '../modules/auth/routes';
import { caseRoutes } from '../modules/cases/routes';
import { centreRoutes } from '../modules/centres/routes';
import { contractRoutes } from '../modules/contracts/routes';
import { dashboardRoutes } from '../modules/dashboard/routes';
import { documentRoutes } from '../modules/documents/routes';
import { enrolmentRoutes } from '../modules/enrolments/routes';
import { familyRoutes } from '../modules/families/routes';
import { healthRoutes } from '../modules/health/routes';
import { importRoutes } from '../modules/imports/routes';
import { mentoringRoutes } from '../modules/mentoring/routes';
import { noticeRoutes } from '../modules/notices/routes';
import { planRoutes } from '../modules/plans/routes';
import { programmeRoutes } from '../modules/programmes/routes';
import { projectRoutes } from '../modules/projects/routes';
import { reportRoutes } from '../modules/reports/routes';
import { setupRoutes } from '../modules/setup/routes';
import { subjectAccessRoutes } from '../modules/subject-access/routes';
import { userRoutes } from '../modules/users/routes';
import { volunteerRoutes } from '../modules/volunteers/routes';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { App } from '../platform/types';
import { version } from '../platform/version';
import { errorResponse } from '../shared/contracts/common';
import { installAccessControl, registerPublic } from './access';
import { backupRoutes } from './backup/routes';
import { installErrorHandler } from './error-handler';
import { installRateLimit } from './rate-limit';
import { installWeb } from './web';

export interface AppDeps {
  database: Database;
  clock: Clock;
  config: Config;
  /** The token of the first-administrator setup link; drawn at start when not given (src/modules/setup). */
  setupToken?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** Every create (POST) of a signed-in user takes an `Idempotency-Key` (src/platform/idempotency.ts). */
function withIdempotencyKeys<T>(spec: T): T {
  const paths = (spec as { paths?: Record<string, Record<string, { parameters?: unknown[] }>> }).paths ?? {};
  for (const [path, operations] of Object.entries(paths)) {
    const post = operations.post;
    if (!post || path === '/api/auth/login') continue;
    post.parameters = [
      ...(post.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', maxLength: 255 },
        description:
          'A key of your own per record to create: the same key again (a retry, a double click) gets the first answer and creates nothing more; with another request, 422.',
      },
    ];
  }
  return spec;
}

/** Fastify's form of `TRUST_PROXY`: n hops become "trust the n nearest addresses". */
function trustedProxies(setting: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting;
}

type Operation = { security?: unknown[]; responses?: Record<string, unknown> };

/**
 * The API description states its security: every operation but the public ones needs the session cookie
 * and may answer 401 (not signed in, or the session ended), 403 (not allowed) and 429 (too many requests),
 * with the usual error body.
 */
function withSecurity<T>(spec: T, publicPaths: Set<string>): T {
  const paths = (spec as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  const error = {
    content: { 'application/json': { schema: z.toJSONSchema(errorResponse, { target: 'openapi-3.0' }) } },
  };
  for (const [path, operations] of Object.entries(paths)) {
    if (publicPaths.has(path)) continue;
    for (const operation of Object.values(operations)) {
      operation.security = [{ session: [] }];
      operation.responses = {
        ...operation.responses,
        401: { description: 'Not signed in, or the session has ended', ...error },
        403: { description: 'Not allowed for this user, or a change sent from another site', ...error },
        429: { description: 'Too many requests: wait and try again', ...error },
      };
    }
  }
  return spec;
}

/** Every feature's routes, in one list so that a reader sees the whole API surface. */
const features = [
  healthRoutes,
  setupRoutes,
  authRoutes,
  centreRoutes,
  userRoutes,
  auditRoutes,
  familyRoutes,
  caseRoutes,
  programmeRoutes,
  projectRoutes,
  contractRoutes,
  enrolmentRoutes,
  volunteerRoutes,
  mentoringRoutes,
  activityRoutes,
  planRoutes,
  assessmentRoutes,
  documentRoutes,
  dashboardRoutes,
  noticeRoutes,
  reportRoutes,
  subjectAccessRoutes,
  importRoutes,
  backupRoutes,
];

/** Logs never carry passwords, cookies or query strings (names are searched by query). */
export const loggerOptions = (
  level: string,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> => ({
  level,
  redact: [
    'req.headers.cookie',
    'req.headers.authorization',
    'res.headers["set-cookie"]',
    '*.password',
    '*.email',
  ],
  serializers: {
    req: (req: { method: string; url: string; ip?: string }) => ({
      method: req.method,
      path: req.url.split('?')[0],
    }),
  },
});

export async function buildApp(
  deps: AppDeps,
  options: { logger?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<App> {
  const logger = options.logger || options.logStream ? loggerOptions(deps.config.logLevel) : false;
  const serverOptions: FastifyServerOptions = {
    logger: logger && options.logStream ? { ...logger, stream: options.logStream } : logger,
    // The nearest n hops or the listed proxies only: never the client's own X-Forwarded-For entries.
    trustProxy: trustedProxies(deps.config.trustProxy),
    bodyLimit: 1_048_576,
    // A client that sends its request slowly (a byte a second) holds nothing for long.
    requestTimeout: 60_000,
  };
  const app = Fastify(serverOptions).withTypeProvider<ZodTypeProvider>() as App;
  app.decorate('deps', { ...deps, setupToken: deps.setupToken ?? randomBytes(32).toString('hex') });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  installErrorHandler(app);
  // API answers carry personal data: no browser or proxy keeps a copy of any of them.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
  await app.register(fastifyCookie);
  installRateLimit(app, deps.config.rateLimitPerMinute);
  installAccessControl(app);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Atbalsts API',
        version,
        description: 'JSON API of Atbalsts. Sign in at /api/auth/login.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'atbalsts_session' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => {
      if (!('openapiObject' in document)) return document.swaggerObject;
      const publicPaths = new Set(
        app.routeTable
          .filter((route) => route.config?.access === 'public' && !route.config.checksAccessItself)
          .map((route) => route.url.replace(/:(\w+)/g, '{$1}')),
      );
      return withSecurity(withIdempotencyKeys(document.openapiObject), publicPaths);
    },
  });
  await registerPublic(app, fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());

  for (const feature of features) await app.register(feature);
  await installWeb(app);
  return app;
}
