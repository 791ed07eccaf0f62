import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { saveCatalogueRow } from '../../platform/catalogue';
import type { ActorCtx } from '../../platform/context';
import type { Programme, programmeInput } from '../../shared/contracts/projects';
import { latvianSortKey } from '../../shared/names';
import { programmes } from './tables';

export function present(row: typeof programmes.$inferSelect): Programme {
  return {
    id: row.id,
    nameLv: row.nameLv,
    nameEn: row.nameEn,
    descriptionLv: row.descriptionLv,
    descriptionEn: row.descriptionEn,
    active: row.active,
    version: row.version,
  };
}

/** Creates or edits a programme (a direction of work, e.g. "Piedzimstot bērniņam"). */
export async function saveProgramme(
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

/** The organisation's programmes in Latvian order (a short catalogue, sorted here: the same on both engines). */
export async function listProgrammes(ctx: ActorCtx): Promise<Programme[]> {
  const rows = await ctx.tx
    .select()
    .from(programmes)
    .where(eq(programmes.organisationId, ctx.actor.organisationId));
  rows.sort((a, b) => (latvianSortKey(a.nameLv) < latvianSortKey(b.nameLv) ? -1 : 1));
  return rows.map(present);
}
