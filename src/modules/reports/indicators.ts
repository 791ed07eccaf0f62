import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { queryRows } from '../../db/raw';
import type { IndicatorKey } from '../../shared/indicators';

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
 *   **Service hours**: the sum of their durations (a multi-day event: per day × days).
 * - Everything is **unduplicated within its cell**: within the scope, the period and the
 *   breakdown value (a family reached by a camp and a support group counts once overall,
 *   and once in each of the two activity-type cells).
 * - A breakdown leaves out activities without a value for its dimension (an activity with
 *   no programme is not in any programme's row, but it is in the unbroken figure).
 */

export const dimensions = ['centre', 'programme', 'activity_type', 'group', 'quarter', 'year'] as const;
export type Dimension = (typeof dimensions)[number];

export interface Scope {
  organisationId: string;
  from: string;
  to: string;
  projectId?: string;
  programmeId?: string;
  centreId?: string;
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
};

function scopeConditions(scope: Scope): SQL {
  const parts: SQL[] = [
    sql`a.organisation_id = ${scope.organisationId}`,
    sql`a.status = 'held'`,
    sql`a.occurs_on between ${scope.from} and ${scope.to}`,
  ];
  if (scope.projectId)
    parts.push(
      sql`exists (select 1 from activity_projects ap where ap.activity_id = a.id and ap.project_id = ${scope.projectId})`,
    );
  if (scope.programmeId) parts.push(sql`a.programme_id = ${scope.programmeId}`);
  if (scope.centreId) parts.push(sql`a.centre_id = ${scope.centreId}`);
  if (scope.groupId) parts.push(sql`a.group_id = ${scope.groupId}`);
  if (scope.activityType)
    parts.push(sql`(t.code = ${scope.activityType} or t.id::text = ${scope.activityType})`);
  return sql.join(parts, sql` and `);
}

/**
 * Held activities in scope and period with every dimension's value, and present
 * attendance resolved to people and families. Shared by every indicator query.
 */
function baseRelations(scope: Scope): SQL {
  const contractFamilies = scope.contractId
    ? sql`and f.family_id in (select c.family_id from contract_cases cc join cases c on c.id = cc.case_id
                             where cc.contract_id = ${scope.contractId})`
    : sql``;
  const contractActivities = scope.contractId
    ? sql`and (a.case_id is null or a.case_id in (select case_id from contract_cases where contract_id = ${scope.contractId}))`
    : sql``;
  return sql`
    act as (
      select a.id, a.occurs_on, a.duration_minutes * (coalesce(a.ends_on, a.occurs_on) - a.occurs_on + 1) as minutes,
             a.group_id, t.kind,
             ce.name as d_centre, pr.name_lv as d_programme, coalesce(t.code, t.name_lv) as d_activity_type,
             g.name as d_group, to_char(a.occurs_on, 'YYYY-"Q"Q') as d_quarter, to_char(a.occurs_on, 'YYYY') as d_year
      from activities a
      join activity_types t on t.id = a.type_id
      join centres ce on ce.id = a.centre_id
      left join programmes pr on pr.id = a.programme_id
      left join support_groups g on g.id = a.group_id
      where ${scopeConditions(scope)} ${contractActivities}
    ),
    present as (
      select act.id as activity_id, act.occurs_on, coalesce(pe.merged_into, pe.id) as person_id,
             pe.sex, pe.birth_date, pe.birth_year, p.family_id, p.via_family_id
      from act
      join activity_participants p on p.activity_id = act.id and p.attendance = 'present'
      left join persons pe on pe.id = p.person_id
    ),
    reach as (
      -- one row per (activity, family reached)
      select distinct f.activity_id, f.occurs_on, f.family_id from (
        select activity_id, occurs_on, coalesce(family_id, via_family_id) as family_id
        from present where family_id is not null or via_family_id is not null
        union all
        select pr.activity_id, pr.occurs_on, fm.family_id
        from present pr
        join family_members fm on fm.person_id = pr.person_id and fm.joined_on <= pr.occurs_on
             and (fm.left_on is null or fm.left_on >= pr.occurs_on)
        where pr.person_id is not null and pr.via_family_id is null
      ) f where true ${contractFamilies}
    )`;
}

/** Age in whole years on a day; a person known only by birth year is taken as born on 1 July. */
const ageOn = (birthDate: string, birthYear: string, day: string) =>
  sql.raw(`extract(year from age(${day}, coalesce(${birthDate}, make_date(${birthYear}, 7, 1))))`);

/**
 * Computes every indicator for the scope, unbroken and for each requested breakdown
 * (each a list of dimensions taken together), in one SQL statement per breakdown.
 */
export async function computeIndicators(
  db: Db,
  scope: Scope,
  breakdowns: Dimension[][] = [],
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const dims of [[] as Dimension[], ...breakdowns]) {
    const cols = dims.map((d) => dimensionColumn[d]);
    const select = cols.length ? sql.raw(`${cols.join(', ')}, `) : sql``;
    const groupBy = cols.length ? sql.raw(`group by ${cols.join(', ')}`) : sql``;
    const notNull = cols.length
      ? sql.raw(cols.map((c) => `${c} is not null`).join(' and '))
      : sql.raw('true');
    const join = cols.length
      ? sql.raw(cols.map((c) => `x.${c} is not distinct from y.${c}`).join(' and '))
      : sql.raw('true');
    const cellOf = (alias: string) =>
      cols.length ? sql.raw(cols.map((c) => `${alias}.${c}`).join(', ')) : sql``;
    const rows = await queryRows<Record<string, string | number | null>>(
      db,
      sql`with ${baseRelations(scope)},
      cell_act as (select * from act where ${notNull}),
      cell_reach as (
        select ${select} r.family_id, min(r.occurs_on) as first_on
        from reach r join cell_act on cell_act.id = r.activity_id
        ${cols.length ? sql.raw(`group by ${cols.join(', ')}, r.family_id`) : sql.raw('group by r.family_id')}
      ),
      cell_people as (
        select ${select} pr.person_id, bool_or(pr.sex = 'female' and ${ageOn('pr.birth_date', 'pr.birth_year', 'pr.occurs_on')} >= 18) as woman
        from present pr join cell_act on cell_act.id = pr.activity_id
        where pr.person_id is not null
        ${cols.length ? sql.raw(`group by ${cols.join(', ')}, pr.person_id`) : sql.raw('group by pr.person_id')}
      ),
      kids as (
        select ${cols.length ? sql.raw(`${cols.map((c) => `cr.${c}`).join(', ')}, `) : sql``} count(distinct coalesce(pe.merged_into, pe.id))::int as n
        from cell_reach cr
        join family_members fm on fm.family_id = cr.family_id and fm.joined_on <= cr.first_on
             and (fm.left_on is null or fm.left_on >= cr.first_on)
        join persons pe on pe.id = fm.person_id
        where ${ageOn('pe.birth_date', 'pe.birth_year', 'cr.first_on')} < 18
        ${cols.length ? sql.raw(`group by ${cols.map((c) => `cr.${c}`).join(', ')}`) : sql``}
      ),
      acts as (
        select ${select}
          count(*)::int as activities_held,
          count(distinct group_id)::int as groups_held,
          (count(*) filter (where kind = 'event'))::int as events_held,
          (coalesce(sum(minutes), 0) / 60.0)::float8 as service_hours
        from cell_act ${groupBy}
      ),
      inst as (
        select ${select} count(distinct ai.institution_id)::int as n
        from cell_act join activity_institutions ai on ai.activity_id = cell_act.id and ai.staff_attended > 0
        ${groupBy}
      ),
      fams as (select ${select} count(*)::int as n from cell_reach ${groupBy}),
      ppl as (
        select ${select} count(*)::int as n, (count(*) filter (where woman))::int as women
        from cell_people ${groupBy}
      )
      select ${cellOf('x')}${cols.length ? sql`, ` : sql``}
        x.activities_held, x.groups_held, x.events_held, x.service_hours,
        coalesce((select n from fams y where ${join}), 0) as families_reached,
        coalesce((select n from kids y where ${join}), 0) as children_in_families_reached,
        coalesce((select n from ppl y where ${join}), 0) as persons_reached,
        coalesce((select women from ppl y where ${join}), 0) as women_reached,
        coalesce((select n from inst y where ${join}), 0) as institutions_reached
      from acts x
      ${cols.length ? sql.raw(`order by ${cols.map((c) => `x.${c}`).join(', ')}`) : sql``}`,
    );
    for (const row of rows) {
      const by = dims.length
        ? (Object.fromEntries(dims.map((d) => [d, String(row[dimensionColumn[d]])])) as Figure['by'])
        : null;
      for (const key of indicatorOrder)
        figures.push({
          key,
          by,
          value: key === 'service_hours' ? Math.round(Number(row[key]) * 100) / 100 : Number(row[key]),
        });
    }
    if (dims.length === 0 && rows.length === 0)
      for (const key of indicatorOrder) figures.push({ key, by: null, value: 0 });
  }
  return figures;
}

const indicatorOrder: IndicatorKey[] = [
  'families_reached',
  'children_in_families_reached',
  'persons_reached',
  'women_reached',
  'groups_held',
  'events_held',
  'institutions_reached',
  'activities_held',
  'service_hours',
];
