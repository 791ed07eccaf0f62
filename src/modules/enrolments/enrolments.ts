import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { EnrolmentList, endEnrolmentInput, enrolInput } from '../../shared/contracts/agreements';
import { toIsoDate } from '../../shared/i18n';
import { openableCentresOfFamily } from '../cases/policy';
import { findVisiblePerson } from '../families/policy';
import { familyMembers } from '../families/tables';
import { programmes } from '../programmes/tables';
import { enrolments } from './tables';

export async function familyOpenable(ctx: ActorCtx, familyId: string): Promise<boolean> {
  return (await openableCentresOfFamily(ctx.tx, ctx.actor, familyId)).length > 0;
}

/**
 * Enrols a family or a person in a programme from a date. The same subject cannot be
 * enrolled in the same programme twice over overlapping periods.
 */
export async function enrol(ctx: ActorCtx, input: z.output<typeof enrolInput>): Promise<void> {
  if (!!input.familyId === !!input.personId)
    throw invalid({ field: 'familyId', key: 'validation.enrolSubject' });
  if (input.familyId && !(await familyOpenable(ctx, input.familyId))) throw notFound();
  if (input.personId && !(await findVisiblePerson(ctx.tx, ctx.actor, input.personId, 'open')))
    throw notFound();
  const [programme] = await ctx.tx
    .select()
    .from(programmes)
    .where(
      and(eq(programmes.id, input.programmeId), eq(programmes.organisationId, ctx.actor.organisationId)),
    );
  if (!programme) throw invalid({ field: 'programmeId', key: 'validation.unknownProgramme' });
  if (input.startsOn > toIsoDate(ctx.now)) throw invalid({ field: 'startsOn', key: 'validation.dateFuture' });
  const subject: SQL = input.familyId
    ? eq(enrolments.familyId, input.familyId)
    : eq(enrolments.personId, input.personId!);
  const [overlap] = await ctx.tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.programmeId, input.programmeId),
        subject,
        or(isNull(enrolments.endsOn), sql`${enrolments.endsOn} >= ${input.startsOn}`),
      ),
    )
    .limit(1);
  if (overlap) throw invalid({ field: 'startsOn', key: 'validation.enrolmentOverlap' });
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(enrolments).values({
    id,
    organisationId: ctx.actor.organisationId,
    programmeId: input.programmeId,
    familyId: input.familyId ?? null,
    personId: input.personId ?? null,
    startsOn: input.startsOn,
    enrolledBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'enrolment.create',
    entityType: 'enrolment',
    entityId: id,
    details: { programmeId: input.programmeId },
  });
}

export async function endEnrolment(
  ctx: ActorCtx,
  id: string,
  input: z.output<typeof endEnrolmentInput>,
): Promise<void> {
  const [row] = await ctx.tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.id, id), eq(enrolments.organisationId, ctx.actor.organisationId)));
  if (!row) throw notFound();
  const visible = row.familyId
    ? await familyOpenable(ctx, row.familyId)
    : !!(await findVisiblePerson(ctx.tx, ctx.actor, row.personId!, 'open'));
  if (!visible) throw notFound();
  if (row.endsOn) throw new AppError('CONFLICT');
  if (input.endsOn < row.startsOn) throw invalid({ field: 'endsOn', key: 'validation.endBeforeStart' });
  await ctx.tx
    .update(enrolments)
    .set({ endsOn: input.endsOn, exitReason: input.exitReason })
    .where(eq(enrolments.id, id));
  await recordAudit(ctx, {
    action: 'enrolment.end',
    entityType: 'enrolment',
    entityId: id,
    details: { exitReason: input.exitReason },
  });
}

/** A family's enrolments and its members' (a family the caller may open); an audited read. */
export async function listEnrolments(ctx: ActorCtx, familyId: string): Promise<EnrolmentList> {
  if (!(await familyOpenable(ctx, familyId))) throw notFound();
  const members = await ctx.tx
    .select({ personId: familyMembers.personId })
    .from(familyMembers)
    .where(eq(familyMembers.familyId, familyId));
  const personIds = members.map((m) => m.personId);
  const rows = await ctx.tx
    .select({
      id: enrolments.id,
      programmeId: enrolments.programmeId,
      programmeName: programmes.nameLv,
      familyId: enrolments.familyId,
      personId: enrolments.personId,
      startsOn: enrolments.startsOn,
      endsOn: enrolments.endsOn,
      exitReason: enrolments.exitReason,
    })
    .from(enrolments)
    .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
    .where(
      or(
        eq(enrolments.familyId, familyId),
        personIds.length ? inArray(enrolments.personId, personIds) : undefined,
      ),
    )
    .orderBy(asc(enrolments.startsOn));
  await recordAudit(ctx, {
    action: 'family.read_enrolments',
    entityType: 'family',
    entityId: familyId,
    details: { shown: rows.map((r) => r.id) },
  });
  return { enrolments: rows };
}
