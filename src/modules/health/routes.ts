import type { App } from '../../platform/types';
import { version } from '../../platform/version';
import { healthResponse } from '../../shared/contracts/health';

export async function healthRoutes(app: App): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness and which database is in use; 503 while the database cannot be reached',
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (_request, reply) => {
      const database = app.deps.database.kind;
      try {
        await app.deps.database.query('SELECT 1');
        return { status: 'ok' as const, database, version };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database, version });
      }
    },
  );
}
