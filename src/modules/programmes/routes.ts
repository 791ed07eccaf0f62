import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { saveCatalogueRow } from '../../platform/catalogue';
import { type ActorCtx, asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams } from '../../shared/contracts/common';
import { type Programme, programme, programmeInput, programmeList } from '../../shared/contracts/projects';
import { latvianSortKey } from '../../shared/names';
import { programmes } from './tables';

const tags = ['programmes'];
const manage = { anyPermission: ['catalogues.manage', 'projects.manage'] } as const;

function present(row: typeof programmes.$inferSelect): Programme {
  return {
    id: row.id,
    nameLv: row.nameLv,
    nameEn: row.nameEn,
    descriptionLv: row.descriptionLv,
    descriptionEn: row.descriptionEn,
    active: row.active,
  };
}

/** Creates or edits a programme (a direction of work, e.g. "Piedzimstot bērniņam"). */
async function saveProgramme(
  ctx: ActorCtx,
  id: string | null,
  input: z.output<typeof programmeInput>,
): Promise<Programme> {
  const row = await saveCatalogueRow(ctx, programmes, id, input, {
    entityType: 'programme',
    unique: {
      index: 'programmes_name_unique',
      problem: { field: 'nameLv', key: 'validation.programmeNameTaken' },
    },
  });
  return present(row);
}

export async function programmeRoutes(app: App): Promise<void> {
  app.get(
    '/api/programmes',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Programmes of the organisation', response: { 200: programmeList } },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const rows = await ctx.tx
          .select()
          .from(programmes)
          .where(eq(programmes.organisationId, ctx.actor.organisationId));
        // A short catalogue: sorted here, in Latvian order, the same on both engines.
        rows.sort((a, b) => (latvianSortKey(a.nameLv) < latvianSortKey(b.nameLv) ? -1 : 1));
        return { programmes: rows.map(present) };
      }),
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
