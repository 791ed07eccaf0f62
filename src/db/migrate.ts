import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, SqlSession } from './connection';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const migrationLockKey = 4242001;

/** The names of the migrations this version of the app knows, in the order they apply. */
export function knownMigrations(): string[] {
  return readdirSync(migrationsDir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => file.replace(/\.sql$/, ''));
}

/** The migrations applied to a database, in order (none when it has no schema yet). */
export async function appliedMigrations(session: SqlSession): Promise<string[]> {
  const [table] = await session.query<{ exists: boolean }>(
    `SELECT to_regclass('public.schema_migrations') IS NOT NULL AS exists`,
  );
  if (!table?.exists) return [];
  return (await session.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map(
    (row) => row.name,
  );
}

/**
 * Applies the forward-only SQL migrations in `migrations/` that have not run yet,
 * each in its own transaction, in file-name order. A session-level advisory lock
 * keeps two starting servers from migrating one PostgreSQL database at once.
 * `upTo`: only these (a restore first builds the schema its backup was made at).
 * Returns the names applied.
 */
export async function migrate(database: Database, upTo?: readonly string[]): Promise<string[]> {
  return database.session(async (session) => {
    // A migration may rebuild a large table: the server's statement time limit is not for it.
    await session.exec('SET statement_timeout = 0');
    await session.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      return await applyPending(session, upTo ? new Set(upTo) : null);
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
    }
  });
}

async function applyPending(session: SqlSession, only: Set<string> | null): Promise<string[]> {
  await session.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = new Set(
    (await session.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name),
  );
  const applied: string[] = [];
  for (const name of knownMigrations()) {
    if (done.has(name) || (only && !only.has(name))) continue;
    const sqlText = readFileSync(`${migrationsDir}${name}.sql`, 'utf8');
    await session.exec('BEGIN');
    try {
      await session.exec(sqlText);
      await session.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      await session.exec('COMMIT');
    } catch (error) {
      await session.exec('ROLLBACK');
      throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
    }
    applied.push(name);
  }
  return applied;
}

/**
 * What the server's own database role may do, granted by the owning role after migrating: read and write
 * the tables, but only add to and read the audit log and read its chain heads (the chaining trigger runs
 * as the owner). Not being the owner, it can neither drop nor disable a trigger, nor truncate a table.
 */
export async function grantServerRole(owner: Database, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role))
    throw new Error(`The server's database role "${role}" must be a plain lower-case name.`);
  const [same] = await owner.query<{ same: boolean }>('SELECT current_user = $1 AS same', [role]);
  if (same?.same) return;
  await owner.exec(`
    GRANT USAGE ON SCHEMA public TO ${role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${role};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_heads, schema_migrations FROM ${role};
  `);
}
