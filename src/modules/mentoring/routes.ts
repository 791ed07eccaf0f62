import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import { type ActorCtx, asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { centresWith } from '../../shared/access';
import { idParams, okResponse, voidInput } from '../../shared/contracts/common';
import {
  matchClose,
  matchDetail,
  matchEdit,
  matchInput,
  matchList,
  matchListQuery,
  matchPause,
  matchVersion,
  meetingCorrection,
  meetingInput,
  menteeCandidates as menteeCandidatesView,
  menteeQuery,
  mentoringFigures,
  mentoringFiguresQuery,
  reviewInput,
  supervisionInput,
  supervisionList,
} from '../../shared/contracts/mentoring';
import { mentoringFiguresOf } from './figures';
import {
  closeMatch,
  editMatch,
  listMatches,
  matchById,
  menteeCandidates,
  pauseMatch,
  proposeMatch,
  resumeMatch,
  startMatch,
  voidMatch,
} from './matches';
import { correctMeeting, logMeeting, meetingsOf, voidMeeting } from './meetings';
import {
  addReview,
  addSupervision,
  listSupervisions,
  reviewsOf,
  voidReview,
  voidSupervision,
} from './reviews';

const tags = ['mentoring'];
/** Mentoring is the mentoring coordinators' work, at their centres (the policy scopes every record). */
const access = { permission: 'mentoring.run' } as const;
const meetingParams = z.object({ id: z.uuid(), meetingId: z.uuid() });
const reviewParams = z.object({ id: z.uuid(), reviewId: z.uuid() });
const created = z.object({ id: z.uuid() });

/** The centres the caller coordinates mentoring at, for the list's filter. */
async function coordinatedCentres(ctx: ActorCtx) {
  const at = centresWith(ctx.actor, 'mentoring.run');
  return queryRows<{ id: string; name: string }>(
    ctx.tx,
    sql`select id, name from centres where organisation_id = ${ctx.actor.organisationId}
          and ${
            at === 'all'
              ? sql`true`
              : at.length
                ? sql`id in (${sql.join(
                    at.map((id) => sql`${id}::uuid`),
                    sql`, `,
                  )})`
                : sql`false`
          }
        order by name`,
  );
}

/** One match with its meetings: the read is audited (it names a young person of a case). */
async function detail(ctx: ActorCtx, id: string) {
  const match = await matchById(ctx, id);
  await recordAudit(ctx, { action: 'mentoring.read', entityType: 'mentoring_match', entityId: id });
  return { match, meetings: await meetingsOf(ctx, id), reviews: await reviewsOf(ctx, id) };
}

export async function mentoringRoutes(app: App): Promise<void> {
  app.get(
    '/api/mentoring/matches',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The mentoring matches of the centres the caller coordinates, by status and centre',
        querystring: matchListQuery,
        response: { 200: matchList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({
        matches: await listMatches(ctx, request.query),
        centres: await coordinatedCentres(ctx),
      })),
  );

  app.get(
    '/api/mentoring/figures',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Mentoring figures of a period (young people, matches, meetings, hours), by centre, programme, project',
        querystring: mentoringFiguresQuery,
        response: { 200: mentoringFigures },
      },
    },
    (request) => asActor(request, (ctx) => mentoringFiguresOf(ctx, request.query)),
  );

  app.get(
    '/api/mentoring/mentees',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Young people the caller may match, by name or case number (essentials only; audited)',
        querystring: menteeQuery,
        response: { 200: menteeCandidatesView },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({ candidates: await menteeCandidates(ctx, request.query.q) })),
  );

  app.post(
    '/api/mentoring/matches',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Propose a match of a mentor and a young person',
        body: matchInput,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await asActor(request, (ctx) => proposeMatch(ctx, request.body)) }),
  );

  app.get(
    '/api/mentoring/matches/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'A match with its meetings (the read is audited)',
        params: idParams,
        response: { 200: matchDetail },
      },
    },
    (request) => asActor(request, (ctx) => detail(ctx, request.params.id)),
  );

  app.put(
    '/api/mentoring/matches/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Edit a match at the version it was read',
        params: idParams,
        body: matchEdit,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => editMatch(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  const transitions = [
    [
      'start',
      'Start a proposed match (consent recorded, the mentor ready); tells the key worker',
      matchVersion,
      (ctx: ActorCtx, id: string, body: { version: number }) => startMatch(ctx, id, body.version),
    ],
    ['pause', 'Pause an active match, with the reason', matchPause, pauseMatch],
    [
      'resume',
      'Resume a paused match',
      matchVersion,
      (ctx: ActorCtx, id: string, body: { version: number }) => resumeMatch(ctx, id, body.version),
    ],
    [
      'close',
      'Close a match with the day, the outcome and (unless it ran its course) the reason',
      matchClose,
      closeMatch,
    ],
    ['void', 'Void a match recorded in error (no meeting of it may count)', voidInput, voidMatch],
  ] as const;
  for (const [name, summary, body, run] of transitions) {
    app.post(
      `/api/mentoring/matches/:id/${name}`,
      {
        config: { access },
        schema: { tags, summary, params: idParams, body, response: { 200: okResponse } },
      },
      async (request) => {
        // biome-ignore lint/suspicious/noExplicitAny: each transition's body is validated by its own schema above
        await asActor(request, (ctx) => (run as any)(ctx, request.params.id, request.body));
        return { ok: true as const };
      },
    );
  }

  app.post(
    '/api/mentoring/matches/:id/meetings',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Log a meeting of a match (also an activity on the case)',
        params: idParams,
        body: meetingInput,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ id: await asActor(request, (ctx) => logMeeting(ctx, request.params.id, request.body)) }),
  );

  app.patch(
    '/api/mentoring/matches/:id/meetings/:meetingId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Correct a meeting (the version it was read at, a reason when old or published)',
        params: meetingParams,
        body: meetingCorrection,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) =>
        correctMeeting(ctx, request.params.id, request.params.meetingId, request.body),
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/mentoring/matches/:id/meetings/:meetingId/void',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Void a meeting logged in error, with a reason',
        params: meetingParams,
        body: voidInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) =>
        voidMeeting(ctx, request.params.id, request.params.meetingId, request.body),
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/mentoring/matches/:id/reviews',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Record the review of a match (how it goes, what next)',
        params: idParams,
        body: reviewInput,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ id: await asActor(request, (ctx) => addReview(ctx, request.params.id, request.body)) }),
  );

  app.post(
    '/api/mentoring/matches/:id/reviews/:reviewId/void',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Void a review recorded in error, with a reason',
        params: reviewParams,
        body: voidInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) =>
        voidReview(ctx, request.params.id, request.params.reviewId, request.body),
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/api/mentoring/supervisions',
    {
      config: { access },
      schema: {
        tags,
        summary: "Supervision sessions with mentors at the caller's centres",
        response: { 200: supervisionList },
      },
    },
    (request) => asActor(request, async (ctx) => ({ supervisions: await listSupervisions(ctx) })),
  );

  app.post(
    '/api/mentoring/supervisions',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Record a supervision session with mentors',
        body: supervisionInput,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await asActor(request, (ctx) => addSupervision(ctx, request.body)) }),
  );

  app.post(
    '/api/mentoring/supervisions/:id/void',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Void a supervision session recorded in error, with a reason',
        params: idParams,
        body: voidInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => voidSupervision(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );
}
