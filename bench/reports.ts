/**
 * The project-results report on a large organisation: `npm run bench:reports [-- --families 20000]`.
 * Generates (in SQL) N families of four people with cases at three centres, activities over
 * two years attributed to one project, and two attendance rows per activity — a family row
 * and a person row — so that 20 000 families give 1 000 000 attendance rows. Times the report
 * (the same code the API and CLI run) and beside it the fastest hand-written SQL for the
 * same `families_reached` figure, on PGlite and on PostgreSQL (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL). The last line is PostgreSQL's: `report_ms=<n> sql_ms=<n> ratio=<n>`.
 */
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import type { Database, DatabaseKind } from '../src/db/connection';
import { queryRows } from '../src/db/raw';
import { ensureOrganisation } from '../src/modules/organisation/ensure-organisation';
import { projects } from '../src/modules/projects/tables';
import { dimensions, indicatorStatement, reportSettings } from '../src/modules/reports/indicators';
import { projectResultBreakdowns, projectResults } from '../src/modules/reports/reports';
import { newId } from '../src/server/ids';
import { freshDatabase } from '../test/helpers/databases';

const { values } = parseArgs({
  options: {
    families: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    explain: { type: 'boolean', default: false },
    /** `pglite` or `postgresql`: time one engine only. */
    only: { type: 'string' },
  },
});
const families = Number(values.families);
const runs = Number(values.runs);
const activitiesPerFamily = 25;

async function populate(database: Database): Promise<string> {
  const now = new Date('2026-03-02T09:00:00Z');
  const org = await ensureOrganisation(database.db, 'Bench', now);
  const o = `'${org}'::uuid`;
  const centres = [newId(), newId(), newId()];
  for (const [i, id] of centres.entries())
    await database.query(
      `INSERT INTO centres (id, organisation_id, name, created_at, updated_at) VALUES ($1, $2, $3, now(), now())`,
      [id, org, `Centrs ${i + 1}`],
    );
  const centreOf = (expr: string) => `(ARRAY['${centres.join("','")}']::uuid[])[(${expr}) % 3 + 1]`;
  const userId = newId();
  await database.query(
    `INSERT INTO users (id, organisation_id, email, given_name, family_name, specialty, password_hash, must_change_password, created_at, updated_at)
     VALUES ($1, $2, 'bench@example.org', 'Bench', 'User', 'social_worker', 'x', false, now(), now())`,
    [userId, org],
  );
  const projectId = newId();
  await database.query(
    `INSERT INTO projects (id, organisation_id, code, title_lv, title_en, description_lv, description_en, starts_on, ends_on, status, places, cofinancing_counts_in_kind, created_at, updated_at)
     VALUES ($1, $2, 'BENCH-1', 'Bench', 'Bench', '', '', '2024-01-01', '2025-12-31', 'active', '{}', true, now(), now())`,
    [projectId, org],
  );
  await database.query(
    `INSERT INTO project_targets (id, organisation_id, project_id, indicator_key, label, planned_value) VALUES ($1, $2, $3, 'families_reached', '', $4)`,
    [newId(), org, projectId, Math.round(families * 0.9)],
  );
  const types = await database.query<{ id: string; code: string }>('SELECT id, code FROM activity_types');
  const typeIds = types.filter((t) =>
    ['consultation', 'home_visit', 'support_group_session'].includes(t.code),
  );
  const typeOf = (expr: string) =>
    `(ARRAY['${typeIds.map((t) => t.id).join("','")}']::uuid[])[(${expr}) % 3 + 1]`;
  const people = families * 4;
  const activityCount = families * activitiesPerFamily;
  await database.exec(`
    INSERT INTO families (id, organisation_id, name, created_at, updated_at)
      SELECT md5('f' || g)::uuid, ${o}, 'Ģimene ' || g, now(), now() FROM generate_series(1, ${families}) g;
    INSERT INTO persons (id, organisation_id, given_name, family_name, birth_date, birth_year, sex, search_name, sort_key, created_at, updated_at)
      SELECT md5('p' || g)::uuid, ${o}, 'Vārds', 'Uzvārds', d, extract(year FROM d)::int,
             CASE WHEN g % 4 IN (1, 3) THEN 'female' ELSE 'male' END, 'x', 'x', now(), now()
      FROM generate_series(1, ${people}) g
      CROSS JOIN LATERAL (SELECT CASE WHEN g % 4 IN (1, 2) THEN date '1975-01-01' + (g * 37 % 7000)
                                      ELSE date '2008-01-01' + (g * 53 % 5000) END AS d) b;
    INSERT INTO family_members (id, organisation_id, family_id, person_id, relation, joined_on)
      SELECT md5('m' || g)::uuid, ${o}, md5('f' || ((g - 1) / 4 + 1))::uuid, md5('p' || g)::uuid,
             CASE g % 4 WHEN 1 THEN 'mother' WHEN 2 THEN 'father' ELSE 'child' END, date '2020-01-01'
      FROM generate_series(1, ${people}) g;
    INSERT INTO cases (id, organisation_id, family_id, centre_id, key_worker_id, status, opened_on, referral_date, referral_source, created_at, updated_at)
      SELECT md5('c' || g)::uuid, ${o}, md5('f' || g)::uuid, ${centreOf('g')}, '${userId}', 'active',
             date '2023-12-01', date '2023-12-01', 'school', now(), now()
      FROM generate_series(1, ${families}) g;
    INSERT INTO activities (id, organisation_id, type_id, centre_id, case_id, occurs_on, duration_minutes, place, status, created_at, updated_at)
      SELECT md5('a' || g)::uuid, ${o}, ${typeOf('g')}, ${centreOf(`(g - 1) / ${activitiesPerFamily} + 1`)},
             md5('c' || ((g - 1) / ${activitiesPerFamily} + 1))::uuid,
             date '2023-07-01' + (g * 7 % 900), 60, 'centre', CASE WHEN g % 20 = 0 THEN 'cancelled' ELSE 'held' END,
             now(), now()
      FROM generate_series(1, ${activityCount}) g;
    INSERT INTO activity_projects (activity_id, project_id)
      SELECT md5('a' || g)::uuid, '${projectId}' FROM generate_series(1, ${activityCount}) g;
    INSERT INTO activity_participants (id, organisation_id, activity_id, family_id, person_id, attendance)
      SELECT md5('pf' || g)::uuid, ${o}, md5('a' || g)::uuid, md5('f' || ((g - 1) / ${activitiesPerFamily} + 1))::uuid, NULL,
             CASE WHEN g % 10 = 0 THEN 'absent' ELSE 'present' END
      FROM generate_series(1, ${activityCount}) g;
    INSERT INTO activity_participants (id, organisation_id, activity_id, family_id, person_id, attendance)
      SELECT md5('pp' || g)::uuid, ${o}, md5('a' || g)::uuid, NULL,
             md5('p' || (((g - 1) / ${activitiesPerFamily}) * 4 + 1 + g % 4))::uuid,
             CASE WHEN g % 7 = 0 THEN 'absent' ELSE 'present' END
      FROM generate_series(1, ${activityCount}) g;
    ANALYZE;
  `);
  return projectId;
}

/**
 * The fastest hand-written query we know for the project's families reached: one pass over
 * the attendance, a family participant reaching its family and a person participant the
 * families they belonged to that day. (Two passes joined by UNION ALL took 0.8 s at the
 * default size, this one 0.6 s, with the report's planner settings.)
 */
const handWritten = (projectId: string, from: string, to: string) => sql`
  SELECT count(*)::int AS n FROM (
    SELECT DISTINCT coalesce(p.family_id, fm.family_id)
    FROM activities a
    JOIN activity_participants p ON p.activity_id = a.id AND p.attendance = 'present'
    LEFT JOIN family_members fm ON p.family_id IS NULL AND fm.person_id = p.person_id
      AND fm.joined_on <= a.occurs_on AND (fm.left_on IS NULL OR fm.left_on >= a.occurs_on)
    WHERE a.status = 'held' AND a.occurs_on BETWEEN ${from} AND ${to}
      AND EXISTS (SELECT 1 FROM activity_projects ap WHERE ap.activity_id = a.id AND ap.project_id = ${projectId})
  ) reached`;

async function median(work: () => Promise<unknown>): Promise<number> {
  await work(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const kinds: DatabaseKind[] = ['pglite'];
if (process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL) {
  process.env.TEST_DATABASE_URL ||= process.env.BENCH_DATABASE_URL;
  kinds.push('postgresql');
}
let last = '';
for (const kind of kinds.filter((k) => !values.only || k === values.only)) {
  const database = await freshDatabase(kind);
  try {
    const started = performance.now();
    const projectId = await populate(database);
    const [attendance] = await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM activity_participants',
    );
    console.log(
      `${kind}: ${families} families, ${families * 4} people, ${attendance!.n} attendance rows generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const [project] = await database.db.select().from(projects).where(eq(projects.id, projectId));
    if (values.explain) {
      // The plan of the report's statement, for performance work.
      const sets = [[], ...projectResultBreakdowns];
      const used = dimensions.filter((d) => sets.some((set) => (set as string[]).includes(d)));
      const statement = indicatorStatement(
        { organisationId: project!.organisationId, from: '2024-01-01', to: '2025-12-31', projectId },
        sets,
        used,
      );
      // As the report runs it: in a transaction with its settings.
      const plan = await database.db.transaction(async (tx) => {
        await reportSettings(tx);
        return queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain analyze ${statement}`);
      });
      console.log(plan.map((row) => row['QUERY PLAN']).join('\n'));
    }
    let figure = 0;
    const reportMs = await median(async () => {
      const report = await projectResults(database.db, project!, 'lv');
      figure = report.indicators.find((i) => i.key === 'families_reached' && i.by === null)!.achieved;
    });
    let handFigure = 0;
    const sqlMs = await median(async () => {
      // With the same planner settings as the report.
      const [row] = await database.db.transaction(async (tx) => {
        await reportSettings(tx);
        return queryRows<{ n: number }>(tx, handWritten(projectId, '2024-01-01', '2025-12-31'));
      });
      handFigure = row!.n;
    });
    if (figure !== handFigure)
      throw new Error(`The report says ${figure} families, the hand-written query ${handFigure}.`);
    const ratio = reportMs / sqlMs;
    console.log(
      `${kind}: project-results report ${reportMs.toFixed(0)} ms, hand-written families_reached ${sqlMs.toFixed(0)} ms (${figure} families), ratio ${ratio.toFixed(2)}`,
    );
    last = `report_ms=${reportMs.toFixed(0)} sql_ms=${sqlMs.toFixed(0)} ratio=${ratio.toFixed(2)}`;
  } finally {
    await database.close();
  }
}
console.log(last);
