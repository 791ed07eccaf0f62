import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../db/connection';
import type { Config } from '../../platform/config';
import { backupFileName, listBackups, writeBackup } from './backup';

type BackupConfig = Pick<Config, 'backupDir' | 'backupKeep' | 'backupIntervalHours' | 'dataDir'>;

export interface BackupStatus {
  /** False when BACKUP_DIR is off. */
  scheduled: boolean;
  last: { at: string; bytes: number } | null;
  /** No backup, or the newest is older than a day (or than the interval, if longer). */
  stale: boolean;
}

/** The scheduled backups, newest first (not the copies a restore keeps, `before-restore-…`). */
const scheduledBackups = async (dir: string) =>
  (await listBackups(dir)).filter((name) => name.startsWith('atbalsts-'));

/** The newest scheduled backup and whether it is too old. */
export async function backupStatus(config: BackupConfig, now: Date): Promise<BackupStatus> {
  if (!config.backupDir) return { scheduled: false, last: null, stale: true };
  const [newest] = await scheduledBackups(config.backupDir);
  if (!newest) return { scheduled: true, last: null, stale: true };
  const info = await stat(join(config.backupDir, newest));
  // The time is the one in the name (when the backup was taken), not the file's (a copy changes it).
  const [, date, hh, mm, ss] = /^atbalsts-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z/.exec(newest) ?? [];
  const at = date ? new Date(`${date}T${hh}:${mm}:${ss}Z`) : info.mtime;
  const limitMs = Math.max(24, config.backupIntervalHours) * 3_600_000 + 3_600_000; // an hour of grace
  return {
    scheduled: true,
    last: { at: at.toISOString(), bytes: info.size },
    stale: now.getTime() - at.getTime() > limitMs,
  };
}

/** One scheduled backup, then the oldest beyond BACKUP_KEEP deleted. Answers the new file. */
export async function runScheduledBackup(
  database: Database,
  config: BackupConfig,
  now: Date,
): Promise<string> {
  if (!config.backupDir) throw new Error('BACKUP_DIR is off.');
  const file = join(config.backupDir, backupFileName(now));
  await writeBackup(database, { dataDir: config.dataDir, file, now });
  for (const old of (await scheduledBackups(config.backupDir)).slice(config.backupKeep))
    await rm(join(config.backupDir, old), { force: true });
  return file;
}

/**
 * While the server runs: a backup every BACKUP_INTERVAL_HOURS, the first at once when the newest is older
 * than that (or there is none). A failure is logged and tried again at the next interval.
 */
export function scheduleBackups(database: Database, config: BackupConfig, now: () => Date): () => void {
  if (!config.backupDir) return () => {};
  const intervalMs = config.backupIntervalHours * 3_600_000;
  const run = () =>
    runScheduledBackup(database, config, now())
      .then((file) => console.log(`Backup written: ${file}`))
      .catch((error) => console.error(`Scheduled backup failed: ${(error as Error).message}`));
  const timer = setInterval(run, intervalMs);
  timer.unref();
  void backupStatus(config, now()).then((status) => {
    const dueMs = status.last ? now().getTime() - Date.parse(status.last.at) : Number.POSITIVE_INFINITY;
    if (dueMs >= intervalMs) void run();
  });
  return () => clearInterval(timer);
}
