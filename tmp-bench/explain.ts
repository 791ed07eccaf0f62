import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/connection';
import { queryRows } from '../src/db/raw';
import { dimensions, indicatorStatement, reportSettings } from '../src/modules/reports/indicators';
import { projectResultBreakdowns } from '../src/modules/reports/reports';

const database = await openDatabase({ kind: 'postgresql', url: `postgres://postgres@127.0.0.1:5432/${process.argv[2]}` });
const [p] = await database.query<{ id: string; organisation_id: string }>('select id, organisation_id from projects limit 1');
const sets = [[], ...projectResultBreakdowns];
const used = dimensions.filter((d) => sets.some((set) => (set as string[]).includes(d)));
const statement = indicatorStatement({ organisationId: p!.organisation_id, from: '2024-01-01', to: '2025-12-31', projectId: p!.id }, sets, used);
for (let i = 0; i < 2; i++) {
  const started = performance.now();
  const plan = await database.unsafeDb.transaction(async (tx) => {
    await reportSettings(tx);
    return queryRows<{ 'QUERY PLAN': string }>(tx, process.argv[3] ? sql`explain analyze ${statement}` : statement);
  });
  console.log(performance.now() - started);
  if (i === 1 && process.argv[3]) console.log(plan.map((row) => row['QUERY PLAN']).join('\n'));
}
await database.close();
