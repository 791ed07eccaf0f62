import { count } from 'drizzle-orm';
import { type Database, openDatabase } from '../db/connection';
import { grantServerRole, migrate } from '../db/migrate';
import { ensureOrganisation } from '../modules/organisation/ensure-organisation';
import { users } from '../modules/users/tables';
import { systemClock } from '../platform/clock';
import { type Config, databaseTarget, redactUrl } from '../platform/config';
import { buildApp } from './app';
import { serveControlSocket } from './backup/control';
import { scheduleBackups } from './backup/schedule';
import { scheduleRetention } from './retention-job';

/**
 * Opens the database, applies migrations and makes sure the organisation exists. With
 * MIGRATION_DATABASE_URL, migrations run as that (owning) role and the server's role is then granted what
 * it needs and no more (`grantServerRole`); without it, on PostgreSQL, a warning says that the server
 * could rewrite its own audit trail.
 */
export async function prepareDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl && config.migrationDatabaseUrl) {
    const owner = await openDatabase({ kind: 'postgresql', url: config.migrationDatabaseUrl });
    try {
      await migrate(owner);
      await grantServerRole(owner, new URL(config.databaseUrl).username);
    } finally {
      await owner.close();
    }
  } else if (config.databaseUrl) {
    console.warn(
      'Warning: migrations and the server share one database role, so the server could change its own audit ' +
        'trail. Set MIGRATION_DATABASE_URL to the role that owns the tables (README, "Database roles").',
    );
  }
  const database = await openDatabase(databaseTarget(config));
  try {
    if (!config.migrationDatabaseUrl) await migrate(database);
    await ensureOrganisation(database.unsafeDb, config.organisationName, systemClock.now());
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

export function describeDatabase(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL at ${redactUrl(config.databaseUrl)}`
    : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
}

/** Starts the server and stops it cleanly on Ctrl+C or SIGTERM. */
export async function startServer(config: Config): Promise<void> {
  const database = await prepareDatabase(config);
  const app = await buildApp({ database, clock: systemClock, config }, { logger: true });
  let stopping = false;
  // Requests still running may finish, for a bounded time: then the process stops anyway (their
  // transactions are rolled back by the database, so nothing is half-written).
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(
        `Requests were still running ${config.shutdownGraceSeconds} s after the stop signal; stopping anyway.`,
      );
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000).unref();
    await app.close();
    await closeControl();
    await database.close();
    process.exit(0);
  };
  scheduleRetention(database, config, () => systemClock.now());
  scheduleBackups(database, config, () => systemClock.now());
  const closeControl =
    database.kind === 'pglite'
      ? await serveControlSocket(database, config.dataDir, () => systemClock.now())
      : async () => {};
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.close();
    throw error;
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const [row] = await database.unsafeDb.select({ n: count() }).from(users);
  const lines = [
    '',
    `Atbalsts is running at http://${shownHost}:${config.port}`,
    `Database: ${describeDatabase(config)}`,
    `API description: http://${shownHost}:${config.port}/api/docs`,
  ];
  if ((row?.n ?? 0) === 0) {
    // The link works until the first user exists (src/modules/setup); the command stays for scripts.
    lines.push(
      '',
      'There is no user yet. Create the first administrator in the browser:',
      `  http://${shownHost}:${config.port}/setup?token=${app.deps.setupToken}`,
      'or from the command line:  npx atbalsts user create-admin --email you@example.org',
    );
  }
  console.log(lines.join('\n'));
}
