import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { personalCode } from '../../test/helpers/personal-codes';
import { atbalsts } from '../../test/helpers/server-process';
import { centres } from '../modules/centres/tables';
import { organisations } from '../modules/organisation/tables';
import { createUser } from '../modules/users/create-user';
import { grantRole } from '../modules/users/grant-role';
import { users } from '../modules/users/tables';
import { readConfig } from '../platform/config';
import { newId } from '../platform/ids';
import { prepareDatabase } from '../server/main';

/* Issue 19, part 2: the import from the command line, as a centre's manager, with its progress and problems. */
describe('atbalsts import families', () => {
  it('checks, refuses with the problems listed and written, imports the rest when told, and not twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atb-import-cli-'));
    const database = await prepareDatabase(readConfig({ DATA_DIR: dataDir, DATABASE_URL: '' }));
    try {
      await database.unsafeDb.transaction(async (tx) => {
        const ctx = { actor: null, tx, ip: null, language: 'lv' as const, now: new Date() };
        const [organisation] = await tx.select({ id: organisations.id }).from(organisations);
        const organisationId = organisation!.id;
        const centreId = newId();
        await tx.insert(centres).values({
          id: centreId,
          organisationId,
          name: 'Bauska',
          municipality: 'Bauskas novads',
          address: '',
          active: true,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        const created = await createUser(
          ctx,
          {
            email: 'anda@example.org',
            givenName: 'Anda',
            familyName: 'Liepa',
            specialty: null,
            language: 'lv',
            organisationId,
          },
          'ziema pie jūras 2026',
        );
        const [row] = await tx.select().from(users).where(eq(users.id, created.user.id));
        await grantRole(ctx, row!, { role: 'centre_manager', centreId });
      });
    } finally {
      await database.close();
    }
    const file = join(dataDir, 'ģimenes.csv');
    writeFileSync(
      file,
      [
        'Ģimene,Vārds,Uzvārds,Dzimšanas datums,Personas kods,Nosūtījuma datums',
        `A,Ilze,Bērziņa,02.03.1984,${personalCode('1984-03-02', 3)},01.02.2026`,
        'A,Toms,Bērziņš,2016,,',
        'B,Dace,Liepa,31.02.1990,,01.02.2026',
      ].join('\n'),
    );
    const env = { DATA_DIR: dataDir };
    const args = ['import', 'families', file, '--centre', 'Bauska', '--as', 'anda@example.org'];
    const errors = join(dataDir, 'problems.csv');
    const checked = atbalsts([...args, '--dry-run', '--errors', errors], env);
    expect(checked.status, checked.stderr).toBe(2);
    expect(checked.stdout).toContain('  Dzimšanas datums → Birth date or year');
    expect(checked.stdout).toContain('3 rows, 2 families: 1 to import, 0 imported before, 1 with problems.');
    expect(checked.stdout).toContain(
      '  row 4, Dzimšanas datums: Enter the birth date as dd.mm.yyyy, or only the year (yyyy).',
    );
    expect(checked.stderr).toContain('Checking 2/2 families (100 %)');
    expect(readFileSync(errors, 'utf8').split('\r\n')[3]).toBe(
      'B,Dace,Liepa,31.02.1990,,01.02.2026,"Dzimšanas datums: Enter the birth date as dd.mm.yyyy, or only the year (yyyy)."',
    );

    const refused = atbalsts(args, env);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain(
      'Nothing was imported: fix the rows above, or run again with --skip-problems',
    );
    const imported = atbalsts([...args, '--skip-problems'], env);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(
      /1 imported, 0 imported before, 1 with problems\.\n.*\nImported \(import [0-9a-f-]{36}\)\.\n$/s,
    );
    const again = atbalsts([...args, '--skip-problems'], env);
    expect(again.stdout).toContain('0 to import, 1 imported before, 1 with problems.');
    expect(existsSync(errors)).toBe(true);

    const stranger = atbalsts(
      ['import', 'families', file, '--centre', 'Valmiera', '--as', 'anda@example.org'],
      env,
    );
    expect(stranger.status).toBe(2);
    expect(stranger.stderr).toBe('There is no centre "Valmiera".\n');
  }, 180_000);
});
