import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connection';
import { AppError } from './errors';

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text().notNull(),
    requestHash: text('request_hash').notNull(),
    result: jsonb().$type<unknown>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

const keptFor = 24 * 60 * 60 * 1000;
const claimed = new WeakSet<FastifyRequest>();

/**
 * The `Idempotency-Key` of a create (a POST by a signed-in user), the first time a request asks: a route
 * that opens more than one transaction applies the key to its first, the one that creates.
 */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  const open = request.routeOptions.config?.access === 'public'; // sign-in: no user yet whose key it is
  if (request.method !== 'POST' || open || !request.actor || header === undefined || claimed.has(request))
    return null;
  claimed.add(request);
  const key = Array.isArray(header) ? header[0]! : header;
  // The IETF draft leaves the form open; a UUID is typical. Printable ASCII, at most 255 characters.
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
  return key;
}

function hashOf(request: FastifyRequest): string {
  const body = Buffer.isBuffer(request.body)
    ? request.body
    : Buffer.from(JSON.stringify(request.body ?? null));
  return createHash('sha256').update(`${request.method} ${request.url}\n`).update(body).digest('hex');
}

/**
 * Runs a create once per key and user, inside the request's transaction `tx`: the key is claimed first
 * (a concurrent request with the same key waits on it, then finds the result), the result is stored with
 * the change, and a failed create releases the key with its rollback. The same key with another request
 * is refused (422), as the draft says.
 */
export async function onceForKey<T>(
  tx: Db,
  request: FastifyRequest,
  key: string,
  now: Date,
  work: () => Promise<T>,
): Promise<T> {
  const userId = request.actor!.userId;
  const requestHash = hashOf(request);
  await tx
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        lt(idempotencyKeys.createdAt, new Date(now.getTime() - keptFor)),
      ),
    );
  const claim = await tx
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash, result: null, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claim.length === 0) {
    const [first] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!first || first.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return first.result as T;
  }
  const result = await work();
  await tx
    .update(idempotencyKeys)
    .set({ result: result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown) })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return result;
}
