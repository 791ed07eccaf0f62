import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import type { DuplicateCheckResult } from '../../shared/contracts/registry';
import { foldForSearch } from '../../shared/names';
import { parsePersonalCode } from '../../shared/personal-code';
import { cases } from '../cases/tables';
import { notify } from '../notices/notices';
import { inRestrictedCase, personVisible, unsafeCentresOfPerson } from './policy';
import { familyMembers, persons } from './tables';

export interface DuplicateQuery {
  givenName: string;
  familyName: string;
  birthDate: string | null;
  personalCode: string | null;
}

/** What the check found, with what only the server may know: a protected person with the same code. */
export interface DuplicateFindings extends DuplicateCheckResult {
  /**
   * A person in a restricted case, outside the caller's scope, with the same personal code. The caller
   * learns nothing of her: the new record is stored with `duplicate_of` pointing at her, and the managers
   * of her restricted case are notified to resolve it (`flagProtectedDuplicate`).
   */
  protectedPersonId: string | null;
}

/**
 * What the registry already holds for a person about to be registered:
 * - the same personal code in the caller's scope: that record, to use instead;
 * - the same code only outside it: the centres to ask, nothing else (audited), unless she is in a
 *   restricted case: then nothing at all;
 * - the same birth date with the same family name or a very similar name (trigram
 *   similarity of the folded names): in-scope candidates, as a warning.
 *
 * Checks of one organisation run one at a time until their transaction ends, so two people
 * registering the same person at the same moment meet the warning as they would one after
 * the other (registrations come at human pace; the wait is a few milliseconds).
 */
export async function checkDuplicates(ctx: ActorCtx, query: DuplicateQuery): Promise<DuplicateFindings> {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`persons:${ctx.actor.organisationId}`}))`);
  const result: DuplicateFindings = {
    existing: null,
    existsElsewhere: null,
    similar: [],
    protectedPersonId: null,
  };
  const org = eq(persons.organisationId, ctx.actor.organisationId);
  const live = isNull(persons.mergedInto);
  const parsed = query.personalCode ? parsePersonalCode(query.personalCode) : null;
  if (parsed?.ok) {
    const [sameCode] = await ctx.tx
      .select({
        id: persons.id,
        givenName: persons.givenName,
        familyName: persons.familyName,
        birthDate: persons.birthDate,
        visible: personVisible(ctx.actor, 'find').mapWith(Boolean),
        restricted: inRestrictedCase.mapWith(Boolean),
      })
      .from(persons)
      .where(and(org, live, eq(persons.personalCode, parsed.code)));
    if (sameCode?.visible) {
      const { visible: _, restricted: __, ...person } = sameCode;
      result.existing = person;
    } else if (sameCode?.restricted) {
      result.protectedPersonId = sameCode.id;
    } else if (sameCode) {
      result.existsElsewhere = { centreNames: await unsafeCentresOfPerson(ctx.tx, sameCode.id) };
      await recordAudit(
        ctx,
        {
          action: 'person.duplicate_elsewhere',
          entityType: 'person',
          entityId: sameCode.id,
          reason: 'personal code entered at registration exists outside the caller’s scope',
        },
        { evenIfRolledBack: true },
      );
    }
  }
  const birthDate = query.birthDate ?? (parsed?.ok ? parsed.birthDate : null);
  if (birthDate && query.familyName) {
    const folded = foldForSearch(`${query.givenName} ${query.familyName} ${query.givenName}`);
    result.similar = await ctx.tx
      .select({
        id: persons.id,
        givenName: persons.givenName,
        familyName: persons.familyName,
        birthDate: persons.birthDate,
      })
      .from(persons)
      .where(
        and(
          org,
          live,
          eq(persons.birthDate, birthDate),
          result.existing ? ne(persons.id, result.existing.id) : undefined,
          or(
            sql`lower(${persons.familyName}) = lower(${query.familyName})`,
            sql`similarity(${persons.searchName}, ${folded}) > 0.4`,
          ),
          personVisible(ctx.actor, 'find'),
        ),
      )
      .limit(10);
  }
  return result;
}

/**
 * After a person was registered with the personal code of a protected person: the managers of each
 * restricted case she is in are told (on their home page) who registered whom at which centre, and
 * decide with that centre what to do (the same person, to merge once both records are theirs, or a
 * mistyped code to correct). Audited; the registrar sees an ordinary registration.
 */
export async function flagProtectedDuplicate(
  ctx: ActorCtx,
  protectedPersonId: string,
  newPersonId: string,
  atCentreId: string,
): Promise<void> {
  const restrictedCases = await ctx.tx
    .selectDistinct({ caseId: cases.id, centreId: cases.centreId })
    .from(familyMembers)
    .innerJoin(cases, eq(cases.familyId, familyMembers.familyId))
    .where(and(eq(familyMembers.personId, protectedPersonId), cases.restricted));
  for (const row of restrictedCases) {
    await notify(ctx, ctx.actor.organisationId, {
      kind: 'restricted_person_registered',
      to: { centreId: row.centreId },
      details: { caseId: row.caseId, centreId: atCentreId, newPersonId },
    });
  }
  await recordAudit(ctx, {
    action: 'person.protected_duplicate',
    entityType: 'person',
    entityId: newPersonId,
    details: { duplicateOf: protectedPersonId, cases: restrictedCases.map((r) => r.caseId) },
  });
}
