import { z } from 'zod';

/** The server's scheduled backups, as the administrator's page shows them. */
export const backupStatus = z.object({
  /** False when BACKUP_DIR is off: nothing is backed up by the server. */
  scheduled: z.boolean(),
  last: z.object({ at: z.string(), bytes: z.number().int() }).nullable(),
  /** No backup yet, or the newest is older than a day. */
  stale: z.boolean(),
});
export type BackupStatusView = z.infer<typeof backupStatus>;
