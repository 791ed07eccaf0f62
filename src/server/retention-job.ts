import type { Database } from '../db/connection';
import { applyRetention, planRetention } from '../modules/subject-access/retention';
import type { Config } from '../platform/config';
import type { Ctx } from '../platform/context';

/** One run, in one transaction (a failure changes nothing); answers what it did, or would do, in a line. */
export async function runRetention(
  database: Database,
  config: Pick<Config, 'caseRetentionYears' | 'dataDir'>,
  now: Date,
  dryRun: boolean,
): Promise<string> {
  let removeFiles: () => Promise<void> = async () => {};
  const plan = await database.unsafeDb.transaction(async (tx) => {
    const ctx: Ctx = { actor: null, tx, ip: null, language: 'en', now };
    const planned = await planRetention(ctx, config.caseRetentionYears);
    if (!dryRun) removeFiles = await applyRetention(ctx, planned, config.dataDir);
    return planned;
  });
  await removeFiles();
  const what = `${plan.persons.length} ${plan.persons.length === 1 ? 'person' : 'people'} to anonymise, ${plan.documents.length} ${plan.documents.length === 1 ? 'document' : 'documents'} to delete (each organisation under its retention rules; CASE_RETENTION_YEARS ${config.caseRetentionYears} where it has none)`;
  return dryRun ? `Dry run: ${what}; nothing changed.` : `Retention done: ${what.replace(/ to /g, ' ')}.`;
}

/** The server's daily run; a failure is logged and the next day tries again. */
export function scheduleRetention(database: Database, config: Config, now: () => Date): () => void {
  const day = 24 * 3_600_000;
  const timer = setInterval(() => {
    runRetention(database, config, now(), false)
      .then((line) => console.log(line))
      .catch((error) =>
        console.error(`retention run failed (${(error as Error).name}); tried again tomorrow`),
      );
  }, day);
  timer.unref();
  return () => clearInterval(timer);
}
