import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './connection';
import { flushes } from './durable-fs';

/*
 * Issue 19, part 7: on the embedded database an acknowledged commit has reached the disk. No test can cut
 * the power; this one checks what makes it true: PostgreSQL runs with fsync on, and every commit flushes
 * its write-ahead log file to the disk before the commit is answered.
 */
describe('the embedded database on disk', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atb-durable-'));
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite', dataDir });
    await database.exec('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
  }, 60_000);

  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs PostgreSQL with fsync on, flushing the log with fsync()', async () => {
    const settings = await database.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'wal_sync_method', 'synchronous_commit') ORDER BY name`,
    );
    expect(settings).toEqual([
      { name: 'fsync', setting: 'on' },
      { name: 'synchronous_commit', setting: 'on' },
      { name: 'wal_sync_method', setting: 'fsync' },
    ]);
  });

  it('flushes the write-ahead log to the disk in every commit, before answering', async () => {
    for (let i = 1; i <= 3; i++) {
      const before = flushes.count;
      await database.unsafeDb.transaction(async (tx) => {
        await tx.execute(`INSERT INTO notes VALUES (${i}, 'piezīme')`);
      });
      expect(flushes.count).toBeGreaterThan(before);
      expect(flushes.lastPaths.at(-1)).toMatch(new RegExp(`^${dataDir}/pglite/pg_wal/[0-9A-F]{24}$`));
    }
    // A read-only transaction writes nothing and flushes nothing.
    const before = flushes.count;
    await database.unsafeDb.transaction(async (tx) => {
      await tx.execute('SELECT count(*) FROM notes');
    });
    expect(flushes.count).toBe(before);
  });
});
