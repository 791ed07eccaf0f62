import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases } from '../../../test/helpers/app';
import { loadReferenceDataset } from '../../demo/reference';
import { describeReportRows, rebuildReportRows, verifyReportRows } from './derived';
import { computeIndicators, type Dimension, type Figure, wholeYears } from './indicators';

/*
 * Issue 18, speed: the reports read tables derived from the records, kept in step by triggers in the
 * transaction of every write. Whoever writes (the API, an import, SQL by hand), the tables stay equal to
 * what the records give; a table changed behind the triggers is found and rebuilt.
 */
describeOnDatabases('the tables the reports read', (t) => {
  beforeAll(async () => {
    await loadReferenceDataset(t().database, t().clock.now());
  }, 180_000);

  const query = <T>(text: string, params: unknown[] = []) => t().database.query<T>(text, params);
  const agree = async () => {
    for (const check of await verifyReportRows(t().database.unsafeDb))
      expect(check, check.table).toMatchObject({ missing: 0, extra: 0, differing: [] });
  };
  const rowsOf = (activityId: string, person?: string) =>
    query<{
      family_id: string | null;
      person_id: string | null;
      sex: string;
      age_band: string;
      municipality: string;
    }>(
      `SELECT family_id::text, person_id::text, sex, age_band, municipality FROM report_attendance
       WHERE activity_id = $1 ${person ? 'AND person_id = $2' : ''}`,
      person ? [activityId, person] : [activityId],
    );

  it('stay equal to what the records give after writes of every kind, made by SQL behind the application', async () => {
    const checks = await verifyReportRows(t().database.unsafeDb);
    expect(checks.every((check) => check.rows > 0)).toBe(true);
    await agree();

    // A person who attended in person, in a family, at a held activity.
    const [attended] = await query<{ activity_id: string; person_id: string }>(
      `SELECT p.activity_id::text, p.person_id::text FROM activity_participants p
       JOIN activities a ON a.id = p.activity_id JOIN family_members fm ON fm.person_id = p.person_id
       WHERE a.status = 'held' AND p.attendance = 'present' AND p.via_family_id IS NULL
       ORDER BY a.occurs_on, p.id LIMIT 1`,
    );
    const { activity_id: activity, person_id: person } = attended!;
    expect((await rowsOf(activity, person))[0]!.family_id).not.toBeNull();

    // The person's own fields: sex, birth, municipality.
    await query(
      `UPDATE persons SET sex = 'female', birth_date = '1950-02-02', birth_year = 1950, municipality = 'Rēzeknes novads' WHERE id = $1`,
      [person],
    );
    await agree();
    expect(await rowsOf(activity, person)).toMatchObject([
      { sex: 'female', age_band: 'adult', municipality: 'Rēzeknes novads' },
    ]);

    // Membership: she left every family long before the activity.
    await query(`UPDATE family_members SET left_on = joined_on WHERE person_id = $1`, [person]);
    await agree();
    expect((await rowsOf(activity, person))[0]!.family_id).toBeNull();

    // A merge: she is counted as the record she was merged into.
    const [other] = await query<{ id: string }>(
      `SELECT id::text FROM persons WHERE id <> $1 AND merged_into IS NULL ORDER BY id LIMIT 1`,
      [person],
    );
    await query(`UPDATE persons SET merged_into = $1 WHERE id = $2`, [other!.id, person]);
    await agree();
    expect((await rowsOf(activity)).map((row) => row.person_id)).toContain(other!.id);

    // Attendance corrected to absent.
    await query(
      `UPDATE activity_participants SET attendance = 'absent' WHERE activity_id = $1 AND person_id = $2`,
      [activity, person],
    );
    await agree();
    expect(await rowsOf(activity, other!.id)).toEqual([]);

    // An activity taken out of its project, another cancelled, a third's participants removed.
    const [inProject] = await query<{ activity_id: string }>(
      `SELECT activity_id::text FROM activity_projects ORDER BY activity_id LIMIT 1`,
    );
    await query(`DELETE FROM activity_projects WHERE activity_id = $1`, [inProject!.activity_id]);
    await agree();
    const held = await query<{ id: string }>(
      `SELECT a.id::text FROM activities a WHERE a.status = 'held'
       AND EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = a.id AND p.attendance = 'present')
       ORDER BY a.occurs_on DESC, a.id LIMIT 2`,
    );
    await query(`UPDATE activities SET status = 'cancelled' WHERE id = $1`, [held[0]!.id]);
    await agree();
    expect(await rowsOf(held[0]!.id)).toEqual([]);
    await query(`DELETE FROM activity_participants WHERE activity_id = $1`, [held[1]!.id]);
    await agree();

    // A camp's attendance per day: cleared, the camp is dated by its first day; taken again for its last
    // day only, it is dated by that day.
    const [camp] = await query<{ id: string; occurs_on: string; ends_on: string }>(
      `SELECT a.id::text, a.occurs_on::text, a.ends_on::text FROM activities a JOIN activity_types t ON t.id = a.type_id
       WHERE t.code = 'camp' AND a.status = 'held' AND a.ends_on > a.occurs_on ORDER BY a.occurs_on, a.id LIMIT 1`,
    );
    const datedBy = () =>
      query<{ occurs_on: string; per_day: boolean }>(
        `SELECT occurs_on::text, per_day FROM report_activities WHERE activity_id = $1`,
        [camp!.id],
      );
    await query(`DELETE FROM activity_day_attendance WHERE activity_id = $1`, [camp!.id]);
    await agree();
    expect(await datedBy()).toEqual([{ occurs_on: camp!.occurs_on, per_day: false }]);
    await query(
      `INSERT INTO activity_day_attendance (activity_id, person_id, day, attendance) VALUES ($1, $2, $3, 'present')`,
      [camp!.id, other!.id, camp!.ends_on],
    );
    await agree();
    expect(await datedBy()).toEqual([{ occurs_on: camp!.ends_on, per_day: true }]);
  });

  it('gives the same figures from the attendance by year as from the days attended, for whole and partial years', async () => {
    const [org] = await query<{ id: string }>('SELECT id::text FROM organisations LIMIT 1');
    const breakdowns: Dimension[][] = [
      ['year'],
      ['activity_type'],
      ['centre', 'programme'],
      ['sex', 'age_band'],
    ];
    const withoutQuarter = (figures: Figure[]) =>
      figures.filter((figure) => !figure.by || !('quarter' in figure.by));
    for (const [from, to] of [
      ['2014-01-01', '2015-12-31'],
      ['2013-11-01', '2015-06-30'],
      ['2014-03-01', '2014-09-30'],
    ] as const) {
      const scope = { organisationId: org!.id, from, to };
      // A breakdown by quarter reads every day from the attendance; without one, whole years come from the years.
      const fromYears = await computeIndicators(t().database.unsafeDb, scope, breakdowns);
      const fromDays = await computeIndicators(t().database.unsafeDb, scope, [...breakdowns, ['quarter']]);
      expect(fromYears.some((figure) => figure.value > 0)).toBe(true);
      expect(fromYears, `${from}–${to}`).toEqual(withoutQuarter(fromDays));
    }
    expect(wholeYears('2014-01-01', '2015-12-31')).toEqual({ first: 2014, last: 2015 });
    expect(wholeYears('2013-11-01', '2015-06-30')).toEqual({ first: 2014, last: 2014 });
    expect(wholeYears('2014-03-01', '2014-09-30')).toBeNull();
  });

  it('finds rows changed behind the triggers, names their activities, and rebuilds them from the records', async () => {
    const [victim] = await query<{ activity_id: string }>(
      `SELECT activity_id::text FROM report_attendance ORDER BY activity_id LIMIT 1`,
    );
    const [padded] = await query<{ activity_id: string }>(
      `SELECT activity_id::text FROM report_activities ORDER BY activity_id DESC LIMIT 1`,
    );
    await query(`DELETE FROM report_attendance WHERE activity_id = $1`, [victim!.activity_id]);
    await query(`UPDATE report_activities SET minutes = minutes + 60 WHERE activity_id = $1`, [
      padded!.activity_id,
    ]);

    const checks = await verifyReportRows(t().database.unsafeDb);
    const attendance = checks.find((check) => check.table === 'report_attendance')!;
    expect(attendance.missing).toBeGreaterThan(0);
    expect(attendance.extra).toBe(0);
    expect(attendance.differing).toEqual([victim!.activity_id]);
    expect(checks.find((check) => check.table === 'report_activities')).toMatchObject({
      missing: 1,
      extra: 1,
      differing: [padded!.activity_id],
    });
    // The attendance by year is derived from the attendance: it now holds the families and persons of the
    // rows taken out, which it should not.
    const [victimWho] = await query<{ who: string }>(
      `SELECT DISTINCT coalesce(family_id, person_id)::text AS who FROM report_attendance_source
       WHERE activity_id = $1 ORDER BY 1 LIMIT 1`,
      [victim!.activity_id],
    );
    const years = checks.find((check) => check.table === 'report_attendance_years')!;
    expect(years).toMatchObject({ differingKind: 'families and persons' });
    expect(years.extra).toBeGreaterThan(0);
    expect(years.differing).toContain(victimWho!.who);
    const described = describeReportRows(checks);
    expect(described.consistent).toBe(false);
    expect(described.text).toContain(`in the families and persons ${years.differing[0]}`);
    expect(described.text).toContain(victim!.activity_id);
    expect(described.text).toContain('atbalsts reports rebuild');

    const written = await rebuildReportRows(t().database.unsafeDb);
    expect(written.report_attendance).toBe(attendance.rows + attendance.missing);
    await agree();
    expect(describeReportRows(await verifyReportRows(t().database.unsafeDb)).consistent).toBe(true);
  });
});
