import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, type DatabaseKind, openDatabase } from '../../src/db/connection';
import { migrate } from '../../src/db/migrate';

/**
 * The databases integration tests run on: PGlite always, and PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Each suite gets a database of its own.
 */
export const testDatabaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgresql']
  : ['pglite'];

async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database of the given kind; `close` also drops a PostgreSQL one. PGlite is in memory
 * unless `onDisk` names a directory (benchmarks of writes), durable unless told otherwise.
 */
export async function freshDatabase(
  kind: DatabaseKind,
  onDisk?: { dataDir: string; durable: boolean },
): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null, ...onDisk });
    await migrate(database);
    return database;
  }
  const name = `atbalsts_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgresql', url: url.toString() });
  await migrate(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * The databases a benchmark runs on: PGlite, and PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL)
 * names a server, where each run creates and drops its own database.
 */
export function benchDatabaseKinds(): DatabaseKind[] {
  if (!process.env.BENCH_DATABASE_URL && !process.env.TEST_DATABASE_URL) return ['pglite'];
  process.env.TEST_DATABASE_URL ||= process.env.BENCH_DATABASE_URL;
  return ['pglite', 'postgresql'];
}
