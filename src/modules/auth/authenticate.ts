import type { FastifyRequest } from 'fastify';
import { lookUpSession } from './sessions';

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
