import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connection';
import type { RoleGrant, Specialty } from '../shared/access';
import type { Language } from '../shared/i18n';
import { type AuditEntry, recordAudit } from './audit';
import type { auditLog } from './audit-table';
import { idempotencyKeyOf, onceForKey } from './idempotency';

/** The signed-in user as the server knows them for one request. */
export interface Actor {
  userId: string;
  organisationId: string;
  sessionId: string;
  email: string;
  givenName: string;
  familyName: string;
  specialty: Specialty | null;
  language: Language;
  mustChangePassword: boolean;
  roles: RoleGrant[];
  /** Cases this user opened in an emergency, while that access lasts (src/modules/cases/emergency-access.ts). */
  emergencyCases?: string[];
  /** The organisation requires two-step sign-in of this user, who has not set it up yet. */
  mfaSetupRequired?: boolean;
}

/** What a use case gets: who asks, the open transaction, and the request's facts. */
export interface Ctx {
  actor: Actor | null;
  tx: Db;
  ip: string | null;
  language: Language;
  now: Date;
  /** A correction of a record older than this many days needs a reason (CORRECTION_REASON_DAYS). */
  correctionReasonDays?: number;
  /** Audit entries to write even if the transaction rolls back (see `recordAudit`). */
  keepOnRollback?: AuditEntry[];
  /**
   * A bulk job (an import) collects its audit rows here and writes them together before it commits
   * (`flushAuditBuffer`): the same entries in the same transaction, without a round trip each.
   */
  auditBuffer?: (typeof auditLog.$inferInsert)[];
}

/** A use case's context where a signed-in actor is guaranteed by the route's access rule. */
export interface ActorCtx extends Ctx {
  actor: Actor;
}

/**
 * Runs `work` in one database transaction with the request's context: every write
 * and its audit entry commit together or not at all. A create sent with an `Idempotency-Key`
 * is done once: a repeat gets the first one's result (src/platform/idempotency.ts).
 */
export async function inTransaction<T>(request: FastifyRequest, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const { database, clock, config } = request.server.deps;
  const kept: AuditEntry[] = [];
  const base = { actor: request.actor, ip: request.ip, language: request.language, now: clock.now() };
  const settings = { correctionReasonDays: config.correctionReasonDays };
  const key = idempotencyKeyOf(request);
  try {
    return await database.unsafeDb.transaction((tx) => {
      const run = () => work({ ...base, ...settings, tx, keepOnRollback: kept });
      return key ? onceForKey(tx, request, key, base.now, run) : run();
    });
  } catch (error) {
    // What was disclosed or refused stays on record even though the change did not happen.
    if (kept.length > 0) {
      await database.unsafeDb.transaction(async (tx) => {
        for (const entry of kept) await recordAudit({ ...base, tx }, entry);
      });
    }
    throw error;
  }
}

/** The same for routes whose access rule guarantees a signed-in actor. */
export function asActor<T>(request: FastifyRequest, work: (ctx: ActorCtx) => Promise<T>): Promise<T> {
  return inTransaction(request, (ctx) => {
    if (!ctx.actor) throw new Error('asActor used on a route that allows anonymous callers');
    return work(ctx as ActorCtx);
  });
}
