/**
 * Person search on a large registry: `npm run bench:search [-- --people 200000] [--users 20]`.
 * Builds N people in families with cases at three centres (in SQL), then times the
 * search use case as a specialist of one centre would call it, on PGlite and, when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL. Prints the median of
 * repeated runs per query. Then the header's search (`quickSearch`, with its audit entry) as
 * `--users` specialists of that centre type at once, each on the team of her share of its cases,
 * keystroke by keystroke (`--think` ms between one user's requests, 300 by default: the box sends a
 * request 200 ms after the last keystroke): prints the median and p95 over every request.
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Database } from '../src/db/connection';
import { chooseOnTeam, quickSearch } from '../src/modules/families/quick-search';
import { searchPeople } from '../src/modules/families/search';
import { ensureOrganisation } from '../src/modules/organisation/ensure-organisation';
import { users } from '../src/modules/users/tables';
import type { ActorCtx } from '../src/platform/context';
import { newId } from '../src/platform/ids';
import { searchQuery } from '../src/shared/contracts/registry';
import { benchDatabaseKinds, freshDatabase } from '../test/helpers/databases';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '200000' },
    users: { type: 'string', default: '20' },
    /** Between one user's requests: the box waits 200 ms after the last keystroke, and people type on. */
    think: { type: 'string', default: '300' },
    /** `pglite` or `postgresql`: one engine only. */
    only: { type: 'string' },
    /** Print the plan of the header search's choice of cases for this name. */
    explain: { type: 'string' },
    /** All users start at once and wait exactly `--think` ms: waves of simultaneous requests (the worst case). */
    lockstep: { type: 'boolean', default: false },
  },
});
const people = Number(values.people);
const concurrentUsers = Number(values.users);
const thinkMs = Number(values.think);

async function populate(database: Database): Promise<ActorCtx['actor']> {
  const now = new Date('2026-03-02T09:00:00Z');
  const org = await ensureOrganisation(database.unsafeDb, 'Bench', now);
  const centres = [newId(), newId(), newId()];
  for (const [i, id] of centres.entries()) {
    await database.query(
      `INSERT INTO centres (id, organisation_id, name, created_at, updated_at) VALUES ($1, $2, $3, now(), now())`,
      [id, org, `Centrs ${i + 1}`],
    );
  }
  const userId = newId();
  await database.query(
    `INSERT INTO users (id, organisation_id, email, given_name, family_name, specialty, password_hash, must_change_password, created_at, updated_at)
     VALUES ($1, $2, 'bench@example.org', 'Bench', 'User', 'social_worker', 'x', false, now(), now())`,
    [userId, org],
  );
  await database.query(
    `INSERT INTO role_grants (id, organisation_id, user_id, role, centre_id, created_at) VALUES ($1, $2, $3, 'specialist', $4, now())`,
    [newId(), org, userId, centres[0]],
  );
  const families = Math.ceil(people / 3);
  // Everything below is generated in the database: names cycle through Latvian lists.
  await database.exec(`
    CREATE TEMP TABLE given_names AS SELECT row_number() OVER () - 1 AS i, n FROM unnest(ARRAY['Anna','Jānis','Līga','Pēteris','Ilze','Andris','Inese','Kārlis','Dace','Māris','Ance','Ēriks','Zane','Gints','Ģirts','Laura','Oskars','Santa','Toms','Elīza']) n;
    CREATE TEMP TABLE family_names AS SELECT row_number() OVER () - 1 AS i, n FROM unnest(ARRAY['Kalniņa','Bērziņš','Ozola','Liepiņš','Krūmiņa','Zariņš','Vītola','Jansons','Eglīte','Kļaviņš','Sproģe','Āboliņš','Čakste','Šmits','Žagars','Dreiblate','Pētersone','Lācis','Grīnberga','Siliņš','Ziemele','Balode','Priede','Kalējs','Strautiņa']) n;
  `);
  const org_ = `'${org}'::uuid`;
  await database.exec(`
    INSERT INTO families (id, organisation_id, name, created_at, updated_at)
      SELECT md5('f' || g)::uuid, ${org_}, 'Ģimene ' || g, now(), now() FROM generate_series(1, ${families}) g;
    INSERT INTO persons (id, organisation_id, given_name, family_name, birth_date, birth_year, search_name, sort_key, created_at, updated_at)
      SELECT md5('p' || g)::uuid, ${org_}, gn.n, fn.n || CASE WHEN g > 500 THEN '-' || (g % 997) ELSE '' END,
             d, extract(year FROM d)::int,
             lower(translate(gn.n || ' ' || fn.n || ' ' || (g % 997) || ' ' || gn.n, 'āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ', 'acegiklnsuzACEGIKLNSUZ')),
             lower(fn.n || ' ' || gn.n), now(), now()
      FROM generate_series(1, ${people}) g
      CROSS JOIN LATERAL (SELECT date '1950-01-01' + (g * 7919 % 25000) AS d) b
      JOIN given_names gn ON gn.i = g % 20
      JOIN family_names fn ON fn.i = (g / 3) % 25;
    INSERT INTO family_members (id, organisation_id, family_id, person_id, relation, joined_on)
      SELECT md5('m' || g)::uuid, ${org_}, md5('f' || ((g - 1) / 3 + 1))::uuid, md5('p' || g)::uuid, 'other', date '2020-01-01'
      FROM generate_series(1, ${people}) g;
    INSERT INTO cases (id, organisation_id, family_id, centre_id, key_worker_id, status, opened_on, referral_date, referral_source, created_at, updated_at, restricted)
      SELECT md5('c' || g)::uuid, ${org_}, md5('f' || g)::uuid,
             (ARRAY['${centres[0]}','${centres[1]}','${centres[2]}']::uuid[])[g % 3 + 1], '${userId}', 'active',
             date '2020-01-01', date '2020-01-01', 'school', now(), now(), g % 10 = 0
      FROM generate_series(1, ${families}) g;
    ANALYZE;
  `);
  const [user] = await database.unsafeDb.select().from(users).where(eq(users.id, userId));
  return actorOf(userId, org, user!.email, centres[0]!);
}

function actorOf(userId: string, org: string, email: string, centreId: string): ActorCtx['actor'] {
  return {
    userId,
    organisationId: org,
    sessionId: 'bench',
    email,
    givenName: 'Bench',
    familyName: 'User',
    specialty: 'social_worker',
    language: 'lv',
    mustChangePassword: false,
    roles: [{ role: 'specialist', centreId }],
  };
}

/**
 * `count` specialists of the first user's centre, each on the team of every `count`-th of its cases (a
 * caseload of about 1 100 families each at 200 000 people).
 */
async function specialists(database: Database, first: ActorCtx['actor'], count: number) {
  const centreId = first.roles[0]!.centreId!;
  const actors: ActorCtx['actor'][] = [];
  for (let i = 0; i < count; i++) {
    const id = newId();
    const email = `bench${i}@example.org`;
    await database.query(
      `INSERT INTO users (id, organisation_id, email, given_name, family_name, specialty, password_hash, must_change_password, created_at, updated_at)
       VALUES ($1, $2, $3, 'Bench', 'User', 'social_worker', 'x', false, now(), now())`,
      [id, first.organisationId, email],
    );
    await database.query(
      `INSERT INTO role_grants (id, organisation_id, user_id, role, centre_id, created_at) VALUES ($1, $2, $3, 'specialist', $4, now())`,
      [newId(), first.organisationId, id, centreId],
    );
    await database.query(
      `INSERT INTO case_team (case_id, user_id, organisation_id, added_at)
       SELECT id, $1, organisation_id, now() FROM cases WHERE centre_id = $2 AND number_seq % $3 = $4`,
      [id, centreId, count, i],
    );
    actors.push(actorOf(id, first.organisationId, email, centreId));
  }
  await database.exec('ANALYZE');
  return actors;
}

/** What a specialist types into the header's search, as the requests it sends (two letters on). */
const typing = [
  'ka',
  'kal',
  'kaln',
  'kalni',
  'kalnin',
  'an',
  'anna',
  'anna kal',
  'be',
  'berz',
  '2020-0',
  '2020-01',
  '2020-012',
  '',
];

/** A seeded generator of numbers in [0, 1) (mulberry32), so that every run waits the same times. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Every user types every query once, all in the same few seconds; the latency of each request. People do
 * not type in step: each user starts at a random moment within one pause and pauses between half and one and
 * a half times `--think` (on average `--think`, so the load is the same), from a fixed seed. `--lockstep`
 * starts them all at once with equal pauses, so that their requests arrive in waves of twenty.
 */
async function concurrentQuickSearch(database: Database, actors: ActorCtx['actor'][]) {
  const samples: number[] = [];
  const byQuery = new Map<string, number[]>();
  let found = 0;
  const random = seeded(20261202);
  const pause = () => (values.lockstep ? thinkMs : thinkMs * (0.5 + random()));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.all(
    actors.map(async (actor, index) => {
      await sleep(values.lockstep ? 0 : thinkMs * random());
      for (let i = 0; i < typing.length; i++) {
        const q = typing[(i + index) % typing.length]!;
        const started = performance.now();
        const result = await database.unsafeDb.transaction((tx) =>
          quickSearch({ actor, tx, ip: null, language: 'lv', now: new Date() }, q),
        );
        samples.push(performance.now() - started);
        byQuery.set(q, [...(byQuery.get(q) ?? []), performance.now() - started]);
        found += result.results.length + result.recent.length;
        await sleep(pause());
      }
    }),
  );
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))]!;
  const slowest = [...byQuery.entries()]
    .map(([q, times]) => [q, times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([q, ms]) => `"${q}" ${ms.toFixed(0)} ms`)
    .join(', ');
  return { median: at(0.5), p95: at(0.95), requests: samples.length, found, slowest };
}

async function time(
  database: Database,
  actor: NonNullable<ActorCtx['actor']>,
  query: Record<string, string>,
) {
  const parsed = searchQuery.parse(query);
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    const result = await database.unsafeDb.transaction((tx) =>
      searchPeople({ actor, tx, ip: null, language: 'lv', now: new Date() }, parsed),
    );
    samples.push(performance.now() - started);
    found = result.results.length;
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, found };
}

for (const kind of benchDatabaseKinds().filter((k) => !values.only || k === values.only)) {
  const database = await freshDatabase(kind);
  try {
    const started = performance.now();
    const actor = await populate(database);
    console.log(
      `${kind}: ${people} people generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const queries: Record<string, string>[] = [
      { q: 'kalnina' },
      { q: 'berz' },
      { q: 'anna kalnina' },
      { q: 'sproge 42' },
      { birthDate: '1980-06-15' },
    ];
    for (const query of queries) {
      const { median, found } = await time(database, actor, query);
      console.log(
        `${kind}: search ${JSON.stringify(query)} → ${found} results, median ${median.toFixed(1)} ms`,
      );
    }
    const actors = await specialists(database, actor, concurrentUsers);
    if (values.explain !== undefined) {
      const ctx = {
        actor: actors[0]!,
        tx: database.unsafeDb,
        ip: null,
        language: 'lv' as const,
        now: new Date(),
      };
      await database.exec('SET random_page_cost = 1.1'); // as quickSearch sets it for its transaction
      // A specialist's search by name reads her rows of `team_cases` (migration 0033).
      const query = chooseOnTeam(ctx as never, values.explain).toSQL();
      const plan = await database.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ANALYZE ${query.sql}`,
        query.params,
      );
      console.log(plan.map((row) => row['QUERY PLAN']).join('\n'));
    }
    await concurrentQuickSearch(database, actors); // warm up
    const quick = await concurrentQuickSearch(database, actors);
    console.log(
      `${kind}: header search, ${concurrentUsers} users at once (${values.lockstep ? `${thinkMs} ms between one's requests, in step` : `on average ${thinkMs} ms between one's requests`}), ${quick.requests} requests (${quick.found} families shown): median ${quick.median.toFixed(1)} ms, p95 ${quick.p95.toFixed(1)} ms; slowest medians: ${quick.slowest}`,
    );
  } finally {
    await database.close();
  }
}
