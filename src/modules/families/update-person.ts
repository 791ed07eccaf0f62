import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, isUniqueViolation } from '../../platform/errors';
import { recordFieldChanges } from '../../platform/history';
import { requireVersion } from '../../platform/versions';
import { type PersonFields, personFieldNames, type personUpdate } from '../../shared/contracts/registry';
import { checkPerson } from './person-rules';
import { findPerson } from './policy';
import { persons } from './tables';

/** Edits a person the caller works with (member of a family of a case they may open). */
export async function updatePerson(
  ctx: ActorCtx,
  personId: string,
  sent: z.output<typeof personUpdate>,
): Promise<void> {
  const { version, ...input } = sent;
  const person = await findPerson(ctx, personId, 'write');
  await requireVersion(ctx, person, version);
  const current = Object.fromEntries(personFieldNames.map((name) => [name, person[name]])) as PersonFields;
  const { searchName, sortKey, ...fields } = checkPerson({ ...current, ...stripUndefined(input) }, ctx.now);
  const changed = await recordFieldChanges(ctx, 'person', personId, current, fields);
  if (changed.length === 0) return;
  try {
    await ctx.tx
      .update(persons)
      .set({
        ...fields,
        searchName,
        sortKey,
        updatedAt: ctx.now,
        version: person.version + 1,
        updatedBy: ctx.actor.userId,
      })
      .where(eq(persons.id, personId));
  } catch (error) {
    if (isUniqueViolation(error, 'persons_personal_code_unique')) {
      throw new AppError('PERSON_EXISTS', {
        fields: [{ field: 'personalCode', key: 'error.PERSON_EXISTS' }],
      });
    }
    throw error;
  }
  await recordAudit(ctx, {
    action: 'person.update',
    entityType: 'person',
    entityId: personId,
    details: { fields: changed },
  });
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
