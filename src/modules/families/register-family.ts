import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, type FieldProblem, invalid, isUniqueViolation } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { can } from '../../shared/access';
import type { registerFamilyInput } from '../../shared/contracts/registry';
import { familyNameFromSurname } from '../../shared/names';
import { openCase } from '../cases/open-case';
import { centres } from '../centres/tables';
import { checkDuplicates, flagProtectedDuplicate } from './check-duplicates';
import { type CheckedPerson, checkPerson } from './person-rules';
import { personToLink } from './policy';
import { families, familyMembers, persons } from './tables';

type Input = z.output<typeof registerFamilyInput>;

/**
 * When no date is given, the members of a newly registered family are its members from birth (from the
 * first day of the birth year when only the year is known, and always when neither is): an activity dated
 * before the referral still reaches the family's children. A later joining date is the user's to say.
 */
/** The joining date of a member whose birth is unknown: a member for as long as records go back. */
export const alwaysMember = '1900-01-01';
export const sinceBirth = (birthDate: string | null | undefined, birthYear: number | null | undefined) =>
  birthDate ?? (birthYear ? `${birthYear}-01-01` : alwaysMember);

async function memberSinceBirth(ctx: ActorCtx, personId: string): Promise<string> {
  const [row] = await ctx.tx
    .select({ birthDate: persons.birthDate, birthYear: persons.birthYear })
    .from(persons)
    .where(eq(persons.id, personId));
  return sinceBirth(row?.birthDate, row?.birthYear);
}

/**
 * Registers a family in one step: its members (new people, or people already in the
 * caller's scope), and a case at a centre with its referral. All or nothing.
 */
export async function registerFamily(
  ctx: ActorCtx,
  input: Input,
): Promise<{ familyId: string; caseId: string }> {
  const [centre] = await ctx.tx
    .select()
    .from(centres)
    .where(and(eq(centres.id, input.case.centreId), eq(centres.organisationId, ctx.actor.organisationId)));
  if (!centre) throw invalid({ field: 'case.centreId', key: 'validation.unknownCentre' });
  if (!can(ctx.actor, 'cases.write', centre.id)) throw new AppError('FORBIDDEN');

  // Check every member before writing anything.
  const problems: FieldProblem[] = [];
  const members: {
    personId?: string;
    person?: CheckedPerson;
    protectedPersonId?: string | null;
    relation: Input['members'][number]['relation'];
    joinedOn: string;
  }[] = [];
  const seenIds = new Set<string>();
  const seenCodes = new Set<string>();
  for (const [index, member] of input.members.entries()) {
    const field = `members.${index}`;
    if (member.personId) {
      if (seenIds.has(member.personId)) problems.push({ field, key: 'validation.memberTwice' });
      seenIds.add(member.personId);
      try {
        await personToLink(ctx, member.personId, `${field}.personId`);
      } catch (error) {
        if (!(error instanceof AppError) || !error.fields) throw error;
        if (error.code !== 'VALIDATION') throw error;
        problems.push(...error.fields);
      }
      const joinedOn = member.joinedOn ?? (await memberSinceBirth(ctx, member.personId));
      members.push({ personId: member.personId, relation: member.relation, joinedOn });
    } else if (member.person) {
      try {
        const person = checkPerson(member.person, ctx.now, `${field}.person.`);
        if (person.personalCode) {
          if (seenCodes.has(person.personalCode)) problems.push({ field, key: 'validation.memberTwice' });
          seenCodes.add(person.personalCode);
        }
        const joinedOn = member.joinedOn ?? sinceBirth(person.birthDate, person.birthYear);
        members.push({ person, relation: member.relation, joinedOn });
      } catch (error) {
        if (error instanceof AppError && error.fields) problems.push(...error.fields);
        else throw error;
      }
    } else {
      problems.push({ field, key: 'validation.memberPerson' });
    }
  }
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });

  // Existing records first: the same personal code, then similar people.
  for (const [index, member] of members.entries()) {
    if (!member.person) continue;
    const found = await checkDuplicates(ctx, member.person);
    if (found.existing) {
      throw new AppError('PERSON_EXISTS', {
        fields: [{ field: `members.${index}.person.personalCode`, key: 'error.PERSON_EXISTS' }],
      });
    }
    if (found.existsElsewhere) {
      const params = { centres: found.existsElsewhere.centreNames.join(', ') };
      throw new AppError('PERSON_EXISTS_ELSEWHERE', {
        params,
        fields: [
          { field: `members.${index}.person.personalCode`, key: 'error.PERSON_EXISTS_ELSEWHERE', params },
        ],
      });
    }
    if (found.similar.length > 0 && !input.confirmSimilar) throw new AppError('SIMILAR_PERSONS');
    member.protectedPersonId = found.protectedPersonId;
  }

  const now = ctx.now;
  const familyId = newId(now.getTime());
  const firstName = members[0]?.person?.familyName ?? (await firstFamilyName(ctx, members[0]?.personId));
  // Named in Latvian by the plural genitive of the surname ("Kalniņu ģimene"); the user may name it otherwise.
  const name = input.name || familyNameFromSurname(firstName);
  await ctx.tx
    .insert(families)
    .values({ id: familyId, organisationId: ctx.actor.organisationId, name, createdAt: now, updatedAt: now });

  for (const member of members) {
    let personId = member.personId;
    if (member.person) {
      const row = newPersonRow(ctx, member.person, member.protectedPersonId ?? null);
      personId = row.id;
      try {
        await ctx.tx.insert(persons).values(row);
      } catch (error) {
        if (isUniqueViolation(error, 'persons_personal_code_unique')) throw new AppError('PERSON_EXISTS');
        throw error;
      }
      await recordAudit(ctx, { action: 'person.create', entityType: 'person', entityId: personId });
      if (member.protectedPersonId)
        await flagProtectedDuplicate(ctx, member.protectedPersonId, personId, input.case.centreId);
    }
    await ctx.tx.insert(familyMembers).values({
      id: newId(now.getTime()),
      organisationId: ctx.actor.organisationId,
      familyId,
      personId: personId!,
      relation: member.relation,
      joinedOn: member.joinedOn,
    });
  }
  await recordAudit(ctx, {
    action: 'family.register',
    entityType: 'family',
    entityId: familyId,
    details: { members: members.length },
  });
  const caseId = await openCase(ctx, familyId, input.case);
  return { familyId, caseId };
}

/** A new person's row: checked fields, stamped with the organisation and the time. */
export function newPersonRow(ctx: ActorCtx, person: CheckedPerson, duplicateOf: string | null) {
  return {
    id: newId(ctx.now.getTime()),
    organisationId: ctx.actor.organisationId,
    ...person,
    mergedInto: null,
    duplicateOf,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

async function firstFamilyName(ctx: ActorCtx, personId: string | undefined): Promise<string> {
  if (!personId) return '';
  const [row] = await ctx.tx
    .select({ familyName: persons.familyName })
    .from(persons)
    .where(inArray(persons.id, [personId]));
  return row?.familyName ?? '';
}
