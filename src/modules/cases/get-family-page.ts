import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { latvianAsc } from '../../db/latvian-order';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { can } from '../../shared/access';
import { ageFromYearOn, ageOn } from '../../shared/age';
import type { FamilyPage } from '../../shared/contracts/registry';
import { toIsoDate } from '../../shared/i18n';
import { followUpStillOpen } from '../activities/follow-ups';
import { centres } from '../centres/tables';
import { lastContactOf } from '../families/glance';
import { families, familyMembers, persons } from '../families/tables';
import { users } from '../users/tables';
import { canFindCase, findCase } from './policy';
import { caseSummaryColumns, pendingCentres } from './presenter';
import { caseStatusChanges, cases, caseTeam, consents } from './tables';

const riskSetter = alias(users, 'risk_setter');
const changer = alias(users, 'changer');

/** Everything on the family page of one case. Opening it is an audited read of case content. */
export async function getFamilyPage(ctx: ActorCtx, caseId: string): Promise<FamilyPage> {
  const row = await findCase(ctx, caseId);
  await recordAudit(ctx, { action: 'case.read', entityType: 'case', entityId: caseId });
  const today = toIsoDate(ctx.now);

  const [summary] = await ctx.tx
    .select({
      ...caseSummaryColumns,
      riskSetByName: sql<string | null>`${riskSetter.givenName} || ' ' || ${riskSetter.familyName}`,
    })
    .from(cases)
    .innerJoin(families, eq(families.id, cases.familyId))
    .innerJoin(centres, eq(centres.id, cases.centreId))
    .innerJoin(users, eq(users.id, cases.keyWorkerId))
    .leftJoin(pendingCentres, eq(pendingCentres.id, cases.pendingCentreId))
    .leftJoin(riskSetter, eq(riskSetter.id, cases.riskSetBy))
    .where(eq(cases.id, caseId));

  const team = await ctx.tx
    .select({ userId: caseTeam.userId, name: sql<string>`${users.givenName} || ' ' || ${users.familyName}` })
    .from(caseTeam)
    .innerJoin(users, eq(users.id, caseTeam.userId))
    .where(eq(caseTeam.caseId, caseId))
    .orderBy(latvianAsc(users.familyName));

  const statusHistory = await ctx.tx
    .select({
      id: caseStatusChanges.id,
      fromStatus: caseStatusChanges.fromStatus,
      toStatus: caseStatusChanges.toStatus,
      changedOn: caseStatusChanges.changedOn,
      changedByName: sql<string | null>`${changer.givenName} || ' ' || ${changer.familyName}`,
      note: caseStatusChanges.note,
    })
    .from(caseStatusChanges)
    .leftJoin(changer, eq(changer.id, caseStatusChanges.changedBy))
    .where(eq(caseStatusChanges.caseId, caseId))
    .orderBy(asc(caseStatusChanges.changedAt), asc(caseStatusChanges.id));

  const consentRows = await ctx.tx
    .select({
      id: consents.id,
      purpose: consents.purpose,
      givenBy: consents.givenBy,
      givenOn: consents.givenOn,
      withdrawnOn: consents.withdrawnOn,
    })
    .from(consents)
    .where(eq(consents.caseId, caseId))
    .orderBy(asc(consents.givenOn));

  const memberRows = await ctx.tx
    .select({ member: familyMembers, person: persons })
    .from(familyMembers)
    .innerJoin(persons, eq(persons.id, familyMembers.personId))
    .where(eq(familyMembers.familyId, row.familyId))
    .orderBy(asc(familyMembers.leftOn), asc(persons.birthYear), asc(persons.sortKey));

  const otherCases = await ctx.tx
    .select(caseSummaryColumns)
    .from(cases)
    .innerJoin(families, eq(families.id, cases.familyId))
    .innerJoin(centres, eq(centres.id, cases.centreId))
    .innerJoin(users, eq(users.id, cases.keyWorkerId))
    .leftJoin(pendingCentres, eq(pendingCentres.id, cases.pendingCentreId))
    .where(and(eq(cases.familyId, row.familyId), ne(cases.id, caseId), canFindCase(ctx.actor)))
    .orderBy(asc(cases.openedOn));

  const [contact] = await queryRows<{ lastContact: string | null; nextFollowUp: string | null }>(
    ctx.tx,
    sql`select ${lastContactOf(sql`${row.familyId}::uuid`)} as "lastContact",
               (select min(a.follow_up_on)::text from activities a
                where a.case_id = ${caseId} and a.follow_up_on is not null and a.voided_at is null
                  and ${followUpStillOpen('a')}) as "nextFollowUp"`,
  );

  return {
    lastContact: contact?.lastContact ?? null,
    nextFollowUp: contact?.nextFollowUp ?? null,
    case: {
      ...summary!,
      closureReason: row.closureReason,
      version: row.version,
      outcomeNote: row.outcomeNote,
      riskSetOn: row.riskSetOn,
      legalBasis: row.legalBasis,
      referralSource: row.referralSource,
      referralInstitution: row.referralInstitution,
      referralContact: row.referralContact,
      pendingCentreId: row.pendingCentreId,
      team: team.map((m) => ({ ...m, keyWorker: m.userId === row.keyWorkerId })),
      statusHistory,
      consents: consentRows,
    },
    family: { id: row.familyId, name: summary!.familyName },
    members: memberRows.map(({ member, person }) => ({
      id: member.id,
      relation: member.relation,
      joinedOn: member.joinedOn,
      leftOn: member.leftOn,
      version: member.version,
      age: person.birthDate
        ? ageOn(person.birthDate, today)
        : person.birthYear
          ? ageFromYearOn(person.birthYear, today)
          : null,
      person: {
        id: person.id,
        givenName: person.givenName,
        familyName: person.familyName,
        birthDate: person.birthDate,
        birthYear: person.birthYear,
        sex: person.sex,
        personalCode: person.personalCode,
        phone: person.phone,
        email: person.email,
        municipality: person.municipality,
        town: person.town,
        street: person.street,
        preferredLanguage: person.preferredLanguage,
        disability: person.disability,
        disabilityNote: person.disabilityNote,
        notes: person.notes,
        version: person.version,
      },
    })),
    otherCases,
    abilities: {
      edit: can(ctx.actor, 'cases.write', row.centreId),
      supervise: can(ctx.actor, 'cases.supervise', row.centreId),
      decideTransfer: !!row.pendingCentreId && can(ctx.actor, 'cases.supervise', row.pendingCentreId),
    },
  };
}
