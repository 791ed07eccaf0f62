import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, isUniqueViolation } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Centre, centreInput } from '../../shared/contracts/centres';
import { findCentreInScope, presentCentre } from './policy';
import { centres } from './tables';

type CentreFields = z.output<typeof centreInput>;

const nameTaken = () =>
  new AppError('CENTRE_NAME_TAKEN', { fields: [{ field: 'name', key: 'error.CENTRE_NAME_TAKEN' }] });

async function guardName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'centres_name_unique')) throw nameTaken();
    throw error;
  }
}

export async function createCentre(ctx: ActorCtx, input: CentreFields): Promise<Centre> {
  const id = newId(ctx.now.getTime());
  const [row] = await guardName(() =>
    ctx.tx
      .insert(centres)
      .values({
        id,
        organisationId: ctx.actor.organisationId,
        ...input,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning(),
  );
  await recordAudit(ctx, {
    action: 'centre.create',
    entityType: 'centre',
    entityId: id,
    details: { name: input.name },
  });
  return presentCentre(row!);
}

/** Edits a centre. Centres are never deleted: one that closes is marked inactive, its records stay. */
export async function updateCentre(ctx: ActorCtx, id: string, input: CentreFields): Promise<Centre> {
  const before = await findCentreInScope(ctx.tx, ctx.actor, id);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'municipality', 'address', 'active'] as const) {
    if (before[key] !== input[key]) changes[key] = { from: before[key], to: input[key] };
  }
  if (Object.keys(changes).length === 0) return presentCentre(before);
  const [row] = await guardName(() =>
    ctx.tx
      .update(centres)
      .set({ ...input, updatedAt: ctx.now })
      .where(eq(centres.id, id))
      .returning(),
  );
  await recordAudit(ctx, {
    action: 'centre.update',
    entityType: 'centre',
    entityId: id,
    details: { changes },
  });
  return presentCentre(row!);
}
