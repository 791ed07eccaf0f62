import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { recordAudit } from './audit';
import type { ActorCtx } from './context';
import { AppError, type FieldProblem, isUniqueViolation, notFound } from './errors';
import { newId } from './ids';
import { requireVersion } from './versions';

/** A table of the organisation's own catalogue: programmes, volunteers, institutions. */
type CatalogueTable = PgTable & {
  id: PgColumn;
  organisationId: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
  version: PgColumn;
  updatedBy: PgColumn;
};

export interface CatalogueOptions {
  /** The audited entity type; the actions are `<type>.create` and `<type>.update`. */
  entityType: 'programme' | 'institution' | 'volunteer';
  /** A unique index on a name, and the field problem to answer when it is taken. */
  unique?: { index: string; problem: FieldProblem };
}

/**
 * Creates (`id` null) or edits a row of one of the organisation's catalogues, stamped with
 * the organisation and the time, and audits it in the same transaction. A row of another
 * organisation answers 404; a name already taken answers 409 with the field to change. An edit sent
 * with the `version` it was read at is refused (409, naming who saved since) when the row has moved on.
 */
export async function saveCatalogueRow<T extends CatalogueTable>(
  ctx: ActorCtx,
  table: T,
  id: string | null,
  { version: read, ...input }: Partial<T['$inferInsert']> & { version?: number },
  options: CatalogueOptions,
): Promise<T['$inferSelect']> {
  try {
    let next = 1;
    if (id !== null) {
      const [current] = (await ctx.tx
        .select()
        .from(table as PgTable)
        .where(and(eq(table.id, id), eq(table.organisationId, ctx.actor.organisationId)))
        .for('update')) as { version: number; updatedBy: string | null; updatedAt: Date }[];
      if (!current) throw notFound();
      await requireVersion(ctx, current, read);
      next = current.version + 1;
    }
    // Drizzle cannot check a spread of a generic table's input; the columns are the constraint above.
    const rows = (
      id === null
        ? await ctx.tx
            .insert(table)
            .values({
              id: newId(ctx.now.getTime()),
              organisationId: ctx.actor.organisationId,
              ...input,
              createdAt: ctx.now,
              updatedAt: ctx.now,
            } as T['$inferInsert'])
            .returning()
        : await ctx.tx
            .update(table)
            .set({
              ...input,
              updatedAt: ctx.now,
              version: next,
              updatedBy: ctx.actor.userId,
            } as PgUpdateSetSource<T>)
            .where(and(eq(table.id, id), eq(table.organisationId, ctx.actor.organisationId)))
            .returning()
    ) as T['$inferSelect'][];
    const row = rows[0];
    if (!row) throw notFound();
    await recordAudit(ctx, {
      action: `${options.entityType}.${id === null ? 'create' : 'update'}`,
      entityType: options.entityType,
      entityId: (row as { id: string }).id,
    });
    return row;
  } catch (error) {
    if (options.unique && isUniqueViolation(error, options.unique.index))
      throw new AppError('CONFLICT', { fields: [options.unique.problem] });
    throw error;
  }
}
