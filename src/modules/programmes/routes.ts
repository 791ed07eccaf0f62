import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../server/audit';
import { type ActorCtx, asActor } from '../../server/context';
import { AppError, isUniqueViolation, notFound } from '../../server/errors';
import { newId } from '../../server/ids';
import type { App } from '../../server/types';
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

const nameTaken = () =>
  new AppError('CONFLICT', { fields: [{ field: 'nameLv', key: 'validation.programmeNameTaken' }] });

/** Creates or edits a programme (a direction of work, e.g. "Piedzimstot bērniņam"). */
async function saveProgramme(
  ctx: ActorCtx,
  id: string | null,
  input: z.output<typeof programmeInput>,
): Promise<Programme> {
  try {
    if (id === null) {
      const [row] = await ctx.tx
        .insert(programmes)
        .values({
          id: newId(ctx.now.getTime()),
          organisationId: ctx.actor.organisationId,
          ...input,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      await recordAudit(ctx, { action: 'programme.create', entityType: 'programme', entityId: row!.id });
      return present(row!);
    }
    const [row] = await ctx.tx
      .update(programmes)
      .set({ ...input, updatedAt: ctx.now })
      .where(and(eq(programmes.id, id), eq(programmes.organisationId, ctx.actor.organisationId)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(ctx, { action: 'programme.update', entityType: 'programme', entityId: id });
    return present(row);
  } catch (error) {
    if (isUniqueViolation(error, 'programmes_name_unique')) throw nameTaken();
    throw error;
  }
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
