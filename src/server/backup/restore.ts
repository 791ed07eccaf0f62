import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/connection';
import { appliedMigrations, knownMigrations, migrate } from '../../db/migrate';
import { queryRows } from '../../db/raw';
import {
  type BackupHeader,
  backedUpTables,
  backupFileName,
  backupFormat,
  documentsDirOf,
  writeBackup,
} from './backup';

/** A backup that cannot be restored here, or a restore that would lose data; the message says what to do. */
export class BackupRefusedError extends Error {}

export interface BackupContents {
  header: BackupHeader;
  tables: Record<string, number>;
  documents: number;
}

export interface RestoreSummary extends BackupContents {
  /** Migrations applied after loading: the backup came from an older version. */
  migratedForward: string[];
  /** Where the database's content before the restore was saved (--replace), if it had any. */
  previous: string | null;
}

type Line = { kind: 'control'; value: [string, unknown] } | { kind: 'row'; text: string };

/** The lines of a backup file, told apart: `[…]` says what follows, `{…}` is a row. */
async function* linesOf(file: string): AsyncGenerator<Line> {
  // readline rejects the loop below with the gunzip stream's error (a damaged or cut-off file).
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const text of reader) {
      if (text.startsWith('{')) yield { kind: 'row', text };
      else yield { kind: 'control', value: JSON.parse(text) as [string, unknown] };
    }
  } catch (error) {
    throw new BackupRefusedError(
      `${file} is damaged and cannot be read (${(error as Error).message}). Restore another backup.`,
    );
  }
}

/**
 * Reads a whole backup before anything is changed: it must be one of ours, whole (its end line there,
 * every table's row count as written), and made at migrations this version knows.
 */
export async function checkBackup(file: string): Promise<BackupContents> {
  if (!existsSync(file)) throw new BackupRefusedError(`There is no file ${file}.`);
  let header = null as BackupHeader | null;
  let table: string | null = null;
  const counted: Record<string, number> = {};
  let documents = 0;
  type End = { tables: Record<string, number>; documents: number };
  let end = null as End | null;
  try {
    for await (const line of linesOf(file)) {
      if (!header) {
        if (line.kind !== 'control' || line.value[0] !== backupFormat) break;
        header = line.value[1] as BackupHeader;
        continue;
      }
      if (end) throw new BackupRefusedError(`${file} goes on after its end: it is damaged.`);
      if (line.kind === 'row') {
        if (!table) throw new BackupRefusedError(`${file} has a row outside any table: it is damaged.`);
        counted[table] = (counted[table] ?? 0) + 1;
        continue;
      }
      const [kind, value] = line.value;
      if (kind === 'table') {
        table = value as string;
        counted[table] = 0;
      } else if (kind === 'document') {
        table = null;
        documents += 1;
      } else if (kind === 'end') end = value as End;
    }
  } catch (error) {
    if (error instanceof BackupRefusedError) throw error;
    throw new BackupRefusedError(`${file} is not an Atbalsts backup or is damaged.`);
  }
  if (!header) throw new BackupRefusedError(`${file} is not an Atbalsts backup.`);
  if (header.formatVersion !== 1)
    throw new BackupRefusedError(
      `${file} was written by Atbalsts ${header.app} in a newer backup format: upgrade Atbalsts to ${header.app} or later, then restore.`,
    );
  if (!end)
    throw new BackupRefusedError(
      `${file} is incomplete: it ends before its last line, so it was cut off while being written or copied. Restore another backup.`,
    );
  const mismatch = Object.keys({ ...end.tables, ...counted }).find((t) => end.tables[t] !== counted[t]);
  if (mismatch || end.documents !== documents)
    throw new BackupRefusedError(
      `${file} is damaged: it holds other rows than it lists (${mismatch ?? 'documents'}).`,
    );
  const known = new Set(knownMigrations());
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new BackupRefusedError(
      `${file} was made by Atbalsts ${header.app}, a newer version than this one: its database has changes this version does not know (${unknown.join(', ')}). Upgrade Atbalsts to ${header.app} or later, then restore.`,
    );
  return { header, tables: end.tables, documents };
}

/** Whether the database holds anyone's work: a user or a person (a server started once holds neither). */
async function holdsData(database: Database): Promise<boolean> {
  if ((await database.session(appliedMigrations)).length === 0) return false;
  const [row] = await database.query<{ data: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM persons) AS data',
  );
  return row?.data ?? false;
}

const batchRows = 1000;
const batchChars = 8 * 1024 * 1024;

/**
 * Restores a backup into a database (and its documents into `dataDir`). The file is checked whole first.
 * A database that holds data is replaced only when asked (`replace`), and its content is first written to
 * a backup of its own in `dataDir/backups`, so a restore never loses anything. Then the schema is rebuilt
 * at the backup's migrations, every row loaded in one transaction with triggers off (the rows are the
 * final state: the audit log keeps its own hashes), the counts compared, and the migrations added since
 * applied. Needs the role that owns the schema (on PostgreSQL, MIGRATION_DATABASE_URL or a superuser).
 */
export async function restoreBackup(
  database: Database,
  options: { file: string; dataDir: string; replace: boolean; now: Date },
): Promise<RestoreSummary> {
  const contents = await checkBackup(options.file);
  let previous: string | null = null;
  if (await holdsData(database)) {
    if (!options.replace)
      throw new BackupRefusedError(
        'The database already holds data. A restore replaces all of it: run again with --replace (its present content is first saved as a backup of its own).',
      );
    // Never onto an earlier one (two restores within a second), nor onto the file being restored.
    const name = (n: number) => `before-restore-${n > 1 ? `${n}-` : ''}${backupFileName(options.now)}`;
    let n = 1;
    while (existsSync(join(options.dataDir, 'backups', name(n)))) n += 1;
    previous = join(options.dataDir, 'backups', name(n));
    await writeBackup(database, { dataDir: options.dataDir, file: previous, now: options.now });
  }

  await database.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await migrate(database, contents.header.migrations);

  const restoring = `${documentsDirOf(options.dataDir)}.restoring`;
  await rm(restoring, { recursive: true, force: true });
  await mkdir(restoring, { recursive: true, mode: 0o700 });
  await database.unsafeDb.transaction(async (tx) => {
    // Rows go in as they were: no trigger runs (the audit chain keeps its hashes), and no foreign key is
    // checked row by row (the backup is one consistent snapshot; the counts are compared below).
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    const tables = new Set(await backedUpTables(tx));
    // Migrations seed some tables (the built-in activity types): the backup holds those rows too.
    await tx.execute(
      sql`TRUNCATE ${sql.join(
        [...tables].map((t) => sql.identifier(t)),
        sql`, `,
      )}`,
    );
    let table: string | null = null;
    let rows: string[] = [];
    let chars = 0;
    let document: { id: string; chunks: Buffer[] } | null = null;
    const flushRows = async () => {
      if (!table || rows.length === 0) return;
      const name = sql.identifier(table);
      await tx.execute(
        sql`INSERT INTO ${name} SELECT * FROM jsonb_populate_recordset(NULL::${name}, ${`[${rows.join(',')}]`}::jsonb)`,
      );
      rows = [];
      chars = 0;
    };
    const flushDocument = async () => {
      if (!document) return;
      await writeFile(join(restoring, document.id), Buffer.concat(document.chunks), { mode: 0o600 });
      document = null;
    };
    for await (const line of linesOf(options.file)) {
      if (line.kind === 'row') {
        rows.push(line.text);
        chars += line.text.length;
        if (rows.length >= batchRows || chars >= batchChars) await flushRows();
        continue;
      }
      const [kind, value] = line.value;
      if (kind === 'chunk') {
        document?.chunks.push(Buffer.from(value as string, 'base64'));
        continue;
      }
      await flushRows();
      await flushDocument();
      if (kind === 'table') {
        table = value as string;
        if (!tables.has(table))
          throw new BackupRefusedError(`The backup holds a table this schema does not have (${table}).`);
      } else if (kind === 'document') {
        table = null;
        const id = value as string;
        if (!/^[0-9a-f-]{36}$/.test(id)) throw new BackupRefusedError(`The backup names a document "${id}".`);
        document = { id, chunks: [] };
      }
    }
    for (const [name, expected] of Object.entries(contents.tables)) {
      const [row] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)}`,
      );
      if (row?.n !== expected)
        throw new Error(
          `Restoring ${name} gave ${row?.n} rows instead of ${expected}; nothing was restored.`,
        );
    }
  });

  // The documents that were there are in the backup of the replaced content; files without a database to
  // list them (a database that held no data) are moved aside, never deleted.
  const documentsDir = documentsDirOf(options.dataDir);
  if (!previous && existsSync(documentsDir) && (await readdir(documentsDir)).length > 0)
    await rename(documentsDir, `${documentsDir}.before-restore-${randomUUID()}`);
  else await rm(documentsDir, { recursive: true, force: true });
  await rename(restoring, documentsDir);

  const migratedForward = await migrate(database);
  return { ...contents, migratedForward, previous };
}
