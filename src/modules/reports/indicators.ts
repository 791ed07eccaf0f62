import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { queryRows } from '../../db/raw';
import { adultAge } from '../../shared/age';
import { type IndicatorKey, indicatorKeys } from '../../shared/indicators';

/**
 * The indicator engine: every figure a report shows is computed here, in SQL, over the
 * raw records (activities, attendance, family membership, persons, institutions). The
 * counting rules are DOMAIN.md's:
 *
 * - Only **held** activities count; a cancelled or planned one never does. Only participants
 *   marked **present** count; absent and excused ones do not.
 * - A **family is reached** in a scope and period when it, or one of its members, attended
 *   at least one activity of that scope held in that period. A person participant reaches
 *   the family they came with (events) or else every family they were a member of on the
 *   activity's day (so a person who changed family reaches the family of that day).
 * - **Children in families reached**: distinct people under 18 on the day their family was
 *   first reached in the period (within the scope and breakdown cell), members of that
 *   family on that day. A person known only by birth year is taken as born on 1 July.
 * - **Persons reached**: distinct people who attended in person (person participants). A
 *   family participant (e.g. "the family" at a consultation) reaches the family, not named
 *   people: who of them was there is not recorded. Merged duplicates count once.
 * - **Women reached**: persons reached who are female and 18 or older on the activity's day.
 * - **Groups held**: distinct groups with at least one held session. **Events held**:
 *   distinct held activities of an `event` type (camps, closing and information events).
 *   **Institutions reached**: distinct institutions that took part in a held activity with
 *   at least one staff member attending. **Activities held**: held activities.
 *   **Service hours**: the sum of their durations (a multi-day event: per day × days; with
 *   attendance taken per day, × the days someone was present).
 * - A multi-day event with attendance per day is **dated by the days attended** (rule 7 of
 *   issue 18; see `baseRelations`).
 * - Everything is **unduplicated within its cell**: within the scope, the period and the
 *   breakdown value (a family reached by a camp and a support group counts once overall,
 *   and once in each of the two activity-type cells).
 * - A breakdown leaves out activities without a value for its dimension (an activity with
 *   no programme is not in any programme's row, but it is in the unbroken figure).
 */

export const dimensions = [
  'centre',
  'programme',
  'activity_type',
  'group',
  'quarter',
  'year',
  'sex',
  'age_band',
  'disability',
  'municipality',
] as const;
export type Dimension = (typeof dimensions)[number];

/**
 * Dimensions of the person who attended rather than of the activity (issue 18, rule 8): sex, age band
 * on the day (0–2, 3–6, 7–12, 13–17, adults, or unknown without a birth date or year), disability
 * (yes/no) and municipality of residence (empty when not recorded). They break down the figures that
 * count people: persons reached and women reached (by the person who attended, on the day), and
 * children in families reached (by the child, on the day the family was first reached in the cell).
 * Families, activities, groups and institutions have no such cells (a family has members of both
 * sexes and every age).
 */
export const personDimensions: readonly Dimension[] = ['sex', 'age_band', 'disability', 'municipality'];
const personIndicators: readonly IndicatorKey[] = indicatorKeys.filter((key) =>
  ['children_in_families_reached', 'persons_reached', 'women_reached'].includes(key),
);
const isPersonSet = (set: readonly Dimension[]) => set.some((d) => personDimensions.includes(d));
/**
 * The indicators a breakdown gives, in the order of the indicator list that targets name: all of them,
 * or with a person dimension those about people.
 */
export const indicatorsOf = (set: readonly Dimension[]): readonly IndicatorKey[] =>
  isPersonSet(set) ? personIndicators : indicatorKeys;

export interface Scope {
  organisationId: string;
  from: string;
  to: string;
  projectId?: string;
  programmeId?: string;
  centreId?: string;
  /** Only activities at these centres (a centre manager's view of a project). */
  centreIds?: string[];
  /** An activity type code (`camp`) or, for an organisation's own type, its id. */
  activityType?: string;
  groupId?: string;
  /** Families of the contract's linked cases, and activities on those cases. */
  contractId?: string;
}

export interface Figure {
  key: IndicatorKey;
  /** null: the unbroken figure; otherwise the breakdown's dimension values. */
  by: Partial<Record<Dimension, string>> | null;
  value: number;
}

/** The column of the `act` relation that holds each dimension's value. */
const dimensionColumn: Record<Dimension, string> = {
  centre: 'd_centre',
  programme: 'd_programme',
  activity_type: 'd_activity_type',
  group: 'd_group',
  quarter: 'd_quarter',
  year: 'd_year',
  sex: 'd_sex',
  age_band: 'd_age_band',
  disability: 'd_disability',
  municipality: 'd_municipality',
};
const personColumns = personDimensions.map((d) => dimensionColumn[d]);

/** The birthday of person `pe`, taken as 1 July when only the year is known. */
const bornOn = 'coalesce(pe.birth_date, make_date(pe.birth_year, 7, 1))';
/** The day person `pe` turns 18: a date comparison is cheap. */
const adultOn = `(${bornOn} + interval '${adultAge} years')`;

/**
 * A child's person dimensions on a day (the children of a family reached are broken down by their own
 * sex, age and so on, on the day the family was first reached in the cell), from the person `pe`. The
 * same values as `report_attendance` holds for a person who attended (migration 0029).
 */
const childKey = (column: string, day: string): string =>
  ({
    d_sex: 'pe.sex',
    d_age_band: `case when pe.birth_date is null and pe.birth_year is null then 'unknown'
      when ${day} < ${bornOn} + interval '3 years' then '0-2'
      when ${day} < ${bornOn} + interval '7 years' then '3-6'
      when ${day} < ${bornOn} + interval '13 years' then '7-12'
      when ${day} < ${adultOn} then '13-17' else 'adult' end`,
    d_disability: "case when pe.disability then 'yes' else 'no' end",
    d_municipality: 'pe.municipality',
  })[column]!;
const dimensionName: Record<string, string> = {
  d_centre: '(select name from centres where id = r.d_centre)',
  d_programme: '(select name_lv from programmes where id = r.d_programme)',
  d_activity_type: '(select coalesce(code, name_lv) from activity_types where id = r.d_activity_type)',
  d_group: '(select name from support_groups where id = r.d_group)',
  d_quarter: "(r.d_quarter / 10) || '-Q' || (r.d_quarter % 10)",
  d_year: 'r.d_year::text',
  d_sex: 'r.d_sex',
  d_age_band: 'r.d_age_band',
  d_disability: 'r.d_disability',
  d_municipality: 'r.d_municipality',
};

/**
 * The scope's conditions on a row `r` of the derived tables: its organisation, project, programme,
 * centres, group, type and contract.
 */
function scopeFilters(scope: Scope): SQL[] {
  const parts: SQL[] = [sql`r.organisation_id = ${scope.organisationId}`];
  if (scope.projectId) parts.push(sql`${scope.projectId}::uuid = any(r.project_ids)`);
  if (scope.programmeId) parts.push(sql`r.programme_id = ${scope.programmeId}`);
  if (scope.centreId) parts.push(sql`r.centre_id = ${scope.centreId}`);
  if (scope.centreIds)
    parts.push(
      scope.centreIds.length
        ? sql`r.centre_id in (${sql.join(
            scope.centreIds.map((centre) => sql`${centre}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  if (scope.groupId) parts.push(sql`r.group_id = ${scope.groupId}`);
  if (scope.activityType)
    parts.push(
      sql`r.type_id in (select id from activity_types where code = ${scope.activityType} or id::text = ${scope.activityType})`,
    );
  if (scope.contractId)
    parts.push(
      sql`(r.case_id is null or r.case_id in (select case_id from contract_cases where contract_id = ${scope.contractId}))`,
    );
  return parts;
}

/**
 * The key of each dimension on a row `r` of the derived tables `report_activities` and
 * `report_attendance`. Inside the statement each dimension is a compact key (an id, or a number for a
 * year or quarter) so that a million attendance rows carry and hash little; names are looked up for the
 * few result rows at the end. Person dimensions are null for a family participant (no person), so it is
 * in no cell of them.
 */
const derivedKey = (column: string): string =>
  ({
    d_centre: 'r.centre_id',
    d_programme: 'r.programme_id',
    d_activity_type: 'r.type_id',
    d_group: 'r.group_id',
    d_quarter: '(extract(year from r.occurs_on)::int * 10 + extract(quarter from r.occurs_on)::int)',
    d_year: 'extract(year from r.occurs_on)::int',
    d_sex: 'r.sex',
    d_age_band: 'r.age_band',
    d_disability: 'r.disability',
    d_municipality: 'r.municipality',
  })[column]!;

/** The dimension columns, each followed by a comma, to select or group by. */
const dims = (of: string[]) => sql.raw(of.map((c) => `${c}, `).join(''));

/**
 * Held activities in scope and period with every dimension's value (`act`); the families reached
 * (`reach`, one row per family and combination of activity dimension values) and the people who
 * attended in person (`present`, one row per person and combination of dimension values), each with the
 * first day in the period they were there, and whether the person was an adult woman there. Shared by
 * every indicator query.
 *
 * They read the derived tables of migration 0029, kept in step with the records by triggers in the
 * same transaction as every write (`atbalsts reports verify` checks them): `report_activities`, the
 * held activities with their minutes and projects, and `report_attendance`, their present attendance
 * with the family reached and the person already resolved. A family participant reaches its family; a
 * person participant the family they came with or else every family they belonged to on the day; a
 * person who belonged to none reaches no family.
 *
 * **Which day a row is dated by** (`occurs_on`). An activity is dated by the day it took place. A
 * multi-day event whose attendance was taken per day is dated by the days on which someone was present:
 * `act` has a row for each such day in the period (its hours are the hours per day times those days),
 * and each person who was marked per day is dated by the days they were present. So a camp from 30.12
 * to 02.01 attended only on 1 and 2 January counts in the new year, and a family there on 31.12 and 1.1
 * is reached in both years (and once in a report spanning both). A multi-day event without attendance
 * per day is dated by its first day, its hours by all its days.
 *
 * An activity with a row per day counts once in a cell: `act` marks each activity's first row in the
 * period (`first_all`), in its year (`first_year`) and in its quarter (`first_quarter`), and the
 * activities are counted by summing the mark of the cell's time dimension, which PostgreSQL can hash
 * where a count of distinct ids would have it sort every row once per breakdown.
 *
 * **Whole years from the attendance by year.** The attendance of the whole calendar years in the period
 * is read from `report_attendance_years` (migration 0031: per year, family or person and combination of
 * the columns read here, the first day there and whether an adult woman was there), a few rows per family
 * where `report_attendance` has one per day attended; the days of the period outside whole years come
 * from `report_attendance` (`seen`). Both are grouped the same way, by a minimum and an "or", which give
 * the same over year rows as over day rows. A breakdown by quarter reads the days.
 */
function baseRelations(scope: Scope, cols: string[] = []): SQL {
  const contractFamilies = scope.contractId
    ? sql`and family_id in (select c.family_id from contract_cases cc join cases c on c.id = cc.case_id
                           where cc.contract_id = ${scope.contractId})`
    : sql``;
  // Activity dimensions are carried everywhere; person dimensions only by rows of people.
  const activityCols = cols.filter((c) => !personColumns.includes(c));
  const keys = (of: string[], key: (column: string) => string) =>
    sql.raw(of.map((c) => `${key(c)} as ${c}, `).join(''));
  const inPeriod = (day: string) => sql`${sql.raw(day)} between ${scope.from} and ${scope.to}`;
  const derived = sql.join([...scopeFilters(scope), inPeriod('r.occurs_on')], sql` and `);
  // The activities' rows, those of events attended per day apart (only they need their first day marked).
  const activityRows = (perDay: boolean) => sql`
    select r.activity_id as id, r.occurs_on, r.minutes, ${keys(activityCols, derivedKey)} r.group_id, t.kind
    from report_activities r join activity_types t on t.id = r.type_id
    where ${derived} and ${sql.raw(perDay ? '' : 'not ')}r.per_day`;
  return sql`
    act as not materialized (
      select id, occurs_on, minutes, 1 as first_all, 1 as first_year, 1 as first_quarter,
             ${dims(activityCols)} group_id, kind
      from (${activityRows(false)}) single
      union all
      select id, occurs_on, minutes,
             (occurs_on = min(occurs_on) over (partition by id))::int,
             (occurs_on = min(occurs_on) over (partition by id, extract(year from occurs_on)))::int,
             (occurs_on = min(occurs_on) over (partition by id, extract(year from occurs_on),
                                                extract(quarter from occurs_on)))::int,
             ${dims(activityCols)} group_id, kind
      from (${activityRows(true)}) days
    ),
    seen as not materialized (${seenRows(scope, cols.includes('d_quarter'))}),
    reach as (
      select ${keys(activityCols, derivedKey)} r.family_id, min(r.occurs_on) as occurs_on
      from seen r where r.family_id is not null ${contractFamilies}
      group by ${dims(activityCols)} r.family_id
    ),
    present as (
      select ${keys(cols, derivedKey)} r.person_id, min(r.occurs_on) as occurs_on, bool_or(r.woman) as woman
      from seen r where r.person_id is not null
      group by ${dims(cols)} r.person_id
    )`;
}

/** The whole calendar years from `from` to `to` (ISO dates), or null when the period holds none. */
export function wholeYears(from: string, to: string): { first: number; last: number } | null {
  const first = Number(from.slice(0, 4)) + (from.slice(5) === '01-01' ? 0 : 1);
  const last = Number(to.slice(0, 4)) - (to.slice(5) === '12-31' ? 0 : 1);
  return first <= last ? { first, last } : null;
}

/** What `seen` reads of the attendance rows, the same from either table. */
const seenColumns = sql.raw(
  'r.occurs_on, r.centre_id, r.programme_id, r.type_id, r.group_id, r.family_id, r.person_id, r.woman, r.sex, r.age_band, r.disability, r.municipality',
);

/**
 * The present attendance in scope and period (see `baseRelations`): the whole years of the period from
 * `report_attendance_years`, its other days from `report_attendance`; all of it from the days when
 * `byQuarter` or when the period holds no whole year.
 */
function seenRows(scope: Scope, byQuarter: boolean): SQL {
  const filters = scopeFilters(scope);
  const days = (extra: SQL) =>
    sql`select ${seenColumns} from report_attendance r
        where ${sql.join([...filters, sql`r.occurs_on between ${scope.from} and ${scope.to}`, extra], sql` and `)}`;
  const years = byQuarter ? null : wholeYears(scope.from, scope.to);
  if (!years) return days(sql`true`);
  return sql`select ${seenColumns} from report_attendance_years r
      where ${sql.join([...filters, sql`r.year between ${years.first} and ${years.last}`], sql` and `)}
    union all
    ${days(sql`(r.occurs_on < ${`${years.first}-01-01`} or r.occurs_on > ${`${years.last}-12-31`})`)}`;
}

/**
 * Planner settings for the report's transaction (PostgreSQL; PGlite accepts and ignores the
 * parallel ones). The aggregation sorts a few hundred thousand rows: give it the memory to
 * do so in RAM. The attendance join inside each materialized relation is one large scan:
 * let the planner hand it to parallel workers, which at the default costs it does not
 * (`npm run bench:reports`, 1 000 000 attendance rows: 3.6 s before, 3.0 s with these settings).
 */
export async function reportSettings(tx: Pick<Db, 'execute'>): Promise<void> {
  await tx.execute(sql`set local work_mem = '64MB'`);
  await tx.execute(sql`set local parallel_setup_cost = 100`);
  await tx.execute(sql`set local parallel_tuple_cost = 0.01`);
}

/**
 * Members of the given families who are under 18 on some day of the scope's period (only
 * they can be children of a family reached, and there are far fewer of them), with the day
 * each turns 18. `childOn` picks those who were members and children on a given day.
 */
const minorsOf = (scope: Scope, families: SQL) => sql`
  select fm.family_id, fm.joined_on, fm.left_on, coalesce(pe.merged_into, pe.id) as person_id,
         ${sql.raw(adultOn)} as adult_on
  from family_members fm join persons pe on pe.id = fm.person_id
  where ${sql.raw(adultOn)} > ${scope.from} and fm.family_id in (${families})`;
const childOn = (minor: string, day: string) =>
  sql.raw(`${minor}.joined_on <= ${day} and (${minor}.left_on is null or ${minor}.left_on >= ${day})
           and ${day} < ${minor}.adult_on`);

/**
 * What grouping() over the dimensions `used` gives for a row of the breakdown `set`: a bit for each used
 * dimension the set is not grouped by, the first dimension the highest bit.
 */
const notGroupedMask = (used: readonly Dimension[], set: readonly Dimension[]): number =>
  used.reduce((bits, d, index) => (set.includes(d) ? bits : bits | (1 << (used.length - 1 - index))), 0);

/**
 * Computes every indicator for the scope, unbroken and for each requested breakdown (each
 * a list of dimensions taken together), in one SQL statement.
 *
 * How it stays fast on a million attendance rows: attendance is read once and folded at
 * once into small bases — one row per family and combination of dimension values (with
 * the day it was first reached), one per person and combination (and whether she was an
 * adult woman) — and every breakdown is a GROUPING SET over those bases.
 */
export async function computeIndicators(
  db: Db,
  scope: Scope,
  breakdowns: Dimension[][] = [],
): Promise<Figure[]> {
  const sets: Dimension[][] = [[], ...breakdowns];
  const used = dimensions.filter((d) => sets.some((set) => set.includes(d)));
  const rows = await db.transaction(async (tx) => {
    await reportSettings(tx);
    return queryRows<Record<string, string | number | null>>(tx, indicatorStatement(scope, sets, used));
  });
  const figures: Figure[] = [];
  for (const set of sets) {
    const bits = notGroupedMask(used, set);
    // A cell of a breakdown: rows of this set whose dimensions all have a value.
    const cells = new Map<string, { by: Figure['by']; values: Partial<Record<IndicatorKey, number>> }>();
    for (const row of rows) {
      if (Number(row.g) !== bits) continue;
      if (set.some((d) => row[dimensionColumn[d]] === null)) continue;
      const by = set.length
        ? (Object.fromEntries(set.map((d) => [d, String(row[dimensionColumn[d]])])) as Figure['by'])
        : null;
      const key = JSON.stringify(by);
      const cell = cells.get(key) ?? { by, values: {} };
      statementColumns[String(row.metric)]!.forEach((key, index) => {
        cell.values[key] = Number(row[`v${index + 1}`]);
      });
      cells.set(key, cell);
    }
    if (set.length === 0 && cells.size === 0) cells.set('null', { by: null, values: {} });
    // Cells exist where activities were held (with a person dimension: where people attended);
    // ordered by their dimension values.
    const keys = indicatorsOf(set);
    const ordered = [...cells.values()]
      .filter((cell) =>
        isPersonSet(set)
          ? keys.some((key) => cell.values[key] !== undefined)
          : set.length === 0 || cell.values.activities_held !== undefined,
      )
      .sort((a, b) => JSON.stringify(a.by ?? {}).localeCompare(JSON.stringify(b.by ?? {}), 'en'));
    for (const cell of ordered)
      for (const key of keys) {
        const value = cell.values[key] ?? 0;
        figures.push({
          key,
          by: cell.by,
          value: key === 'service_hours' ? Math.round(value * 100) / 100 : value,
        });
      }
  }
  return figures;
}

/** The one statement behind `computeIndicators` (exported for EXPLAIN in benchmarks). */
export function indicatorStatement(scope: Scope, sets: Dimension[][], used: Dimension[]): SQL {
  const cols = used.map((d) => dimensionColumn[d]);
  const activityCols = cols.filter((c) => !personColumns.includes(c));
  // Families are grouped by the activity dimensions of every breakdown, person ones included: the
  // children of a family reached in a cell are broken down by their own sex, age and so on.
  const activityPart = (set: Dimension[]) => set.filter((d) => !personDimensions.includes(d));
  const activitySets = [
    ...new Map(sets.map((set) => [JSON.stringify(activityPart(set)), activityPart(set)])).values(),
  ];
  /**
   * The SQL pieces of one part of the statement, grouped by its own columns (`own`) in its breakdowns
   * (`partSets`) and giving every column of the statement (null where it has none of a dimension).
   */
  const part = (available: string[], partSets: Dimension[][]) => {
    // Only columns it groups by: grouping() refuses any other.
    const own = available.filter((c) => partSets.some((set) => set.some((d) => dimensionColumn[d] === c)));
    const list = (prefix = '') => own.map((c) => `${prefix}${c}`).join(', ');
    // grouping() flags, as a bitmask over all the statement's columns, the dimensions a row is
    // *not* grouped by; a part without a column is never grouped by it.
    const bits = cols.map((c, i) => {
      const bit = 2 ** (cols.length - 1 - i);
      return own.includes(c) ? `grouping(${c}) * ${bit}` : String(bit);
    });
    return {
      withDims: (extra: string) => sql.raw(own.length ? `${list()}, ${extra}` : extra),
      dimsOnly: sql.raw(own.length ? `${list()}, ` : ''),
      out: (prefix = '') =>
        sql.raw(cols.map((c) => (own.includes(c) ? `${prefix}${c}, ` : `null as ${c}, `)).join('')),
      mask: sql.raw(bits.length ? bits.join(' + ') : '0'),
      groupingSets: (extra: string[]) =>
        sql.raw(
          `group by grouping sets (${partSets
            .map((set) => `(${[...set.map((d) => dimensionColumn[d]), ...extra].join(', ')})`)
            .join(', ')})`,
        ),
      fcList: sql.raw(own.length ? `, ${list('fc.')}` : ''),
      /** A sum of the first-row marks of `act` by the row's time dimension (see `baseRelations`). */
      firstRows: (filter = '') => {
        const sum = (mark: string) => `sum(${mark})${filter && ` filter (where ${filter})`}`;
        const byTime = [
          ...(own.includes('d_quarter') ? [`when grouping(d_quarter) = 0 then ${sum('first_quarter')}`] : []),
          ...(own.includes('d_year') ? [`when grouping(d_year) = 0 then ${sum('first_year')}`] : []),
        ];
        return sql.raw(
          byTime.length ? `case ${byTime.join(' ')} else ${sum('first_all')} end` : sum('first_all'),
        );
      },
      fcDims: sql.raw(own.length ? `${list('fc.')}, ` : ''),
    };
  };
  const fam = part(activityCols, activitySets);
  const people = part(cols, sets);
  // Children in families reached, per breakdown with a person dimension: the family's cell of the
  // breakdown's activity dimensions, its children on the day it was first reached there.
  const children = sets.filter(isPersonSet).map((set) => {
    const setCols = set.map((d) => dimensionColumn[d]);
    const inner = cols
      .filter((c) => setCols.includes(c))
      .map((c) => (personColumns.includes(c) ? `${childKey(c, 'fc.first_on')} as ${c}` : `fc.${c}`));
    const outer = cols.map((c) => (setCols.includes(c) ? `${c}, ` : `null as ${c}, `)).join('');
    return sql`
    union all
    select 'children', ${sql.raw(String(notGroupedMask(used, set)))}, ${sql.raw(outer)} count(distinct person_id)::float8, null, null, null
      from (
        select ${sql.raw(inner.join(', '))}, m.person_id
        from fam_cell fc
        join minor_kind m on m.family_id = fc.family_id and ${childOn('m', 'fc.first_on')}
        join persons pe on pe.id = m.person_id
        where fc.g = ${sql.raw(String(notGroupedMask(used, activityPart(set))))}
      ) child ${sql.raw(`group by ${cols.filter((c) => setCols.includes(c)).join(', ')}`)}`;
  });
  return sql`with ${baseRelations(scope, cols)},
    fam_base as materialized (
      -- reach is already one row per family and combination of the breakdowns' activity dimensions
      select ${fam.withDims('family_id, occurs_on as first_on')} from reach
    ),
    minors as materialized (${minorsOf(scope, sql`select distinct family_id from fam_base`)}),
    minor_kind as materialized (
      -- A child of one family only, a member and under 18 all through the period, is a
      -- child of that family on whichever day it was first reached: counted by a sum.
      -- Every other minor is checked on the day (and counted once across families).
      select m.*, count(*) over (partition by m.person_id) = 1 and m.joined_on <= ${scope.from}
             and (m.left_on is null or m.left_on >= ${scope.to}) and m.adult_on > ${scope.to} as steady
      from minors m
    ),
    family_children as (
      -- Per family: its steady children, and whether it has others to check on the day.
      select family_id, count(*) filter (where steady) as n, bool_or(not steady) as unsteady
      from minor_kind group by family_id
    ),
    fam_cell as materialized (
      -- one row per breakdown cell and family reached in it, with the day first reached there
      select ${fam.mask} as g, ${fam.dimsOnly} fb.family_id, min(first_on) as first_on,
             max(coalesce(fk.n, 0)) as n, bool_or(coalesce(fk.unsteady, false)) as unsteady
      from fam_base fb left join family_children fk on fk.family_id = fb.family_id
      ${fam.groupingSets(['fb.family_id'])}
    ),
    act_cell as materialized (
      -- the activities summed per combination of dimension values: few rows for the breakdowns to add up
      -- (and per group, which the count of groups held reads)
      select ${dims(activityCols)} kind, group_id, sum(first_all) as first_all,
             sum(first_year) as first_year, sum(first_quarter) as first_quarter, sum(minutes) as minutes
      from act group by ${dims(activityCols)} kind, group_id
    ),
    person_cell as (
      -- one row per breakdown cell and person present in it, and whether an adult woman there
      select ${people.mask} as g, ${people.dimsOnly} person_id, bool_or(woman) as woman
      from present ${people.groupingSets(['person_id'])}
    )
    select r.metric, r.g, ${sql.raw(cols.map((c) => `${dimensionName[c]} as ${c}, `).join(''))} r.v1, r.v2, r.v3, r.v4
    from (
    select 'families' as metric, g, ${fam.out()} sum(v1)::float8 as v1, sum(v2)::float8 as v2,
           null::float8 as v3, null::float8 as v4
    from (
      select g, ${fam.dimsOnly} count(*) as v1, sum(n) as v2 from fam_cell group by ${fam.withDims('g')}
      union all
      select fc.g, ${fam.fcDims} 0, count(distinct m.person_id)
        from fam_cell fc
        join minor_kind m on not m.steady and m.family_id = fc.family_id and ${childOn('m', 'fc.first_on')}
        where fc.unsteady
        group by fc.g${fam.fcList}
    ) f group by ${fam.withDims('g')}
    union all
    select 'people', g, ${people.out()} count(*)::float8, (count(*) filter (where woman))::float8, null, null
      from person_cell group by ${people.withDims('g')}
    union all
    select 'activities', ${fam.mask}, ${fam.out()} coalesce(${fam.firstRows()}, 0)::float8,
           coalesce(${fam.firstRows("kind = 'event'")}, 0)::float8, (coalesce(sum(minutes), 0) / 60.0)::float8, null
      from act_cell ${fam.groupingSets([])}
    union all
    select 'groups', ${fam.mask}, ${fam.out()} count(distinct group_id)::float8, null, null, null
      from (select distinct ${fam.withDims('group_id')} from act_cell where group_id is not null) held_groups
      ${fam.groupingSets([])}
    union all
    select 'institutions', ${fam.mask}, ${fam.out()} count(distinct ai.institution_id)::float8, null, null, null
      from act join activity_institutions ai on ai.activity_id = act.id and ai.staff_attended > 0
      ${fam.groupingSets([])}
    ${sql.join(children, sql``)}
    ) r`;
}

/** Which indicator each value column of each part of the statement holds. */
const statementColumns: Record<string, IndicatorKey[]> = {
  families: ['families_reached', 'children_in_families_reached'],
  people: ['persons_reached', 'women_reached'],
  children: ['children_in_families_reached'],
  activities: ['activities_held', 'events_held', 'service_hours'],
  groups: ['groups_held'],
  institutions: ['institutions_reached'],
};

/**
 * Families reached for the first time in each quarter of the scope's period (new), the
 * basis of the quarterly report's "new and cumulative" figures. One statement.
 */
export async function newFamiliesByQuarter(
  db: Db,
  scope: Scope,
): Promise<{ quarter: string; families: number }[]> {
  return queryRows<{ quarter: string; families: number }>(
    db,
    sql`with ${baseRelations(scope)}
      select to_char(first_on, 'YYYY-"Q"Q') as quarter, count(*)::int as families
      from (select family_id, min(occurs_on) as first_on from reach group by family_id) f
      group by 1 order by 1`,
  );
}

export interface RecordBehind {
  kind: 'family' | 'person' | 'group' | 'activity' | 'institution';
  id: string;
  /** A pseudonymous code for families and people; the name for groups and institutions. */
  code: string;
  date: string | null;
}

/** Conditions that pick a breakdown cell, on the compact keys the relations carry. */
function cellConditions(scope: Scope, by: Figure['by'], prefix = ''): SQL {
  const parts: SQL[] = [sql`true`];
  for (const [dimension, value] of Object.entries(by ?? {}) as [Dimension, string][]) {
    const column = sql.raw(`${prefix}${dimensionColumn[dimension]}`);
    const org = scope.organisationId;
    if (dimension === 'centre')
      parts.push(
        sql`${column} in (select id from centres where organisation_id = ${org} and name = ${value})`,
      );
    if (dimension === 'programme')
      parts.push(
        sql`${column} in (select id from programmes where organisation_id = ${org} and name_lv = ${value})`,
      );
    if (dimension === 'activity_type')
      parts.push(sql`${column} in (select id from activity_types where coalesce(code, name_lv) = ${value})`);
    if (dimension === 'group')
      parts.push(
        sql`${column} in (select id from support_groups where organisation_id = ${org} and name = ${value})`,
      );
    if (dimension === 'year') parts.push(sql`${column} = ${Number(value)}`);
    if (personDimensions.includes(dimension)) parts.push(sql`${column} = ${value}`);
    if (dimension === 'quarter') {
      const [year, quarter] = value.split('-Q');
      parts.push(sql`${column} = ${Number(year) * 10 + Number(quarter)}`);
    }
  }
  return sql.join(parts, sql` and `);
}

/**
 * The records behind one figure: which families, people, groups, activities or
 * institutions it counts (at most `limit`), computed by the same relations as the figure.
 * Families and people are given as pseudonymous codes; the caller decides who may also
 * see names.
 */
export async function recordsBehind(
  db: Db,
  scope: Scope,
  key: IndicatorKey,
  by: Figure['by'],
  limit = 1000,
): Promise<RecordBehind[]> {
  const used = dimensions.filter((d) => by && d in by);
  const cols = used.map((d) => dimensionColumn[d]);
  const base = baseRelations(scope, cols);
  // A pseudonym: stable for the organisation, not the id itself.
  const code = (prefix: string, id: string) =>
    sql`${`${prefix}-`}::text || upper(substr(md5(${scope.organisationId}::text || ${sql.raw(id)}::text), 1, 8))`;
  let query: SQL;
  switch (key) {
    case 'families_reached':
      query = sql`with ${base} select distinct 'family' as kind, family_id as id, ${code('Ģ', 'family_id')} as code,
        null::text as date from reach where ${cellConditions(scope, by)}`;
      break;
    case 'children_in_families_reached':
      query = sql`with ${base}, first as (
          select family_id, min(occurs_on) as first_on from reach where ${cellConditions(scope, by)} group by family_id),
        minors as (${minorsOf(scope, sql`select family_id from first`)})
        select distinct 'person' as kind, m.person_id as id, ${code('P', 'm.person_id')} as code, null::text as date
        from first f join minors m on m.family_id = f.family_id and ${childOn('m', 'f.first_on')}`;
      break;
    case 'persons_reached':
    case 'women_reached':
      query = sql`with ${base} select distinct 'person' as kind, person_id as id, ${code('P', 'person_id')} as code,
        null::text as date from present
        where ${cellConditions(scope, by)}
        ${key === 'women_reached' ? sql`and woman` : sql``}`;
      break;
    case 'groups_held':
      query = sql`with ${base} select distinct 'group' as kind, g.id, g.name as code, null::text as date
        from act join support_groups g on g.id = act.group_id where ${cellConditions(scope, by, 'act.')}`;
      break;
    case 'institutions_reached':
      query = sql`with ${base} select distinct 'institution' as kind, i.id, i.name as code, null::text as date
        from act join activity_institutions ai on ai.activity_id = act.id and ai.staff_attended > 0
        join institutions i on i.id = ai.institution_id where ${cellConditions(scope, by, 'act.')}`;
      break;
    default:
      // An event attended per day has a row per day: listed once, on its first day in the cell.
      query = sql`with ${base} select 'activity' as kind, act.id, min(coalesce(t.code, t.name_lv)) as code,
        min(act.occurs_on)::text as date
        from act join activities a on a.id = act.id join activity_types t on t.id = a.type_id
        where ${cellConditions(scope, by, 'act.')} ${key === 'events_held' ? sql`and act.kind = 'event'` : sql``}
        group by act.id`;
  }
  return queryRows<RecordBehind>(
    db,
    sql`select * from (${query}) r order by r.date nulls first, r.code limit ${limit}`,
  );
}
