import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/connection';
import { appliedMigrations } from '../../db/migrate';
import { queryRows } from '../../db/raw';
import { version } from '../../platform/version';

/**
 * A backup is one gzip-compressed file of JSON lines, the same for both engines, so that a backup of the
 * embedded database restores into a PostgreSQL server and back:
 *
 *   ["atbalsts-backup",{"formatVersion":1,"app":"0.1.0","migrations":[…],"engine":"pglite",…}]
 *   ["table","activities"]     then one line per row: the row as PostgreSQL's to_jsonb gives it, {…}
 *   ["document","<id>"]        then ["chunk","<base64>"] lines: the uploaded file's bytes
 *   ["end",{"tables":{"activities":120,…},"documents":3}]
 *
 * A line that starts with `[` says what follows; one that starts with `{` is a row of the last table.
 * Rows are written and read as text, never parsed into JavaScript values, so no number, date or byte
 * string is changed on the way. The whole database is read in one snapshot (a repeatable-read, read-only
 * transaction): on PostgreSQL other requests go on meanwhile; on PGlite, one connection, they wait until
 * the backup is read. The file is written under a temporary name, flushed to disk and then renamed, so a
 * file with the final name is always whole; the end line lets a restore tell a cut-off copy from a whole one.
 */
export const backupFormat = 'atbalsts-backup';
export const backupSuffix = '.atbalsts-backup';

export interface BackupHeader {
  formatVersion: 1;
  app: string;
  migrations: string[];
  engine: Database['kind'];
  createdAt: string;
}

export interface BackupSummary {
  file: string;
  tables: Record<string, number>;
  documents: number;
  bytes: number;
}

const pageSize = 2000;
const chunkBytes = 3 * 256 * 1024; // a multiple of 3: each chunk is whole base64

/** The tables a backup holds: every table of the schema but the migration list (the header carries it). */
export async function backedUpTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`SELECT tablename AS name FROM pg_tables
        WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename`,
  );
  return rows.map((row) => row.name);
}

export const documentsDirOf = (dataDir: string) => join(dataDir, 'documents');

/** Writes a backup of the database and its documents to `file`; answers what it holds. */
export async function writeBackup(
  database: Database,
  options: { dataDir: string; file: string; now: Date },
): Promise<BackupSummary> {
  const migrations = await database.session(appliedMigrations);
  if (migrations.length === 0)
    throw new Error('The database has no schema yet: there is nothing to back up.');
  const partial = `${options.file}.partial`;
  await mkdir(dirname(options.file), { recursive: true });
  const counts: Record<string, number> = {};
  let documentCount = 0;
  try {
    await database.unsafeDb.transaction(
      async (tx) => {
        async function* lines(): AsyncGenerator<string> {
          const header: BackupHeader = {
            formatVersion: 1,
            app: version,
            migrations,
            engine: database.kind,
            createdAt: options.now.toISOString(),
          };
          yield `${JSON.stringify([backupFormat, header])}\n`;
          for (const table of await backedUpTables(tx)) {
            yield `${JSON.stringify(['table', table])}\n`;
            counts[table] = 0;
            let after = '(0,0)';
            for (;;) {
              // Walks the table in its physical order: a range scan on ctid needs no index and, in one
              // snapshot, sees each row once.
              const rows = await queryRows<{ c: string; r: string }>(
                tx,
                sql`SELECT ctid::text AS c, to_jsonb(t)::text AS r FROM ${sql.identifier(table)} t
                    WHERE ctid > ${after}::tid ORDER BY ctid LIMIT ${pageSize}`,
              );
              if (rows.length === 0) break;
              counts[table] += rows.length;
              yield `${rows.map((row) => row.r).join('\n')}\n`;
              after = rows.at(-1)!.c;
            }
          }
          for (const id of await documentIds(tx)) {
            const path = join(documentsDirOf(options.dataDir), id);
            yield `${JSON.stringify(['document', id])}\n`;
            for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
              yield `${JSON.stringify(['chunk', (chunk as Buffer).toString('base64')])}\n`;
            }
            documentCount += 1;
          }
          yield `${JSON.stringify(['end', { tables: counts, documents: documentCount }])}\n`;
        }
        await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await flushToDisk(partial);
    await rename(partial, options.file);
    await flushToDisk(dirname(options.file));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const handle = await open(options.file);
  const { size } = await handle.stat();
  await handle.close();
  return { file: options.file, tables: counts, documents: documentCount, bytes: size };
}

async function documentIds(db: Db): Promise<string[]> {
  const [exists] = await queryRows<{ exists: boolean }>(
    db,
    sql`SELECT to_regclass('public.documents') IS NOT NULL AS exists`,
  );
  if (!exists?.exists) return [];
  const rows = await queryRows<{ id: string }>(db, sql`SELECT id::text AS id FROM documents ORDER BY id`);
  return rows.map((row) => row.id);
}

/** fsync: a file's (or a directory's entries') bytes reach the disk, not only the page cache. */
export async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The backups in a directory, newest first (their names sort by time). */
export async function listBackups(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((name) => name.endsWith(backupSuffix))
      .sort()
      .reverse();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** A file name that sorts by time: atbalsts-2026-12-01T18-30-00Z.atbalsts-backup. */
export const backupFileName = (now: Date) =>
  `atbalsts-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z${backupSuffix}`;
