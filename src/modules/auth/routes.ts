import { recordAudit } from '../../platform/audit';
import { asActor, inTransaction } from '../../platform/context';
import type { App } from '../../platform/types';
import {
  changePasswordInput,
  meResponse,
  mfaConfirmInput,
  mfaPolicy,
  mfaSetup,
  recoveryCodes,
  signInInput,
  updateMeInput,
} from '../../shared/contracts/auth';
import { idParams, okResponse } from '../../shared/contracts/common';
import { authenticateRequest } from './authenticate';
import { changePassword } from './change-password';
import { getMe } from './me';
import { confirmMfaSetup, organisationRequiresMfa, resetMfa, setMfaRequired, startMfaSetup } from './mfa';
import { endSession, sessionCookieName } from './sessions';
import { signIn } from './sign-in';
import { updateMe } from './update-me';

const tags = ['auth'];

export async function authRoutes(app: App): Promise<void> {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie',
        body: signInInput,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const previous = request.cookies[sessionCookieName];
      const result = await inTransaction(request, (ctx) => signIn(ctx, request.body, previous));
      if (!result.ok) throw result.error;
      reply.setCookie(sessionCookieName, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
      });
      await authenticateRequest(request, result.token);
      return asActor(request, getMe);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signed-in', allowDuringAccountSetup: true },
      schema: { tags, summary: 'Sign out: ends the session', response: { 200: okResponse } },
    },
    async (request, reply) => {
      await asActor(request, async (ctx) => {
        await endSession(ctx.tx, ctx.actor.sessionId, ctx.now);
        await recordAudit(ctx, { action: 'auth.sign_out', entityType: 'user', entityId: ctx.actor.userId });
      });
      reply.clearCookie(sessionCookieName, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'signed-in', allowDuringAccountSetup: true },
      schema: { tags, summary: 'Who is signed in', response: { 200: meResponse } },
    },
    (request) => asActor(request, getMe),
  );

  app.patch(
    '/api/auth/me',
    {
      config: { access: 'signed-in', allowDuringAccountSetup: true },
      schema: { tags, summary: 'Save own preferences', body: updateMeInput, response: { 200: meResponse } },
    },
    (request) =>
      asActor(request, async (ctx) => {
        await updateMe(ctx, request.body);
        return getMe(ctx);
      }),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'signed-in', allowDuringAccountSetup: true },
      schema: {
        tags,
        summary: 'Change own password',
        body: changePasswordInput,
        response: { 200: meResponse },
      },
    },
    async (request) => {
      // A refusal is thrown after the transaction commits, so that a wrong password stays counted.
      const refused = await asActor(request, (ctx) => changePassword(ctx, request.body));
      if (refused) throw refused;
      return asActor(request, (ctx) => {
        ctx.actor.mustChangePassword = false;
        return getMe(ctx);
      });
    },
  );

  app.post(
    '/api/auth/mfa/setup',
    {
      config: { access: 'signed-in', allowDuringAccountSetup: true },
      schema: {
        tags,
        summary: 'Start setting up two-step sign-in: a new secret and its QR code, pending until confirmed',
        response: { 200: mfaSetup },
      },
    },
    (request) =>
      asActor(request, (ctx) =>
        startMfaSetup(ctx, request.server.deps.config.organisationName || 'Atbalsts'),
      ),
  );

  app.post(
    '/api/auth/mfa/confirm',
    {
      config: { access: 'signed-in', allowDuringAccountSetup: true },
      schema: {
        tags,
        summary: 'Confirm two-step sign-in with a first code; answers the recovery codes, once',
        body: mfaConfirmInput,
        response: { 200: recoveryCodes },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const codes = await confirmMfaSetup(ctx, request.body.code);
        ctx.actor.mfaSetupRequired = false;
        return codes;
      }),
  );

  app.get(
    '/api/organisation/mfa-policy',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Whether the organisation requires two-step sign-in',
        response: { 200: mfaPolicy },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({
        required: await organisationRequiresMfa(ctx, ctx.actor.organisationId),
      })),
  );

  app.put(
    '/api/organisation/mfa-policy',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Require two-step sign-in of everyone who reads case content and of administrators, or not',
        body: mfaPolicy,
        response: { 200: mfaPolicy },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        await setMfaRequired(ctx, request.body.required);
        return { required: request.body.required };
      }),
  );

  app.post(
    '/api/users/:id/mfa/reset',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Turn a user’s two-step sign-in off (a lost phone); their sessions end',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => resetMfa(ctx, request.params.id));
      return { ok: true as const };
    },
  );
}
