/**
 * Audit trail verification at scale: `npm run bench:audit [-- --entries 1000000]`.
 * Writes N audit entries through the chaining trigger (in SQL, in batches), then times
 * `verifyAuditTrail` over all of them, on PGlite and, when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set, on PostgreSQL.
 */
import { parseArgs } from 'node:util';
import { verifyAuditTrail } from '../src/modules/audit/verify';
import { ensureOrganisation } from '../src/modules/organisation/ensure-organisation';
import { benchDatabaseKinds, freshDatabase } from '../test/helpers/databases';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '1000000' } } });
const entries = Number(values.entries);
// Batches as small as real transactions are: a chain head updated many times in one transaction slows it.
const batch = 1000;

for (const kind of benchDatabaseKinds()) {
  const database = await freshDatabase(kind);
  try {
    const org = await ensureOrganisation(database.unsafeDb, 'Bench', new Date('2026-03-02T09:00:00Z'));
    const started = performance.now();
    for (let done = 0; done < entries; done += batch) {
      const n = Math.min(batch, entries - done);
      await database.query(
        `INSERT INTO audit_log (id, organisation_id, occurred_at, action, entity_type, entity_id, outcome, details)
         SELECT gen_random_uuid(), $1, timestamptz '2026-01-01' + g * interval '1 second', 'case.read', 'case',
                md5(g::text), 'success', jsonb_build_object('n', g)
         FROM generate_series($2::int, $3::int) g`,
        [org, done + 1, done + n],
      );
    }
    const written = (performance.now() - started) / 1000;
    const checkStarted = performance.now();
    const verification = await verifyAuditTrail(database.unsafeDb);
    const checked = (performance.now() - checkStarted) / 1000;
    console.log(
      `${kind}: ${verification.entries} entries written through the chain in ${written.toFixed(1)} s ` +
        `(${Math.round(verification.entries / written)}/s); verified in ${checked.toFixed(1)} s: ` +
        (verification.broken ? `BROKEN ${JSON.stringify(verification.broken)}` : 'intact'),
    );
  } finally {
    await database.close();
  }
}
