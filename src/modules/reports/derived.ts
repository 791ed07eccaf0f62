import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { queryRows } from '../../db/raw';

/**
 * The tables the reports read instead of the raw records (migrations 0029 and 0031), each with the view
 * that computes it, in the order they are computed: the attendance by year is derived from the
 * attendance. Triggers keep each table equal to its view in the transaction of every write;
 * `verifyReportRows` checks that they are, `rebuildReportRows` makes them so. A difference is named by
 * the rows' `key`: the activities, or for the attendance by year the families and persons.
 */
const derivedTables = [
  { table: 'report_activities', source: 'report_activities_source', key: 'activity_id', what: 'activities' },
  { table: 'report_attendance', source: 'report_attendance_source', key: 'activity_id', what: 'activities' },
  {
    table: 'report_attendance_years',
    source: 'report_attendance_years_source',
    key: 'who',
    what: 'families and persons',
  },
] as const;

export interface DerivedCheck {
  table: string;
  rows: number;
  /** Rows the records give that the table lacks. */
  missing: number;
  /** Rows in the table that the records do not give. */
  extra: number;
  /** The activities (for the attendance by year: the families and persons) whose rows differ (at most 20). */
  differing: string[];
  /** What `differing` names. */
  differingKind: 'activities' | 'families and persons';
}

/** Recomputes every derived table from the records and compares it with what is stored. */
export async function verifyReportRows(db: Db): Promise<DerivedCheck[]> {
  const checks: DerivedCheck[] = [];
  for (const { table, source, key, what } of derivedTables) {
    const [stored, computed, id] = [sql.identifier(table), sql.identifier(source), sql.identifier(key)];
    const [row] = await queryRows<Omit<DerivedCheck, 'table' | 'differingKind'>>(
      db,
      sql`with missing as (select * from ${computed} except all select * from ${stored}),
               extra as (select * from ${stored} except all select * from ${computed})
          select (select count(*) from ${stored})::int as rows,
                 (select count(*) from missing)::int as missing,
                 (select count(*) from extra)::int as extra,
                 array(select distinct ${id}::text
                       from (select ${id} from missing union select ${id} from extra) differing
                       order by 1 limit 20) as "differing"`,
    );
    checks.push({ table, ...row!, differingKind: what });
  }
  return checks;
}

/** Recomputes every derived table from the records, in one transaction; returns the rows written. */
export async function rebuildReportRows(db: Db): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    const written: Record<string, number> = {};
    for (const { table, source } of derivedTables) {
      await tx.execute(sql`delete from ${sql.identifier(table)}`);
      await tx.execute(sql`insert into ${sql.identifier(table)} select * from ${sql.identifier(source)}`);
      const [row] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from ${sql.identifier(table)}`,
      );
      written[table] = row!.n;
    }
    return written;
  });
}

const englishPlural = new Intl.PluralRules('en');
const rows = (n: number) => `${n} ${englishPlural.select(n) === 'one' ? 'row' : 'rows'}`;

/** What `atbalsts reports verify` prints. */
export function describeReportRows(checks: DerivedCheck[]): { consistent: boolean; text: string } {
  const wrong = checks.filter((check) => check.missing > 0 || check.extra > 0);
  if (wrong.length === 0)
    return {
      consistent: true,
      text: `The report tables agree with the records: ${checks.map((c) => `${c.table} ${rows(c.rows)}`).join(', ')}.`,
    };
  const lines = wrong.map(
    (c) =>
      `${c.table}: ${rows(c.missing)} missing and ${rows(c.extra)} too many, in the ${c.differingKind} ${c.differing.join(', ')}${
        c.differing.length === 20 ? ' and more' : ''
      }.`,
  );
  return {
    consistent: false,
    text: [
      'The report tables do not agree with the records, so reports would show wrong figures:',
      ...lines.map((line) => `  ${line}`),
      'They were changed behind the triggers that keep them in step (by hand, or by a restore of a damaged',
      'backup). Run "atbalsts reports rebuild" to recompute them from the records.',
    ].join('\n'),
  };
}
