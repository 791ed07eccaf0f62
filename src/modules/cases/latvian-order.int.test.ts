import { expect, it } from 'vitest';
import { describeOnDatabases, json } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { CaseloadPage } from '../../shared/contracts/registry';

/* Issue 17, items 3 and 4: families named grammatically, and lists in Latvian alphabetical order. */
describeOnDatabases('Latvian order', (t) => {
  it('sorts the caseload by family in Latvian order, Ābele before B and Čakstiņa after every C', async () => {
    const centre = await t().createCentre('Kārtības centrs');
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    for (const surname of ['Zvirbule', 'Ābele', 'Čakstiņa', 'Cālīte', 'Briede', 'Ozola']) {
      await registerFamily(worker.caller, centre, [
        { relation: 'mother', person: { givenName: 'Anna', familyName: surname, birthYear: 1985 } },
      ]);
    }
    const names = async (direction: 'asc' | 'desc') =>
      json<CaseloadPage>(
        await worker.caller.get(`/api/cases?scope=mine&sort=family&direction=${direction}`),
      ).cases.map((c) => c.familyName);
    const latvian = [
      'Ābeļu ģimene',
      'Briežu ģimene',
      'Cālīšu ģimene',
      'Čakstiņu ģimene',
      'Ozolu ģimene',
      'Zvirbuļu ģimene',
    ];
    expect(await names('asc')).toEqual(latvian);
    expect(await names('desc')).toEqual([...latvian].reverse());
    // Issue 17, item 2: the caseload filters by a member's name, typed without diacritics.
    const named = async (name: string) =>
      json<CaseloadPage>(
        await worker.caller.get(
          `/api/cases?scope=mine&sort=family&direction=asc&name=${encodeURIComponent(name)}`,
        ),
      ).cases.map((c) => c.familyName);
    expect(await named('cakst')).toEqual(['Čakstiņu ģimene']);
    expect(await named('ANNA c')).toEqual(['Cālīšu ģimene', 'Čakstiņu ģimene']);
    expect(await named('100%_')).toEqual([]);
  });
});
