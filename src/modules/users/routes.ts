import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams, okResponse } from '../../shared/contracts/common';
import {
  createUserInput,
  grantRoleInput,
  oneTimePasswordResponse,
  roleParams,
  updateUserInput,
  userList,
  userView,
} from '../../shared/contracts/users';
import { createUser } from './create-user';
import { grantRole } from './grant-role';
import { findUserInScope } from './policy';
import { presentUser } from './presenter';
import { listUsersInScope, roleGrantsOf } from './queries';
import { resetPassword } from './reset-password';
import { revokeRole } from './revoke-role';
import { updateUser } from './update-user';

const tags = ['users'];
const access = { permission: 'users.manage' } as const;

export async function userRoutes(app: App): Promise<void> {
  app.get(
    '/api/users',
    {
      config: { access },
      schema: { tags, summary: 'All users of the organisation', response: { 200: userList } },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const rows = await listUsersInScope(ctx.tx, ctx.actor);
        const grants = await roleGrantsOf(
          ctx.tx,
          rows.map((u) => u.id),
        );
        return { users: rows.map((u) => presentUser(u, grants.get(u.id) ?? [])) };
      }),
  );

  app.post(
    '/api/users',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create a user; answers with a one-time password shown only now',
        body: createUserInput,
        response: { 201: oneTimePasswordResponse },
      },
    },
    async (request, reply) => {
      const result = await asActor(request, (ctx) =>
        createUser(ctx, { ...request.body, organisationId: ctx.actor.organisationId }),
      );
      return reply.status(201).send({ user: result.user, oneTimePassword: result.oneTimePassword! });
    },
  );

  app.get(
    '/api/users/:id',
    {
      config: { access },
      schema: { tags, summary: 'One user', params: idParams, response: { 200: userView } },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const user = await findUserInScope(ctx.tx, ctx.actor, request.params.id);
        return presentUser(user, (await roleGrantsOf(ctx.tx, [user.id])).get(user.id) ?? []);
      }),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Edit a user, or disable / enable them',
        params: idParams,
        body: updateUserInput,
        response: { 200: userView },
      },
    },
    (request) => asActor(request, (ctx) => updateUser(ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Give the user a new one-time password',
        params: idParams,
        response: { 200: oneTimePasswordResponse },
      },
    },
    (request) => asActor(request, (ctx) => resetPassword(ctx, request.params.id)),
  );

  app.post(
    '/api/users/:id/roles',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Grant a role at a centre or organisation-wide',
        params: idParams,
        body: grantRoleInput,
        response: { 200: userView },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const user = await findUserInScope(ctx.tx, ctx.actor, request.params.id);
        await grantRole(ctx, user, request.body);
        return presentUser(user, (await roleGrantsOf(ctx.tx, [user.id])).get(user.id) ?? []);
      }),
  );

  app.delete(
    '/api/users/:id/roles/:grantId',
    {
      config: { access },
      schema: { tags, summary: 'Revoke a role', params: roleParams, response: { 200: okResponse } },
    },
    async (request) => {
      await asActor(request, (ctx) => revokeRole(ctx, request.params.id, request.params.grantId));
      return { ok: true as const };
    },
  );
}
