import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import { latvianKey } from '../../db/latvian-order';
import { queryRows } from '../../db/raw';

/*
 * Issue 17, item 2: a specialist's header search reads `team_cases` (migration 0033), her cases in the
 * search's order, kept by triggers. Whoever writes (the API, SQL by hand), it stays what the team, the
 * cases and the families give, and the search finds what the case policy lets her open, in the same order.
 */
type Found = { results: { caseId: string; familyName: string }[] };

describeOnDatabases('the team members’ cases the header search reads', (t) => {
  let worker: TestUser;
  let manager: TestUser;
  let centre: string;
  const cases: string[] = [];

  beforeAll(async () => {
    centre = await t().createCentre('Meklēšanas centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: centre }] });
    for (const familyName of ['Zvirbule', 'Ābele', 'Abele', 'Čakste']) {
      const { caseId } = await registerFamily(worker.caller, centre, [
        { relation: 'mother', person: { givenName: 'Anna', familyName, birthYear: 1990 } },
      ]);
      cases.push(caseId);
    }
  }, 120_000);

  const query = <T>(text: string, params: unknown[] = []) => t().database.query<T>(text, params);
  const agree = async () => {
    const [row] = await query<{ missing: number; extra: number }>(
      `SELECT (SELECT count(*) FROM (SELECT * FROM team_cases_source EXCEPT SELECT * FROM team_cases) m)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM team_cases EXCEPT SELECT * FROM team_cases_source) e)::int AS extra`,
    );
    expect(row).toEqual({ missing: 0, extra: 0 });
  };
  const search = async (who: TestUser, q: string) =>
    json<Found>(await who.caller.get(`/api/quick-search?q=${encodeURIComponent(q)}`)).results.map(
      (hit) => hit.familyName,
    );

  it('lists her cases in Latvian order, as the case policy does for a manager of the centre', async () => {
    await agree();
    const own = await search(worker, 'anna');
    expect(own).toEqual(['Abeļu ģimene', 'Ābeļu ģimene', 'Čakstu ģimene', 'Zvirbuļu ģimene']);
    expect(await search(manager, 'anna')).toEqual(own);
    // A case number's start, too.
    const year = String(t().clock.now().getFullYear());
    expect(await search(worker, `${year}-`)).toEqual(own);
    expect(await search(worker, `${year}-9`)).toEqual([]);
  });

  it('stays what the records give after writes made behind the application', async () => {
    // A member's name changes; a case is closed; the family is renamed; she leaves one case's team.
    await query(
      `UPDATE persons SET given_name = 'Anete', search_name = 'anete abele' WHERE id IN (
         SELECT fm.person_id FROM family_members fm JOIN cases c ON c.family_id = fm.family_id WHERE c.id = $1)`,
      [cases[2]],
    );
    await query(
      `UPDATE cases SET status = 'closed', closed_on = '2026-03-01', closure_reason = 'goals_reached' WHERE id = $1`,
      [cases[0]],
    );
    await query(
      `UPDATE families SET name = 'Ābolu ģimene' WHERE id = (SELECT family_id FROM cases WHERE id = $1)`,
      [cases[1]],
    );
    await query(`DELETE FROM case_team WHERE case_id = $1 AND user_id = $2`, [cases[3], worker.id]);
    await agree();
    // Open cases first, in Latvian order; Anete's family no longer answers to "anna"; the case she left is
    // not hers to open.
    expect(await search(worker, 'anna')).toEqual(['Ābolu ģimene', 'Zvirbuļu ģimene']);
    expect(await search(worker, 'anete')).toEqual(['Abeļu ģimene']);
    await query(
      `INSERT INTO case_team (case_id, user_id, organisation_id, added_at) SELECT id, $2, organisation_id, now() FROM cases WHERE id = $1`,
      [cases[3], worker.id],
    );
    await agree();
    expect(await search(worker, 'anna')).toEqual(['Ābolu ģimene', 'Čakstu ģimene', 'Zvirbuļu ģimene']);
  });

  it('sorts by the same key as every other list', async () => {
    for (const name of ['Ābele', 'Čakste-Ozoliņa', 'ŽAGARS', 'Ēķis']) {
      const [row] = await queryRows<{ same: boolean }>(
        t().database.unsafeDb,
        sql`select latvian_key(${name}::text) = ${latvianKey(sql`${name}::text`)} as same`,
      );
      expect(row!.same, name).toBe(true);
    }
  });
});
