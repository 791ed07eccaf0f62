/**
 * The project-results report on a large organisation: `npm run bench:reports [-- --families 20000]`.
 * Generates (in SQL) N families of four people (some children turning 18 during the project)
 * with cases at three centres and two years of work attributed to one project: by default
 * (`--shape services`) the seeds' mix of family consultations, mentoring and support groups,
 * with `--shape uniform` the worst case for unduplicated counting. Either way 20 000 families
 * give 1 000 000 attendance rows. Times the report (the same code the API and CLI run) and
 * beside it the fastest hand-written SQL for the same `families_reached` figure, on PGlite
 * and on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL). The last line is
 * PostgreSQL's: `report_ms=<n> sql_ms=<n> ratio=<n>`. With `--reference`, times instead the request
 * of the results page for the reference project (`atbalsts demo --reference`).
 */
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import type { Database, DatabaseKind } from '../src/db/connection';
import { queryRows } from '../src/db/raw';
import { loadReferenceDataset, referenceProjectCode } from '../src/demo/reference';
import { ensureOrganisation } from '../src/modules/organisation/ensure-organisation';
import { projects } from '../src/modules/projects/tables';
import { rebuildReportRows } from '../src/modules/reports/derived';
import { dimensions, indicatorStatement, reportSettings } from '../src/modules/reports/indicators';
import { projectResultBreakdowns, projectResults } from '../src/modules/reports/reports';
import { newId } from '../src/platform/ids';
import { createTestApp } from '../test/helpers/app';
import { benchDatabaseKinds, freshDatabase } from '../test/helpers/databases';

const { values } = parseArgs({
  options: {
    families: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    explain: { type: 'boolean', default: false },
    /** Keep the PostgreSQL database and print its name, for trying queries on it by hand. */
    keep: { type: 'boolean', default: false },
    /** `pglite` or `postgresql`: time one engine only. */
    only: { type: 'string' },
    /** Time instead the results page's request on the reference dataset (`atbalsts demo --reference`). */
    reference: { type: 'boolean', default: false },
    /** `services` (the seeds' mix of family work, mentoring and groups) or `uniform` (the worst case). */
    shape: { type: 'string', default: 'services' },
  },
});
const families = Number(values.families);
const runs = Number(values.runs);
const shape = values.shape;
if (shape !== 'services' && shape !== 'uniform') throw new Error('--shape is services or uniform');

/** The tables whose triggers keep the report tables in step (migration 0029). */
const reportSources = [
  'activities',
  'activity_participants',
  'activity_day_attendance',
  'activity_projects',
  'family_members',
  'persons',
];

/**
 * Generates the organisation. The report tables' triggers are off while a million rows go in (their
 * per-activity refresh is for the writes people make, not for this) and the tables are then rebuilt
 * from the records at once, as `atbalsts reports rebuild` does.
 */
async function populate(database: Database): Promise<string> {
  const triggers = (on: boolean) =>
    database.exec(
      reportSources.map((t) => `ALTER TABLE ${t} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER;`).join('\n'),
    );
  await triggers(false);
  const projectId = await generate(database);
  await triggers(true);
  await rebuildReportRows(database.unsafeDb);
  await database.exec('ANALYZE');
  return projectId;
}

async function generate(database: Database): Promise<string> {
  const now = new Date('2026-03-02T09:00:00Z');
  const org = await ensureOrganisation(database.unsafeDb, 'Bench', now);
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
  const type = (code: string) => `'${types.find((t) => t.code === code)!.id}'::uuid`;
  const people = families * 4;
  await database.exec(`
    INSERT INTO families (id, organisation_id, name, created_at, updated_at)
      SELECT md5('f' || g)::uuid, ${o}, 'Ģimene ' || g, now(), now() FROM generate_series(1, ${families}) g;
    INSERT INTO persons (id, organisation_id, given_name, family_name, birth_date, birth_year, sex, search_name, sort_key, created_at, updated_at)
      SELECT md5('p' || g)::uuid, ${o}, 'Vārds', 'Uzvārds', d, extract(year FROM d)::int,
             CASE WHEN g % 4 IN (1, 3) THEN 'female' ELSE 'male' END, 'x', 'x', now(), now()
      FROM generate_series(1, ${people}) g
      CROSS JOIN LATERAL (SELECT CASE WHEN g % 4 IN (1, 2) THEN date '1975-01-01' + (g * 37 % 7000)
                                      ELSE date '2006-06-01' + (g * 53 % 5600) END AS d) b;
    INSERT INTO family_members (id, organisation_id, family_id, person_id, relation, joined_on)
      SELECT md5('m' || g)::uuid, ${o}, md5('f' || ((g - 1) / 4 + 1))::uuid, md5('p' || g)::uuid,
             CASE g % 4 WHEN 1 THEN 'mother' WHEN 2 THEN 'father' ELSE 'child' END, date '2020-01-01'
      FROM generate_series(1, ${people}) g;
    INSERT INTO cases (id, organisation_id, family_id, centre_id, key_worker_id, status, opened_on, referral_date, referral_source, created_at, updated_at)
      SELECT md5('c' || g)::uuid, ${o}, md5('f' || g)::uuid, ${centreOf('g')}, '${userId}', 'active',
             date '2023-12-01', date '2023-12-01', 'school', now(), now()
      FROM generate_series(1, ${families}) g;
  `);
  await database.exec(shape === 'uniform' ? uniformWork(o, centreOf, type) : servicesWork(o, centreOf, type));
  await database.exec(`
    INSERT INTO activity_projects (activity_id, project_id) SELECT id, '${projectId}' FROM activities;
    ANALYZE;
  `);
  return projectId;
}

type Sql = (expr: string) => string;

/**
 * The work of a family-support organisation as the seeds describe it, per family of four:
 * 15 consultations and home visits with the family (a family participant); for every
 * fourth family, a child meeting a mentor 20 times; and for three families in five, the
 * mother in a support group of 12 parents that meets every other week, 50 sessions.
 * Some attendance is absent and some activities cancelled, which must not count. At
 * 20 000 families: 300 000 + 100 000 + 600 000 = 1 000 000 attendance rows.
 */
function servicesWork(o: string, centreOf: Sql, type: Sql): string {
  const mentored = Math.floor(families / 4);
  const groups = Math.floor((families * 3) / 5 / 12);
  return `
    INSERT INTO programmes (id, organisation_id, name_lv, name_en, created_at, updated_at) VALUES
      (md5('programme 1')::uuid, ${o}, 'Ģimeņu atbalsts', 'Family support', now(), now()),
      (md5('programme 2')::uuid, ${o}, 'Atbalsta grupas', 'Support groups', now(), now());
    INSERT INTO activities (id, organisation_id, type_id, centre_id, programme_id, case_id, occurs_on, duration_minutes, place, status, created_at, updated_at)
      SELECT md5('fa' || f || '-' || i)::uuid, ${o}, CASE WHEN i % 3 = 0 THEN ${type('home_visit')} ELSE ${type('consultation')} END,
             ${centreOf('f')}, md5('programme 1')::uuid, md5('c' || f)::uuid, date '2023-07-01' + ((f * 37 + i * 61) % 900), 60, 'centre',
             CASE WHEN (f + i) % 20 = 0 THEN 'cancelled' ELSE 'held' END, now(), now()
      FROM generate_series(1, ${families}) f, generate_series(1, 15) i;
    INSERT INTO activity_participants (id, organisation_id, activity_id, family_id, person_id, attendance)
      SELECT md5('fp' || f || '-' || i)::uuid, ${o}, md5('fa' || f || '-' || i)::uuid, md5('f' || f)::uuid, NULL,
             CASE WHEN (f * 3 + i) % 10 = 0 THEN 'absent' ELSE 'present' END
      FROM generate_series(1, ${families}) f, generate_series(1, 15) i;
    INSERT INTO activities (id, organisation_id, type_id, centre_id, programme_id, occurs_on, duration_minutes, place, status, created_at, updated_at)
      SELECT md5('ma' || m || '-' || i)::uuid, ${o}, ${type('mentoring_meeting')}, ${centreOf('m * 4')}, md5('programme 1')::uuid,
             date '2023-09-01' + (m % 300) + i * 28, 90, 'centre', 'held', now(), now()
      FROM generate_series(1, ${mentored}) m, generate_series(1, 20) i;
    INSERT INTO activity_participants (id, organisation_id, activity_id, family_id, person_id, attendance)
      SELECT md5('mp' || m || '-' || i)::uuid, ${o}, md5('ma' || m || '-' || i)::uuid, NULL, md5('p' || (m * 16 - 1))::uuid,
             CASE WHEN (m + i) % 8 = 0 THEN 'absent' ELSE 'present' END
      FROM generate_series(1, ${mentored}) m, generate_series(1, 20) i;
    INSERT INTO support_groups (id, organisation_id, centre_id, programme_id, name, created_at, updated_at)
      SELECT md5('g' || k)::uuid, ${o}, ${centreOf('(k - 1) * 12 + 1')}, md5('programme 2')::uuid, 'Grupa ' || k, now(), now()
      FROM generate_series(1, ${groups}) k;
    INSERT INTO group_members (id, organisation_id, group_id, person_id, joined_on)
      SELECT md5('gm' || k || '-' || j)::uuid, ${o}, md5('g' || k)::uuid, md5('p' || (((k - 1) * 12 + j - 1) * 4 + 1))::uuid, date '2023-09-01'
      FROM generate_series(1, ${groups}) k, generate_series(1, 12) j;
    INSERT INTO activities (id, organisation_id, type_id, centre_id, programme_id, group_id, occurs_on, duration_minutes, place, status, created_at, updated_at)
      SELECT md5('ga' || k || '-' || s)::uuid, ${o}, ${type('support_group_session')}, ${centreOf('(k - 1) * 12 + 1')},
             md5('programme 2')::uuid, md5('g' || k)::uuid, date '2023-09-01' + (k % 120) + s * 14, 120, 'centre',
             CASE WHEN (k + s) % 25 = 0 THEN 'cancelled' ELSE 'held' END, now(), now()
      FROM generate_series(1, ${groups}) k, generate_series(1, 50) s;
    INSERT INTO activity_participants (id, organisation_id, activity_id, family_id, person_id, attendance)
      SELECT md5('gp' || k || '-' || s || '-' || j)::uuid, ${o}, md5('ga' || k || '-' || s)::uuid, NULL,
             md5('p' || (((k - 1) * 12 + j - 1) * 4 + 1))::uuid, CASE WHEN (k + s + j) % 7 = 0 THEN 'absent' ELSE 'present' END
      FROM generate_series(1, ${groups}) k, generate_series(1, 50) s, generate_series(1, 12) j;
  `;
}

/**
 * The worst case for unduplicated counting (`--shape uniform`): 25 activities per family of
 * a rotating type, each with a family participant and one family member, in turn, in
 * person, so that most people appear in a different breakdown cell at every visit.
 */
function uniformWork(o: string, centreOf: Sql, type: Sql): string {
  const perFamily = 25;
  const count = families * perFamily;
  const typeOf = (expr: string) =>
    `(ARRAY[${['consultation', 'home_visit', 'support_group_session'].map(type).join(', ')}])[(${expr}) % 3 + 1]`;
  return `
    INSERT INTO activities (id, organisation_id, type_id, centre_id, case_id, occurs_on, duration_minutes, place, status, created_at, updated_at)
      SELECT md5('a' || g)::uuid, ${o}, ${typeOf('g')}, ${centreOf(`(g - 1) / ${perFamily} + 1`)},
             md5('c' || ((g - 1) / ${perFamily} + 1))::uuid,
             date '2023-07-01' + (g * 7 % 900), 60, 'centre', CASE WHEN g % 20 = 0 THEN 'cancelled' ELSE 'held' END,
             now(), now()
      FROM generate_series(1, ${count}) g;
    INSERT INTO activity_participants (id, organisation_id, activity_id, family_id, person_id, attendance)
      SELECT md5('pf' || g)::uuid, ${o}, md5('a' || g)::uuid, md5('f' || ((g - 1) / ${perFamily} + 1))::uuid, NULL,
             CASE WHEN g % 10 = 0 THEN 'absent' ELSE 'present' END
      FROM generate_series(1, ${count}) g;
    INSERT INTO activity_participants (id, organisation_id, activity_id, family_id, person_id, attendance)
      SELECT md5('pp' || g)::uuid, ${o}, md5('a' || g)::uuid, NULL,
             md5('p' || (((g - 1) / ${perFamily}) * 4 + 1 + g % 4))::uuid,
             CASE WHEN g % 7 = 0 THEN 'absent' ELSE 'present' END
      FROM generate_series(1, ${count}) g;
  `;
}

/**
 * The fastest hand-written query we know for the project's families reached: one pass over
 * the attendance, a family participant reaching its family and a person participant the
 * families they belonged to that day. (Two passes joined by UNION ALL took 0.8 s on the
 * uniform shape at 20 000 families, this one 0.6 s, with the report's planner settings.)
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

/**
 * `--reference`: the project-results request the results page makes (the report, its targets, the
 * audit entry) for the reference project, as its project manager, through the API.
 */
async function referencePage(kind: DatabaseKind): Promise<void> {
  const t = await createTestApp(kind);
  try {
    await loadReferenceDataset(t.database, t.clock.now());
    const [project] = await t.database.unsafeDb
      .select()
      .from(projects)
      .where(eq(projects.code, referenceProjectCode));
    const manager = await t.user({ roles: [{ role: 'project_manager' }] });
    const ms = await median(async () => {
      const response = await manager.caller.get(`/api/projects/${project!.id}/reports/project-results`);
      if (response.statusCode !== 200) throw new Error(response.body);
    });
    console.log(
      `${kind}: the reference project's results page request ${ms.toFixed(0)} ms (median of ${runs})`,
    );
  } finally {
    await t.app.close();
    await t.database.close();
  }
}

if (values.reference) {
  for (const kind of benchDatabaseKinds().filter((k) => !values.only || k === values.only))
    await referencePage(kind);
  process.exit(0);
}

let last = '';
for (const kind of benchDatabaseKinds().filter((k) => !values.only || k === values.only)) {
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
    const [project] = await database.unsafeDb.select().from(projects).where(eq(projects.id, projectId));
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
      const plan = await database.unsafeDb.transaction(async (tx) => {
        await reportSettings(tx);
        return queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain analyze ${statement}`);
      });
      console.log(plan.map((row) => row['QUERY PLAN']).join('\n'));
    }
    let figure = 0;
    const reportMs = await median(async () => {
      const report = await projectResults(database.unsafeDb, project!, 'lv');
      figure = report.indicators.find((i) => i.key === 'families_reached' && i.by === null)!.achieved;
    });
    let handFigure = 0;
    const sqlMs = await median(async () => {
      // With the same planner settings as the report.
      const [row] = await database.unsafeDb.transaction(async (tx) => {
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
    if (values.keep && kind === 'postgresql') {
      const [kept] = await database.query<{ name: string }>('SELECT current_database() AS name');
      console.log(`kept the database ${kept!.name}; drop it when done`);
    } else await database.close();
  }
}
console.log(last);
if (values.keep) process.exit(0);
