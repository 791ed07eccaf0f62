import type { ImportJobView } from '../../shared/contracts/imports';
import type { Language } from '../../shared/i18n';
import { hashToken } from '../auth/sessions';
import type { ImportResult } from './run-import';
import type { Table } from './spreadsheet';

/**
 * An import runs after its request has been answered, so that a file of 50 000 rows neither holds a
 * request open nor freezes the page: the page (or the command line) asks how far it got. Jobs live in
 * the server's memory for an hour after they end: enough to read the result and download the error file.
 * Only the user who started a job can see it; anyone else is told it does not exist.
 */
export interface ImportJob {
  id: string;
  userId: string;
  /** The session that started it (its token's hash): that session sees its progress while it runs. */
  sessionDigest: string;
  mode: ImportJobView['mode'];
  state: ImportJobView['state'];
  processed: number;
  total: number;
  result: ImportResult | null;
  error: string | null;
  table: Table;
  fileName: string;
  language: Language;
  endedAt: number | null;
}

const jobs = new Map<string, ImportJob>();
const keepMs = 3_600_000;

export function addJob(job: ImportJob): void {
  const now = Date.now();
  for (const [id, old] of jobs) if (old.endedAt !== null && now - old.endedAt > keepMs) jobs.delete(id);
  jobs.set(job.id, job);
}

export function jobOf(id: string, userId: string): ImportJob | null {
  const job = jobs.get(id);
  return job && job.userId === userId ? job : null;
}

/**
 * A running job's progress for the session that started it, or null. On the embedded database an
 * import's transaction holds the one connection until it ends, so a progress request that signed in
 * through the database would wait for the end too and the bar would never move: the session's own job
 * answers without it, with nothing but its counts. Its result is read as any other request's, signed in.
 */
export function runningProgress(id: string, sessionToken: string | undefined): ImportJobView | null {
  const job = jobs.get(id);
  if (job?.state !== 'running' || !sessionToken || hashToken(sessionToken) !== job.sessionDigest) return null;
  return { ...jobView(job), result: null };
}

export function jobView(job: ImportJob): ImportJobView {
  const { problemsByRow: _all, ...result } = job.result ?? { problemsByRow: null };
  return {
    id: job.id,
    mode: job.mode,
    state: job.state,
    processed: job.processed,
    total: job.total,
    result: job.result ? (result as NonNullable<ImportJobView['result']>) : null,
    error: job.error,
  };
}
