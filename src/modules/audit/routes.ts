import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { auditPage, auditQuery } from '../../shared/contracts/audit';
import { browseAudit } from './queries';

export async function auditRoutes(app: App): Promise<void> {
  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit log',
        querystring: auditQuery,
        response: { 200: auditPage },
      },
    },
    (request) => asActor(request, (ctx) => browseAudit(ctx, request.query)),
  );
}
