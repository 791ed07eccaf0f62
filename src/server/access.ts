import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyPluginCallback,
  FastifyPluginOptions,
  FastifyRequest,
  RouteOptions,
} from 'fastify';
import { requireAccess } from '../modules/auth/authenticate';
import type { Actor } from '../platform/context';
import { AppError } from '../platform/errors';
import type { AccessRule } from '../shared/access';
import { languageFromHeader } from '../shared/i18n';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. Every route must say; the server will not start otherwise. */
    access?: AccessRule;
    /**
     * Public at the gate, but the handler itself signs in every request it does not answer otherwise
     * (`requireAccess`): described in the API as needing the session.
     */
    checksAccessItself?: boolean;
    /** Reachable while the user still has to replace a one-time password or set up two-step sign-in. */
    allowDuringAccountSetup?: boolean;
  }
  interface FastifyInstance {
    /** Every route with its declared access rule, for tests and the API description. */
    routeTable: RouteOptions[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    language: 'lv' | 'en';
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery: a browser names the page that sent a request in
 * `Origin` (or at least `Sec-Fetch-Site`); a change must come from our own pages.
 * Clients that send neither (scripts, the CLI's tests) are not browsers and carry no
 * ambient cookie risk.
 */
function isCrossSite(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin) return origin !== `${request.protocol}://${request.host}`;
  const site = request.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/**
 * Default deny. Every route declares `config.access`; a route without it stops the
 * server from starting. The check runs in `onRequest`, before the body is read or
 * validated, so a stranger learns nothing about a route's schema.
 */
export function installAccessControl(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('language', 'lv');

  const routes: RouteOptions[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const undeclared = routes.filter((route) => !route.config?.access).map((r) => `${r.method} ${r.url}`);
    if (undeclared.length > 0) {
      throw new Error(`Routes without an access rule (declare config.access): ${undeclared.join(', ')}`);
    }
  });

  app.addHook('onRequest', async (request) => {
    request.language = languageFromHeader(request.headers['accept-language']);
    const rule = request.routeOptions.config?.access;
    if (!rule) return; // unknown URL: the not-found handler answers
    if (request.url.startsWith('/api/') && unsafeMethods.has(request.method) && isCrossSite(request)) {
      throw new AppError('CROSS_SITE_REQUEST');
    }
    if (rule === 'public') return;
    await requireAccess(request, rule);
  });
}

/**
 * Registers a third-party plugin whose routes are all public (static files, the API
 * browser): its routes get `access: 'public'` stamped on, visibly, here.
 */
export async function registerPublic<O extends FastifyPluginOptions>(
  app: FastifyInstance,
  plugin: FastifyPluginCallback<O> | FastifyPluginAsync<O>,
  options: O,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await scope.register(plugin, options);
  });
}
