import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx, Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { fieldChanges } from '../../platform/history';
import { formatDate } from '../../shared/i18n';
import { cases } from '../cases/tables';
import { centres } from '../centres/tables';
import { familyMembers, persons } from '../families/tables';
import { retentionRules } from './retention-rules';

/** The name an erased person is shown by, everywhere. */
export const erasedName = '—';

/**
 * Erasure (GDPR Art. 17), by the data protection officer: the person is anonymised in place. Her names,
 * personal code, contacts, address, free text about her and the field history of her record are removed;
 * the birth date becomes the year, and a family of hers whose members are all erased loses its name. Her
 * memberships, attendance and the rows that figures count stay, so
 * no published report or snapshot changes: she is counted, but nobody can tell who she was.
 *
 * Refused while a legal hold applies, with the reason: a case of one of her families that is not closed,
 * or one closed less recently than the organisation's retention rule for case files (its own, or the
 * server's CASE_RETENTION_YEARS, `defaultYears`).
 */
export async function erasePerson(
  ctx: ActorCtx,
  personId: string,
  reason: string,
  defaultYears: number,
): Promise<void> {
  const [person] = await ctx.tx
    .select({ id: persons.id, erasedAt: persons.erasedAt })
    .from(persons)
    .where(
      and(
        eq(persons.id, personId),
        eq(persons.organisationId, ctx.actor.organisationId),
        isNull(persons.mergedInto),
      ),
    )
    .for('update');
  if (!person) throw notFound();
  if (person.erasedAt) throw new AppError('ALREADY_ERASED');

  const held = await ctx.tx
    .select({ status: cases.status, closedOn: cases.closedOn, centre: centres.name })
    .from(cases)
    .innerJoin(centres, eq(centres.id, cases.centreId))
    .innerJoin(familyMembers, eq(familyMembers.familyId, cases.familyId))
    .where(eq(familyMembers.personId, personId));
  const retentionYears = (await retentionRules(ctx, ctx.actor.organisationId, defaultYears)).caseYears;
  const today = ctx.now.toISOString().slice(0, 10);
  const holdUntil = (closedOn: string) =>
    `${Number(closedOn.slice(0, 4)) + retentionYears}${closedOn.slice(4)}`;
  const open = held.find((c) => c.status !== 'closed' || !c.closedOn);
  if (open) throw new AppError('ERASURE_HELD_OPEN_CASE', { params: { centre: open.centre } });
  const retained = held.find((c) => c.closedOn && holdUntil(c.closedOn) > today);
  if (retained?.closedOn)
    throw new AppError('ERASURE_HELD_RETENTION', {
      params: { centre: retained.centre, until: formatDate(holdUntil(retained.closedOn)) },
    });

  await anonymisePerson(ctx, personId, { by: ctx.actor.userId, reason });
  await recordAudit(ctx, {
    action: 'subject_access.erase',
    entityType: 'person',
    entityId: personId,
    reason,
  });
}

/**
 * Anonymises a person in place, as erasure and retention both do: names, personal code, contacts, address
 * and free text cleared, the birth date reduced to its year, the field history of her record deleted, a
 * family whose members are all erased left without a name, and no record left pointing at her as a
 * duplicate. `by`: who erased her (null: the retention run).
 */
export async function anonymisePerson(
  ctx: Ctx,
  personId: string,
  mark: { by: string | null; reason: string },
): Promise<void> {
  await ctx.tx
    .update(persons)
    .set({
      givenName: erasedName,
      familyName: erasedName,
      personalCode: null,
      birthDate: null,
      birthYear: sql`coalesce(${persons.birthYear}, extract(year FROM ${persons.birthDate})::int)`,
      phone: '',
      email: '',
      town: '',
      street: '',
      disabilityNote: '',
      notes: '',
      searchName: '',
      sortKey: '',
      erasedAt: ctx.now,
      erasedBy: mark.by,
      erasureReason: mark.reason,
      updatedAt: ctx.now,
      updatedBy: mark.by,
    })
    .where(eq(persons.id, personId));
  // The history of her record held her old values.
  await ctx.tx
    .delete(fieldChanges)
    .where(and(eq(fieldChanges.entityType, 'person'), eq(fieldChanges.entityId, personId)));
  // A family named after her alone (every member erased) loses the name too; one with others keeps it,
  // as their surname is theirs.
  await ctx.tx.execute(sql`
    UPDATE families f SET name = ${erasedName}, updated_at = ${ctx.now}
    WHERE f.id IN (SELECT family_id FROM family_members WHERE person_id = ${personId})
      AND NOT EXISTS (SELECT 1 FROM family_members m JOIN persons p ON p.id = m.person_id
                      WHERE m.family_id = f.id AND p.erased_at IS NULL)`);
  // A record that pointed at her as a duplicate no longer needs to.
  await ctx.tx.update(persons).set({ duplicateOf: null }).where(eq(persons.duplicateOf, personId));
}
