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
        summary: 'Liveness and which database is in use',
        response: { 200: healthResponse },
      },
    },
    async () => {
      await app.deps.database.query('SELECT 1');
      return { status: 'ok' as const, database: app.deps.database.kind, version };
    },
  );
}
