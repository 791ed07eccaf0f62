import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { centre, centreInput, centreList } from '../../shared/contracts/centres';
import { idParams } from '../../shared/contracts/common';
import { listCentres, presentCentre } from './policy';
import { createCentre, updateCentre } from './save-centre';

const tags = ['centres'];
const manage = { permission: 'centres.manage' } as const;

export async function centreRoutes(app: App): Promise<void> {
  app.get(
    '/api/centres',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: "The organisation's centres", response: { 200: centreList } },
    },
    (request) =>
      asActor(request, async (ctx) => ({
        centres: (await listCentres(ctx.tx, ctx.actor)).map(presentCentre),
      })),
  );

  app.post(
    '/api/centres',
    {
      config: { access: manage },
      schema: { tags, summary: 'Create a centre', body: centreInput, response: { 201: centre } },
    },
    async (request, reply) =>
      reply.status(201).send(await asActor(request, (ctx) => createCentre(ctx, request.body))),
  );

  app.put(
    '/api/centres/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Edit a centre',
        params: idParams,
        body: centreInput,
        response: { 200: centre },
      },
    },
    (request) => asActor(request, (ctx) => updateCentre(ctx, request.params.id, request.body)),
  );
}
