import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import {
  activityCorrection,
  activityVoid,
  centreActivityCorrection,
  eventCorrection,
  groupSessionCorrection,
} from '../../shared/contracts/activities';
import { idParams, okResponse } from '../../shared/contracts/common';
import { correctCentreActivity } from './centre-activities';
import { correctCaseActivity, voidActivity } from './corrections';
import { correctEvent } from './events';
import { correctGroupSession } from './groups';

const tags = ['activities'];
const summaryTail = ' (the whole form, the version it was read at, and a reason when it is old or published)';

/** Correcting and voiding activities of every kind (src/modules/activities/corrections.ts). */
export async function activityCorrectionRoutes(app: App): Promise<void> {
  app.patch(
    '/api/activities/:id',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: `Correct an activity logged on a case${summaryTail}`,
        params: idParams,
        body: activityCorrection,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => correctCaseActivity(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/centre-activities/:id',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: `Correct a training or another centre activity, institutions included${summaryTail}`,
        params: idParams,
        body: centreActivityCorrection,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => correctCentreActivity(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/events/:id',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: `Correct an event such as a family camp${summaryTail}`,
        params: idParams,
        body: eventCorrection,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => correctEvent(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/group-sessions/:id',
    {
      config: { access: { anyPermission: ['groups.run', 'cases.supervise'] } },
      schema: {
        tags,
        summary: `Correct a group session and its attendance${summaryTail}`,
        params: idParams,
        body: groupSessionCorrection,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => correctGroupSession(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/activities/:id/void',
    {
      config: { access: { anyPermission: ['cases.write', 'groups.run', 'cases.supervise'] } },
      schema: {
        tags,
        summary:
          'Void an activity of any kind (on a case, a group session, an event, a training), with a reason: kept on record, counted nowhere',
        params: idParams,
        body: activityVoid,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => voidActivity(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );
}
