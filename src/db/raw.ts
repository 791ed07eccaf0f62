import type { SQL } from 'drizzle-orm';
import type { Db } from './connection';

/**
 * Rows of a hand-written SQL query (aggregates that read better as SQL). Both drivers,
 * node-postgres and PGlite, answer `execute` with `{ rows }`.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
