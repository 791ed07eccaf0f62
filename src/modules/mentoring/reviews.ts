import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { recordVoid, requireCorrectable, voided, voidedByName, voidMarkOf } from '../../platform/corrections';
import { AppError, type FieldProblem, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { centresWith } from '../../shared/access';
import type { voidInput } from '../../shared/contracts/common';
import type {
  ReviewView,
  reviewInput,
  SupervisionView,
  supervisionInput,
} from '../../shared/contracts/mentoring';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { findMatch } from './policy';
import { mentoringReviews, mentoringSupervisions } from './tables';

/**
 * Records the review of a started match (how it goes, what next); due at its mid-point, and named on the
 * coordinator's home page until it is recorded.
 */
export async function addReview(
  ctx: ActorCtx,
  matchId: string,
  input: z.output<typeof reviewInput>,
): Promise<string> {
  const match = await findMatch(ctx, matchId, true);
  if (match.voidedAt) throw notFound();
  if (!match.startedOn) throw invalid({ field: 'reviewedOn', key: 'validation.matchNotStarted' });
  const last = match.endedOn ?? toIsoDate(ctx.now);
  if (input.reviewedOn < match.startedOn || input.reviewedOn > last)
    throw invalid({
      field: 'reviewedOn',
      key: 'validation.outsideMatch',
      params: { from: formatDate(match.startedOn), to: formatDate(last) },
    });
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(mentoringReviews).values({
    id,
    organisationId: match.organisationId,
    matchId,
    reviewedOn: input.reviewedOn,
    progress: input.progress,
    nextSteps: input.nextSteps,
    recordedBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await recordAudit(ctx, { action: 'mentoring.review', entityType: 'mentoring_match', entityId: matchId });
  return id;
}

/** Voids a review recorded in error. */
export async function voidReview(
  ctx: ActorCtx,
  matchId: string,
  reviewId: string,
  input: z.output<typeof voidInput>,
): Promise<void> {
  const match = await findMatch(ctx, matchId, true);
  const [row] = await ctx.tx
    .select()
    .from(mentoringReviews)
    .where(and(eq(mentoringReviews.id, reviewId), eq(mentoringReviews.matchId, match.id)))
    .for('update');
  if (!row) throw notFound();
  await requireCorrectable(ctx, row, input.version, row.recordedBy);
  await recordVoid(
    ctx,
    { entity: 'mentoring_review', id: row.id, reason: input.reason },
    () =>
      ctx.tx
        .update(mentoringReviews)
        .set(voided(ctx, row, input.reason))
        .where(eq(mentoringReviews.id, row.id)),
    {
      action: 'mentoring.void_review',
      entityType: 'mentoring_match',
      entityId: match.id,
      details: { reviewId },
    },
  );
}

export async function reviewsOf(ctx: ActorCtx, matchId: string): Promise<ReviewView[]> {
  const rows = await ctx.tx
    .select({
      r: mentoringReviews,
      byName: sql<string>`(select given_name || ' ' || family_name from users where users.id = ${mentoringReviews.recordedBy})`,
      voidedBy: voidedByName(mentoringReviews.voidedBy),
    })
    .from(mentoringReviews)
    .where(eq(mentoringReviews.matchId, matchId))
    .orderBy(asc(mentoringReviews.reviewedOn), asc(mentoringReviews.id));
  return rows.map(({ r, byName, voidedBy }) => ({
    id: r.id,
    reviewedOn: r.reviewedOn,
    progress: r.progress,
    nextSteps: r.nextSteps,
    byName: byName ?? '',
    version: r.version,
    voided: voidMarkOf(r, voidedBy),
  }));
}

/** The centres where the caller coordinates mentoring, as SQL over `column`. */
function atCoordinatedCentres(ctx: ActorCtx, column: string) {
  const at = centresWith(ctx.actor, 'mentoring.run');
  if (at === 'all') return sql`true`;
  if (at.length === 0) return sql`false`;
  return sql`${sql.raw(column)} in (${sql.join(
    at.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/** Records a supervision session with mentors of one of the caller's centres. */
export async function addSupervision(
  ctx: ActorCtx,
  input: z.output<typeof supervisionInput>,
): Promise<string> {
  const problems: FieldProblem[] = [];
  const [centre] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select id from centres c where id = ${input.centreId} and organisation_id = ${ctx.actor.organisationId}
          and ${atCoordinatedCentres(ctx, 'c.id')}`,
  );
  if (!centre) problems.push({ field: 'centreId', key: 'validation.unknownCentre' });
  if (input.heldOn > toIsoDate(ctx.now)) problems.push({ field: 'heldOn', key: 'validation.dateFuture' });
  const mentors = [...new Set(input.volunteerIds)];
  const [known] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from volunteers where organisation_id = ${ctx.actor.organisationId}
          and status <> 'left' and id in (${sql.join(
            mentors.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
  );
  if ((known?.n ?? 0) !== mentors.length)
    problems.push({ field: 'volunteerIds', key: 'validation.unknownVolunteer' });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(mentoringSupervisions).values({
    id,
    organisationId: ctx.actor.organisationId,
    centreId: input.centreId,
    heldOn: input.heldOn,
    durationMinutes: input.durationMinutes,
    volunteerIds: mentors,
    notes: input.notes,
    recordedBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'mentoring.supervise',
    entityType: 'mentoring_supervision',
    entityId: id,
    details: { mentors: mentors.length },
  });
  return id;
}

/** Voids a supervision session recorded in error. */
export async function voidSupervision(
  ctx: ActorCtx,
  id: string,
  input: z.output<typeof voidInput>,
): Promise<void> {
  const [row] = await ctx.tx
    .select()
    .from(mentoringSupervisions)
    .where(
      and(
        eq(mentoringSupervisions.id, id),
        eq(mentoringSupervisions.organisationId, ctx.actor.organisationId),
        atCoordinatedCentres(ctx, 'mentoring_supervisions.centre_id'),
      ),
    )
    .for('update');
  if (!row) throw notFound();
  await requireCorrectable(ctx, row, input.version, row.recordedBy);
  await recordVoid(
    ctx,
    { entity: 'mentoring_supervision', id, reason: input.reason },
    () =>
      ctx.tx
        .update(mentoringSupervisions)
        .set(voided(ctx, row, input.reason))
        .where(eq(mentoringSupervisions.id, id)),
    { action: 'mentoring.void_supervision', entityType: 'mentoring_supervision', entityId: id },
  );
}

/** The supervision sessions at the caller's centres, newest first, with the mentors by name. */
export async function listSupervisions(ctx: ActorCtx): Promise<SupervisionView[]> {
  const rows = await queryRows<
    Omit<SupervisionView, 'voided'> & {
      voidedAt: string | null;
      voidReason: string | null;
      voidedByName: string | null;
    }
  >(
    ctx.tx,
    sql`select s.id, s.centre_id as "centreId", s.held_on::text as "heldOn", s.duration_minutes as "durationMinutes",
          coalesce((select json_agg(json_build_object('id', v.id, 'name', v.given_name || ' ' || v.family_name)
                     order by v.family_name, v.given_name)
                    from volunteers v where v.id = any(s.volunteer_ids)), '[]'::json) as mentors,
          s.notes, s.version, s.voided_at as "voidedAt", s.void_reason as "voidReason",
          (select given_name || ' ' || family_name from users where users.id = s.voided_by) as "voidedByName"
        from mentoring_supervisions s
        where s.organisation_id = ${ctx.actor.organisationId} and ${atCoordinatedCentres(ctx, 's.centre_id')}
        order by s.held_on desc, s.id
        limit 200`,
  );
  return rows.map(({ voidedAt, voidReason, voidedByName, ...row }) => ({
    ...row,
    voided: voidMarkOf({ voidedAt: voidedAt ? new Date(voidedAt) : null, voidReason }, voidedByName),
  }));
}
