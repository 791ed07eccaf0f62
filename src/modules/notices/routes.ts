import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams, okResponse } from '../../shared/contracts/common';
import { noticeList } from '../../shared/contracts/notices';
import { acknowledgeNotice, listNotices } from './notices';

const tags = ['notices'];

export async function noticeRoutes(app: App): Promise<void> {
  app.get(
    '/api/notices',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Notices waiting for the caller to acknowledge',
        response: { 200: noticeList },
      },
    },
    (request) => asActor(request, async (ctx) => ({ notices: await listNotices(ctx) })),
  );

  app.post(
    '/api/notices/:id/acknowledge',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Acknowledge a notice', params: idParams, response: { 200: okResponse } },
    },
    (request) =>
      asActor(request, async (ctx) => {
        await acknowledgeNotice(ctx, request.params.id);
        return { ok: true as const };
      }),
  );
}
