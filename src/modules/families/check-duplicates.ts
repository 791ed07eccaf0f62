import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import type { DuplicateCheckResult } from '../../shared/contracts/registry';
import { foldForSearch } from '../../shared/names';
import { parsePersonalCode } from '../../shared/personal-code';
import { personVisible, unsafeCentresOfPerson } from './policy';
import { persons } from './tables';

export interface DuplicateQuery {
  givenName: string;
  familyName: string;
  birthDate: string | null;
  personalCode: string | null;
}

/**
 * What the registry already holds for a person about to be registered:
 * - the same personal code in the caller's scope: that record, to use instead;
 * - the same code only outside it: the centres to ask, nothing else (audited);
 * - the same birth date with the same family name or a very similar name (trigram
 *   similarity of the folded names): in-scope candidates, as a warning.
 */
export async function checkDuplicates(ctx: ActorCtx, query: DuplicateQuery): Promise<DuplicateCheckResult> {
  const result: DuplicateCheckResult = { existing: null, existsElsewhere: null, similar: [] };
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
      })
      .from(persons)
      .where(and(org, live, eq(persons.personalCode, parsed.code)));
    if (sameCode?.visible) {
      const { visible: _, ...person } = sameCode;
      result.existing = person;
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
