import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors';
import { type AccessRule, satisfies } from '../../shared/access';
import { lookUpSession, sessionCookieName } from './sessions';

/** Looks the session token up and attaches the signed-in actor to the request. */
export async function authenticateRequest(request: FastifyRequest, token: string | undefined) {
  if (!token) return null;
  const { database, clock, config } = request.server.deps;
  const found = await lookUpSession(database.unsafeDb, token, clock.now(), {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
  });
  if (found && 'actor' in found) request.actor = found.actor;
  return found;
}

/**
 * The check of a route's rule for a request: a signed-in actor, past the account set-up steps, who
 * satisfies the rule. Run for every route in `onRequest`; a public route that answers some requests
 * without the database (an import's progress) runs it itself for the rest.
 */
export async function requireAccess(request: FastifyRequest, rule: Exclude<AccessRule, 'public'>) {
  const found = await authenticateRequest(request, request.cookies[sessionCookieName]);
  const actor = request.actor;
  if (!actor) throw new AppError(found && 'expired' in found ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  if (!request.headers['accept-language']) request.language = actor.language;
  if (actor.mustChangePassword && !request.routeOptions.config.allowDuringAccountSetup) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED');
  }
  if (actor.mfaSetupRequired && !request.routeOptions.config.allowDuringAccountSetup) {
    throw new AppError('MFA_SETUP_REQUIRED');
  }
  // Refused: the error handler audits it (access.denied), as every refusal.
  if (rule !== 'signed-in' && !satisfies(actor, rule)) throw new AppError('FORBIDDEN');
}
