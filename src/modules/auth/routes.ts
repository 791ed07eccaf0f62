import { recordAudit } from '../../platform/audit';
import { asActor, inTransaction } from '../../platform/context';
import type { App } from '../../platform/types';
import { changePasswordInput, meResponse, signInInput, updateMeInput } from '../../shared/contracts/auth';
import { okResponse } from '../../shared/contracts/common';
import { authenticateRequest } from './authenticate';
import { changePassword } from './change-password';
import { getMe } from './me';
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
      config: { access: 'signed-in', allowDuringPasswordChange: true },
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
      config: { access: 'signed-in', allowDuringPasswordChange: true },
      schema: { tags, summary: 'Who is signed in', response: { 200: meResponse } },
    },
    (request) => asActor(request, getMe),
  );

  app.patch(
    '/api/auth/me',
    {
      config: { access: 'signed-in', allowDuringPasswordChange: true },
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
      config: { access: 'signed-in', allowDuringPasswordChange: true },
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
}
