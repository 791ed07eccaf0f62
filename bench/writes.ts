/**
 * Writing speed: `npm run bench:writes [-- --requests 400]`. Ten clients at once log a home visit of a
 * family (the activity, its attendance, its audit entry) through the API, on the embedded database on
 * disk (with every commit flushed to the disk, and, for comparison, without: how it ran before) and, when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL. Prints requests per second and the
 * median and 99th percentile of the time one request took.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTestApp, type TestApp } from '../test/helpers/app';
import { benchDatabaseKinds } from '../test/helpers/databases';
import { activityTypeIds } from '../test/helpers/registry';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '400' } } });
const requests = Number(values.requests);
const clients = 10;

async function measure(t: TestApp): Promise<{ perSecond: number; median: number; p99: number }> {
  const centre = await t.createCentre('Bauska');
  const worker = await t.user({
    roles: [{ role: 'specialist', centreId: centre }],
    specialty: 'social_worker',
  });
  const homeVisit = (await activityTypeIds(worker.caller)).home_visit;
  const cases: string[] = [];
  for (let i = 0; i < clients; i++) {
    const registered = await worker.caller.post('/api/families', {
      members: [
        { relation: 'mother', person: { givenName: 'Anna', familyName: `Rakstītāja${i}`, birthYear: 1988 } },
      ],
      case: { centreId: centre, referralDate: '2026-02-01', referralSource: 'social_service' },
      confirmSimilar: true,
    });
    if (registered.statusCode !== 201) throw new Error(registered.body);
    cases.push((registered.json() as { caseId: string }).caseId);
  }
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    cases.map(async (caseId) => {
      for (let i = 0; i < requests / clients; i++) {
        const begun = performance.now();
        const logged = await worker.caller.post(`/api/cases/${caseId}/activities`, {
          typeId: homeVisit,
          // One a day, back from 1 March: the same family's visit twice on one day is a suspected duplicate.
          occursOn: new Date(Date.UTC(2026, 2, 1) - i * 86_400_000).toISOString().slice(0, 10),
          durationMinutes: 60,
          place: 'home',
          notes: 'Mājas vizīte.',
        });
        if (logged.statusCode !== 201) throw new Error(logged.body);
        times.push(performance.now() - begun);
      }
    }),
  );
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { perSecond: (times.length / elapsed) * 1000, median: at(0.5), p99: at(0.99) };
}

const runs: { name: string; open: () => Promise<TestApp>; dataDir?: string }[] = [];
for (const kind of benchDatabaseKinds()) {
  if (kind === 'postgresql') {
    runs.push({ name: 'PostgreSQL', open: () => createTestApp('postgresql') });
    continue;
  }
  for (const durable of [true, false]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'atb-bench-writes-'));
    runs.push({
      name: `PGlite on disk, ${durable ? 'each commit flushed to the disk' : 'no flush (before issue 19)'}`,
      open: () => createTestApp('pglite', { dataDir, durable }),
      dataDir,
    });
  }
}

console.log(`${requests} home visits logged by ${clients} clients at once`);
for (const run of runs) {
  const t = await run.open();
  try {
    const { perSecond, median, p99 } = await measure(t);
    console.log(
      `${run.name.padEnd(52)} ${perSecond.toFixed(0).padStart(5)} requests/s   median ${median.toFixed(1).padStart(6)} ms   p99 ${p99.toFixed(1).padStart(6)} ms`,
    );
  } finally {
    await t.app.close();
    await t.database.close();
    if (run.dataDir) rmSync(run.dataDir, { recursive: true, force: true });
  }
}
