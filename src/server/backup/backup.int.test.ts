import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testDatabaseKinds } from '../../../test/helpers/databases';
import type { Database, DatabaseKind } from '../../db/connection';
import { knownMigrations, migrate } from '../../db/migrate';
import { loadReferenceDataset, referenceProjectCode } from '../../demo/reference';
import { verifyAuditTrail } from '../../modules/audit/verify';
import { projects } from '../../modules/projects/tables';
import { computeIndicators } from '../../modules/reports/indicators';
import { generateReport } from '../../modules/reports/reports';
import { writeBackup } from './backup';
import { BackupRefusedError, restoreBackup } from './restore';

/*
 * Issue 19, part 5: a backup restores to the same figures, on either engine and from one to the other;
 * a cut-off, damaged or newer backup is refused before anything changes; a database with data is
 * replaced only when asked, and its content is kept.
 */
const now = new Date('2026-03-02T10:00:00Z');
const documentBytes = Buffer.from('%PDF-1.4 lēmums par atbalstu\n'.repeat(40_000)); // ~1.2 MB: several chunks

/** What a funder is sent, as JSON: the reference project's quarterly report and its figures. */
async function reportJson(database: Database): Promise<string> {
  const [project] = await database.unsafeDb
    .select()
    .from(projects)
    .where(eq(projects.code, referenceProjectCode));
  const quarterly = await generateReport(
    database.unsafeDb,
    project!,
    'quarterly',
    { language: 'lv' },
    '2026-03-02',
  );
  const figures = await computeIndicators(
    database.unsafeDb,
    { organisationId: project!.organisationId, from: '2013-11-01', to: '2015-07-31', projectId: project!.id },
    [['activity_type'], ['activity_type', 'centre']],
  );
  return JSON.stringify({ quarterly, figures });
}

/** Every table's exact row count. */
async function counts(database: Database): Promise<Record<string, number>> {
  const tables = await database.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const rows = await database.query<{ name: string; n: number }>(
    tables.map((t) => `SELECT '${t.name}' AS name, count(*)::int AS n FROM "${t.name}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

interface Source {
  database: Database;
  dataDir: string;
  report: string;
  backup: string;
  documentId: string;
}

/** The reference dataset with one uploaded document, and its backup. */
async function referenceSource(kind: DatabaseKind): Promise<Source> {
  const database = await freshDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'atbalsts-backup-'));
  await loadReferenceDataset(database, now);
  const [row] = await database.query<{
    organisation_id: string;
    id: string;
    family_id: string;
    user_id: string;
  }>(
    `SELECT c.organisation_id, c.id, c.family_id, (SELECT id FROM users LIMIT 1) AS user_id FROM cases c LIMIT 1`,
  );
  const documentId = randomUUID();
  await database.query(
    `INSERT INTO documents (id, organisation_id, case_id, family_id, file_name, media_type, size_bytes, sha256,
       description, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, 'lēmums.pdf', 'application/pdf', $5, $6, '', $7, now())`,
    [
      documentId,
      row!.organisation_id,
      row!.id,
      row!.family_id,
      documentBytes.length,
      createHash('sha256').update(documentBytes).digest('hex'),
      row!.user_id,
    ],
  );
  await mkdir(join(dataDir, 'documents'), { recursive: true });
  await writeFile(join(dataDir, 'documents', documentId), documentBytes);
  const backup = join(dataDir, 'reference.atbalsts-backup');
  const summary = await writeBackup(database, { dataDir, file: backup, now });
  expect(summary.documents).toBe(1);
  expect(summary.tables.persons).toBeGreaterThan(200);
  return { database, dataDir, report: await reportJson(database), backup, documentId };
}

describe.each(testDatabaseKinds)('backup and restore on %s', (kind) => {
  let source: Source;

  beforeAll(async () => {
    source = await referenceSource(kind);
  }, 180_000);

  afterAll(async () => {
    await source?.database.close();
    rmSync(source.dataDir, { recursive: true, force: true });
  });

  it('restores after a change: the same report JSON, documents and an intact audit trail', async () => {
    const { database, dataDir } = source;
    const before = await counts(database);
    await database.exec(`UPDATE activity_participants SET attendance = 'absent'`);
    expect(await reportJson(database)).not.toBe(source.report);

    await expect(
      restoreBackup(database, { file: source.backup, dataDir, replace: false, now }),
    ).rejects.toThrow(
      'The database already holds data. A restore replaces all of it: run again with --replace',
    );
    const restored = await restoreBackup(database, { file: source.backup, dataDir, replace: true, now });

    expect(await reportJson(database)).toBe(source.report);
    expect(await counts(database)).toEqual(before);
    expect(readFileSync(join(dataDir, 'documents', source.documentId)).equals(documentBytes)).toBe(true);
    expect((await verifyAuditTrail(database.unsafeDb)).broken).toBeNull();
    expect(restored.migratedForward).toEqual([]);
    // The content it replaced was saved first: restoring that brings the change back.
    expect(restored.previous).toMatch(
      /backups\/before-restore-atbalsts-2026-03-02T10-00-00Z\.atbalsts-backup$/,
    );
    const again = await restoreBackup(database, { file: restored.previous!, dataDir, replace: true, now });
    expect(again.previous).toMatch(/before-restore-2-atbalsts-2026-03-02T10-00-00Z\.atbalsts-backup$/);
    expect(await reportJson(database)).not.toBe(source.report);
    await restoreBackup(database, { file: source.backup, dataDir, replace: true, now });
    expect(await reportJson(database)).toBe(source.report);
  }, 180_000);

  it('refuses a cut-off, a damaged and a newer backup before changing anything', async () => {
    const { database, dataDir, backup } = source;
    const before = await reportJson(database);
    const whole = readFileSync(backup);
    const cut = join(dataDir, 'cut.atbalsts-backup');
    writeFileSync(cut, gzipSync(gunzipSync(whole).subarray(0, Math.floor(gunzipSync(whole).length * 0.6))));
    await expect(restoreBackup(database, { file: cut, dataDir, replace: true, now })).rejects.toThrow(
      'is incomplete: it ends before its last line',
    );
    const damaged = join(dataDir, 'damaged.atbalsts-backup');
    writeFileSync(damaged, whole.subarray(0, whole.length - 1000));
    await expect(restoreBackup(database, { file: damaged, dataDir, replace: true, now })).rejects.toThrow(
      BackupRefusedError,
    );
    const lines = gunzipSync(whole).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]!) as [string, { app: string; migrations: string[] }];
    header[1].app = '9.0.0';
    header[1].migrations.push('0999_from_the_future');
    const newer = join(dataDir, 'newer.atbalsts-backup');
    writeFileSync(newer, gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')));
    await expect(restoreBackup(database, { file: newer, dataDir, replace: true, now })).rejects.toThrow(
      'was made by Atbalsts 9.0.0, a newer version than this one: its database has changes this version does not know (0999_from_the_future). Upgrade Atbalsts to 9.0.0 or later, then restore.',
    );
    expect(await reportJson(database)).toBe(before);
  }, 120_000);

  it('migrates a backup of an older version forward after loading it', async () => {
    const older = await freshDatabase(kind);
    const dataDir = mkdtempSync(join(tmpdir(), 'atbalsts-older-'));
    try {
      await older.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      const all = knownMigrations();
      await migrate(older, all.slice(0, -1));
      await older.query(
        `INSERT INTO organisations (id, name, created_at) VALUES ($1, 'Vecā biedrība', now())`,
        [randomUUID()],
      );
      const file = join(dataDir, 'older.atbalsts-backup');
      await writeBackup(older, { dataDir, file, now });
      const target = await freshDatabase(kind);
      try {
        const restored = await restoreBackup(target, { file, dataDir, replace: false, now });
        expect(restored.migratedForward).toEqual([all.at(-1)]);
        expect(await target.query('SELECT name FROM organisations')).toEqual([{ name: 'Vecā biedrība' }]);
      } finally {
        await target.close();
      }
    } finally {
      await older.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.runIf(testDatabaseKinds.includes('postgresql'))('moving between the engines', () => {
  it.each([
    ['pglite', 'postgresql'],
    ['postgresql', 'pglite'],
  ] as const)(
    'moves the reference dataset from %s to %s with the same report JSON',
    async (from, to) => {
      const source = await referenceSource(from);
      const target = await freshDatabase(to);
      const dataDir = mkdtempSync(join(tmpdir(), 'atbalsts-move-'));
      try {
        await restoreBackup(target, { file: source.backup, dataDir, replace: false, now });
        expect(await reportJson(target)).toBe(source.report);
        expect(readFileSync(join(dataDir, 'documents', source.documentId)).equals(documentBytes)).toBe(true);
        expect((await verifyAuditTrail(target.unsafeDb)).broken).toBeNull();
      } finally {
        await target.close();
        await source.database.close();
        rmSync(source.dataDir, { recursive: true, force: true });
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
