import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams } from '../../shared/contracts/common';
import { programme, programmeInput, programmeList } from '../../shared/contracts/projects';
import { listProgrammes, saveProgramme } from './programmes';

const tags = ['programmes'];
const manage = { anyPermission: ['catalogues.manage', 'projects.manage'] } as const;

export async function programmeRoutes(app: App): Promise<void> {
  app.get(
    '/api/programmes',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Programmes of the organisation', response: { 200: programmeList } },
    },
    (request) => asActor(request, async (ctx) => ({ programmes: await listProgrammes(ctx) })),
  );

  app.post(
    '/api/programmes',
    {
      config: { access: manage },
      schema: { tags, summary: 'Create a programme', body: programmeInput, response: { 201: programme } },
    },
    async (request, reply) =>
      reply.status(201).send(await asActor(request, (ctx) => saveProgramme(ctx, null, request.body))),
  );

  app.put(
    '/api/programmes/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Edit a programme',
        params: idParams,
        body: programmeInput,
        response: { 200: programme },
      },
    },
    (request) => asActor(request, (ctx) => saveProgramme(ctx, request.params.id, request.body)),
  );
}
