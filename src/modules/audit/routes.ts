import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { auditPage, auditQuery, auditVerification } from '../../shared/contracts/audit';
import { browseAudit } from './queries';
import { verifyOrganisationTrail } from './verify';

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

  app.get(
    '/api/audit/verification',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary:
          "Check the organisation's audit chain end to end: intact, or the first entry where it breaks",
        response: { 200: auditVerification },
      },
    },
    (request) => asActor(request, (ctx) => verifyOrganisationTrail(ctx)),
  );
}
