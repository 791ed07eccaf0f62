import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { DurableNodeFS, durableStartParams } from './durable-fs';
import { lockDataDir } from './lock';

/** Drizzle over either driver; a transaction is assignable to it too. */
export type Db = PgDatabase<PgQueryResultHKT>;
export type DatabaseKind = 'pglite' | 'postgresql';

/** Type ids whose text form we keep as text: dates stay `YYYY-MM-DD`, never shifted by a time zone. */
const DATE_OID = 1082;

/** Raw SQL on one connection, outside Drizzle: migrations, tests, tools. */
export interface SqlSession {
  /** Runs SQL text that may hold several statements. */
  exec(sqlText: string): Promise<void>;
  /** Runs one parameterised statement. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends SqlSession {
  /** The raw, unscoped handle: only the request context (which opens a transaction per request), the
   * CLI, the demo builder, migrations, benchmarks and tests may touch it (src/architecture.test.ts). */
  unsafeDb: Db;
  kind: DatabaseKind;
  /** Runs `work` on one dedicated connection (session-level locks need that). */
  session<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  /** `dataDir` null: in memory. `durable` false: commits are not flushed to the disk (benchmarks only). */
  | { kind: 'pglite'; dataDir: string | null; durable?: boolean }
  /** `statementTimeoutMs`: the longest a statement may run (none when absent: tests, benchmarks). */
  | { kind: 'postgresql'; url: string; statementTimeoutMs?: number };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite'
    ? openPglite(target.dataDir, target.durable ?? true)
    : openPostgres(target.url, target.statementTimeoutMs);
}

async function openPglite(dataDir: string | null, durable: boolean): Promise<Database> {
  const unlock = dataDir ? await lockDataDir(dataDir) : () => {};
  try {
    const client = await PGlite.create({
      // On disk, durable: an acknowledged commit is flushed to the disk first (durable-fs.ts).
      ...(dataDir && durable
        ? { fs: new DurableNodeFS(join(dataDir, 'pglite')), startParams: durableStartParams }
        : { dataDir: dataDir ? join(dataDir, 'pglite') : undefined }),
      parsers: { [DATE_OID]: (value: string) => value },
      extensions: { pg_trgm },
    });
    const raw: SqlSession = {
      exec: async (sqlText) => {
        await client.exec(sqlText);
      },
      query: async <T>(sqlText: string, params?: unknown[]) => (await client.query<T>(sqlText, params)).rows,
    };
    return {
      ...raw,
      unsafeDb: drizzlePglite(client) as unknown as Db,
      kind: 'pglite',
      // PGlite is one connection already.
      session: (work) => work(raw),
      close: async () => {
        try {
          await client.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function openPostgres(url: string, statementTimeoutMs?: number): Promise<Database> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === DATE_OID
        ? (value: string) => value
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  // JIT compilation is off: the report statements have estimates far above their real
  // size, and compiling them with LLVM took seconds while running them takes milliseconds.
  // No statement may hold a connection (and the CPU of the database) for long: a runaway
  // query is cancelled (SQLSTATE 57014, answered 503), and so is a transaction left idle.
  const limits = statementTimeoutMs
    ? ` -c statement_timeout=${statementTimeoutMs} -c idle_in_transaction_session_timeout=${statementTimeoutMs * 2}`
    : '';
  const pool = new pg.Pool({ connectionString: url, max: 10, types, options: `-c jit=off${limits}` });
  // An idle connection the server closed (a restart, a failover, an idle timeout) is an event, not a
  // reason to stop: the pool drops it and opens a new one for the next query. Only the code is logged.
  pool.on('error', (error) => {
    console.warn(
      `database connection lost (${(error as { code?: string }).code ?? error.name}); reconnecting on next use`,
    );
  });
  // Fail fast with a clear error when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  return {
    unsafeDb: drizzlePg(pool) as unknown as Db,
    kind: 'postgresql',
    exec: async (sqlText) => {
      await pool.query(sqlText);
    },
    query: async <T>(sqlText: string, params?: unknown[]) =>
      (await pool.query(sqlText, params as unknown[])).rows as T[],
    session: async (work) => {
      const client = await pool.connect();
      try {
        return await work({
          exec: async (sqlText) => {
            await client.query(sqlText);
          },
          query: async <T>(sqlText: string, params?: unknown[]) =>
            (await client.query(sqlText, params as unknown[])).rows as T[],
        });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
