import { type SQLWrapper, sql } from 'drizzle-orm';
import { adultAge } from '../../shared/age';

/**
 * What tells one family from another in a list (issue 17, item 2), as SQL on a family id column: the
 * present members' ages today, eldest first (null for one without a birth date or year), and the last day
 * anyone of the family attended a held activity (its latest day in `report_attendance`).
 */
export function glanceColumns(familyId: SQLWrapper, today: string) {
  const born = sql.raw('coalesce(p.birth_date, make_date(p.birth_year, 7, 1))');
  return {
    ages: sql<(number | null)[]>`(
      select coalesce(array_agg(extract(year from age(${today}::date, ${born}))::int order by ${born}), '{}')
      from family_members fm join persons p on p.id = fm.person_id
      where fm.family_id = ${familyId} and fm.left_on is null)`,
    lastContact: lastContactOf(familyId),
  };
}

/** The last day anyone of the family attended a held activity: its latest day in `report_attendance`. */
export function lastContactOf(familyId: SQLWrapper) {
  return sql<
    string | null
  >`(select max(r.occurs_on)::text from report_attendance r where r.family_id = ${familyId})`;
}

/** The members as a list shows them: how many adults (one without a birth date counts as an adult), children's ages. */
export function membersAtAGlance(ages: (number | null)[]): { adults: number; childAges: number[] } {
  return {
    adults: ages.filter((age) => age === null || age >= adultAge).length,
    childAges: ages.filter((age): age is number => age !== null && age < adultAge),
  };
}
