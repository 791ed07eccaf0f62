import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { dashboard } from '../../shared/contracts/dashboard';
import { getDashboard } from './dashboard';

export async function dashboardRoutes(app: App): Promise<void> {
  app.get(
    '/api/dashboard',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['dashboard'],
        summary: 'Follow-ups and plan reviews due (specialists); the centre’s week (managers)',
        response: { 200: dashboard },
      },
    },
    (request) => asActor(request, (ctx) => getDashboard(ctx)),
  );
}
