import { sql } from 'drizzle-orm';
import { queryRows } from '../db/raw';
import { formatDateTime } from '../shared/i18n';
import type { ActorCtx } from './context';
import { AppError } from './errors';

/** What a versioned record keeps of its last save. */
export interface Versioned {
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
}

/**
 * No lost updates: a save based on an older version than the record's is refused with who saved it since
 * and when, so a stale screen never overwrites a colleague's change. `sent` undefined: an API client that
 * does not send versions (the web always does).
 */
export async function requireVersion(ctx: ActorCtx, row: Versioned, sent: number | undefined): Promise<void> {
  if (sent === undefined || sent === row.version) return;
  const [by] = await queryRows<{ name: string }>(
    ctx.tx,
    sql`select given_name || ' ' || family_name as name from users where id = ${row.updatedBy}`,
  );
  throw new AppError('STALE_VERSION', {
    params: { name: by?.name ?? '', time: formatDateTime(row.updatedAt) },
  });
}
