import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ActorCtx } from '../../platform/context';
import { organisations } from '../organisation/tables';

/** The organisation's pseudonym secret (migration 0016); it never leaves the server. */
export async function pseudonymKeyOf(ctx: ActorCtx): Promise<string> {
  const [row] = await ctx.tx
    .select({ key: organisations.pseudonymKey })
    .from(organisations)
    .where(eq(organisations.id, ctx.actor.organisationId));
  return row!.key;
}

/**
 * A family's or person's pseudonymous code: `Ģ-` or `P-` and 8 hex digits of an HMAC-SHA-256 of the id
 * under the organisation's secret. Stable for the organisation; not computable from the id alone.
 */
export function pseudonym(key: string, kind: 'family' | 'person', id: string): string {
  const digest = createHmac('sha256', key).update(id).digest('hex').slice(0, 8).toUpperCase();
  return `${kind === 'family' ? 'Ģ' : 'P'}-${digest}`;
}
