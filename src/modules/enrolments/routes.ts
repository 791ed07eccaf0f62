import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import { type ActorCtx, asActor } from '../../platform/context';
import { AppError, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { App } from '../../platform/types';
import {
  endEnrolmentInput,
  enrolInput,
  enrolmentList,
  enrolmentParams,
} from '../../shared/contracts/agreements';
import { idParams, okResponse } from '../../shared/contracts/common';
import { toIsoDate } from '../../shared/i18n';
import { openableCentresOfFamily } from '../cases/policy';
import { findVisiblePerson } from '../families/policy';
import { familyMembers } from '../families/tables';
import { programmes } from '../programmes/tables';
import { enrolments } from './tables';

const tags = ['enrolments'];

async function familyOpenable(ctx: ActorCtx, familyId: string): Promise<boolean> {
  return (await openableCentresOfFamily(ctx.tx, ctx.actor, familyId)).length > 0;
}

/**
 * Enrols a family or a person in a programme from a date. The same subject cannot be
 * enrolled in the same programme twice over overlapping periods.
 */
async function enrol(ctx: ActorCtx, input: z.output<typeof enrolInput>): Promise<void> {
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

async function endEnrolment(
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

export async function enrolmentRoutes(app: App): Promise<void> {
  app.post(
    '/api/enrolments',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Enrol a family or a person in a programme',
        body: enrolInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => enrol(ctx, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/enrolments/:id/end',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'End an enrolment with an exit reason',
        params: enrolmentParams,
        body: endEnrolmentInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => endEnrolment(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/families/:id/enrolments',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'Programme enrolments of a family and its members',
        params: idParams,
        response: { 200: enrolmentList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        if (!(await familyOpenable(ctx, request.params.id))) throw notFound();
        const members = await ctx.tx
          .select({ personId: familyMembers.personId })
          .from(familyMembers)
          .where(eq(familyMembers.familyId, request.params.id));
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
              eq(enrolments.familyId, request.params.id),
              personIds.length ? inArray(enrolments.personId, personIds) : undefined,
            ),
          )
          .orderBy(asc(enrolments.startsOn));
        await recordAudit(ctx, {
          action: 'family.read_enrolments',
          entityType: 'family',
          entityId: request.params.id,
          details: { shown: rows.map((r) => r.id) },
        });
        return { enrolments: rows };
      }),
  );
}
