import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { recordAudit } from './audit';
import type { ActorCtx } from './context';
import { AppError, type FieldProblem, isUniqueViolation, notFound } from './errors';
import { newId } from './ids';

/** A table of the organisation's own catalogue: programmes, volunteers, institutions. */
type CatalogueTable = PgTable & {
  id: PgColumn;
  organisationId: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
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
 * organisation answers 404; a name already taken answers 409 with the field to change.
 */
export async function saveCatalogueRow<T extends CatalogueTable>(
  ctx: ActorCtx,
  table: T,
  id: string | null,
  input: Partial<T['$inferInsert']>,
  options: CatalogueOptions,
): Promise<T['$inferSelect']> {
  try {
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
            .set({ ...input, updatedAt: ctx.now } as PgUpdateSetSource<T>)
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
