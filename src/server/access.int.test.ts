import { describe, expect, it } from 'vitest';
import { createTestApp, describeOnDatabases, json } from '../../test/helpers/app';
import { freshDatabase } from '../../test/helpers/databases';
import { FixedClock } from '../platform/clock';
import { readConfig } from '../platform/config';
import { buildApp } from './app';

describeOnDatabases('default deny', (t) => {
  it('answers 401 on every non-public API route when signed out, before looking at the request', async () => {
    const routes = t().app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && r.config?.access !== 'public',
    );
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const route of routes) {
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        const url = route.url.replace(/:(\w+)/g, '00000000-0000-7000-8000-000000000000');
        // A malformed body would give 400 if validation ran first.
        const response = await t().anonymous.request(
          method as 'POST',
          url,
          method === 'GET' ? undefined : { junk: true },
        );
        expect(response.statusCode, `${method} ${route.url}`).toBe(401);
        expect(json<{ error: { code: string } }>(response).error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('keeps only health, sign-in, the first-run setup and the API description public', () => {
    const publicApi = t()
      .app.routeTable.filter((r) => r.url.startsWith('/api') && r.config?.access === 'public')
      .map((r) => r.url)
      .filter((url) => !url.startsWith('/api/docs'));
    // The setup creates a user only while none exists, and only with the token the server printed. An
    // import's progress answers the session that started it while it runs, and signs in any other request.
    expect(new Set(publicApi)).toEqual(
      new Set(['/api/health', '/api/auth/login', '/api/openapi.json', '/api/setup', '/api/imports/jobs/:id']),
    );
  });

  it('answers 403 and audits the refusal when the permission is missing', async () => {
    const user = await t().user({ roles: [{ role: 'finance_officer' }] });
    const response = await user.caller.get('/api/audit');
    expect(response.statusCode).toBe(403);
    const rows = await t().database.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE action = 'access.denied' AND actor_user_id = $1`,
      [user.id],
    );
    expect(rows).toEqual([{ outcome: 'denied' }]);
  });

  it('answers unknown API paths with JSON 404 and sets security headers', async () => {
    const response = await t().anonymous.get('/api/no/such/thing');
    expect(response.statusCode).toBe(404);
    expect(json(response)).toEqual({ error: { code: 'NOT_FOUND', message: 'Nav atrasts.' } });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('reports health with the database in use', async () => {
    const health = json(await t().anonymous.get('/api/health'));
    expect(health).toEqual({ status: 'ok', database: t().kind, version: expect.any(String) });
  });

  it('describes the API as OpenAPI made from the contracts', async () => {
    const spec = json<{
      openapi: string;
      components: { securitySchemes: Record<string, { in: string; name: string }> };
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: unknown;
            parameters?: { name: string }[];
            security?: Record<string, unknown>[];
            responses: Record<string, unknown>;
          }
        >
      >;
    }>(await t().anonymous.get('/api/openapi.json'));
    // Its security: the session cookie on every operation but sign-in and health, with 401, 403 and 429.
    expect(spec.components.securitySchemes.session).toMatchObject({ in: 'cookie', name: 'atbalsts_session' });
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const open =
          path === '/api/health' ||
          path === '/api/auth/login' ||
          path === '/api/setup' ||
          path.startsWith('/api/docs');
        expect(operation.security, `${method} ${path}`).toEqual(open ? undefined : [{ session: [] }]);
        if (!open)
          expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(
            expect.arrayContaining(['401', '403', '429']),
          );
      }
    }
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths['/api/auth/login']?.post?.requestBody).toBeDefined();
    expect(Object.keys(spec.paths)).toContain('/api/users/{id}/roles');
    expect(spec.paths['/api/families']?.post?.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
    // Every kind of logged fact can be corrected and voided through the API (issue 13).
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'PATCH /api/activities/{id}',
        'PATCH /api/centre-activities/{id}',
        'PATCH /api/events/{id}',
        'PUT /api/events/{id}/attendance',
        'PATCH /api/group-sessions/{id}',
        'POST /api/activities/{id}/void',
        'PATCH /api/projects/{id}/expenditures/{expenditureId}',
        'POST /api/projects/{id}/expenditures/{expenditureId}/void',
        'PATCH /api/projects/{id}/volunteer-hours/{hoursId}',
        'POST /api/projects/{id}/volunteer-hours/{hoursId}/void',
        'PATCH /api/assessments/{id}',
        'POST /api/assessments/{id}/void',
        'PATCH /api/plans/{id}/reviews/{reviewId}',
        'POST /api/plans/{id}/reviews/{reviewId}/void',
        'PATCH /api/families/{id}/members/{memberId}',
      ]),
    );
    expect((await t().anonymous.get('/api/docs/')).statusCode).toBe(200);
  });

  it('keeps the audit log append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
    await t().user({ roles: [] });
    await expect(t().database.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t().database.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t().database.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const [row] = await t().database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(row!.n).toBeGreaterThan(0);
  });
});

describe('route declarations', () => {
  it('refuses to start when a route declares no access rule', async () => {
    const database = await freshDatabase('pglite');
    const app = await buildApp({ database, clock: new FixedClock(new Date()), config: readConfig({}) });
    app.get('/api/forgotten', async () => ({ secret: true }));
    await expect(app.ready()).rejects.toThrow(/GET \/api\/forgotten/);
    await app.close().catch(() => {});
    await database.close();
  });

  it('starts when every route declares one', async () => {
    const t = await createTestApp('pglite');
    expect(t.app.routeTable.every((r) => r.config?.access)).toBe(true);
    await t.app.close();
    await t.database.close();
  });
});
