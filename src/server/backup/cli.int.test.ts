import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atbalsts, startServerProcess } from '../../../test/helpers/server-process';
import { signInStatus } from '../../../test/helpers/sign-in-status';

/*
 * Issue 19, parts 5 and 6, as an administrator runs them: a backup while the embedded server runs (it
 * writes the backup itself), a scheduled backup at start, a restore refused while the server runs and
 * into a database with data unless --replace, and a restored copy one signs in to.
 */
describe('atbalsts backup and restore', () => {
  it('backs up while the server runs and restores into a new and into the same data directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'atb-backup-cli-'));
    const dataDir = join(root, 'data');
    const env = { DATA_DIR: dataDir, BACKUP_DIR: join(root, 'scheduled') };
    const password = 'ziemas rīts pie jūras';
    const created = atbalsts(
      ['user', 'create-admin', '--email', 'ops@example.org', '--password-stdin'],
      env,
      password,
    );
    expect(created.status, created.stderr).toBe(0);

    const server = await startServerProcess(env);
    try {
      await expect
        .poll(() => server.stdout(), { timeout: 60_000 })
        .toMatch(/Backup written: .*scheduled\/atbalsts-/);
      const live = join(root, 'live.atbalsts-backup');
      const backup = atbalsts(['backup', '--out', live], env);
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toMatch(
        /^Backup written: .*live\.atbalsts-backup \(\d+ rows in \d+ tables, 0 documents, \d+ bytes\)\.\n$/,
      );
      const refused = atbalsts(['restore', live, '--replace'], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /is in use by another Atbalsts process \(pid \d+\)\. Stop that process first/,
      );
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    expect(existsSync(join(dataDir, 'control.sock'))).toBe(false);

    const live = join(root, 'live.atbalsts-backup');
    const elsewhere = join(root, 'restored');
    const restored = atbalsts(['restore', live], { DATA_DIR: elsewhere });
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(
      /^Restored the backup of .* \(Atbalsts [\d.]+, pglite\): \d+ rows, 0 documents\.\n$/,
    );
    expect((await signInStatus(elsewhere, 'ops@example.org', password)).status).toBe(200);

    const withoutReplace = atbalsts(['restore', live], env);
    expect(withoutReplace.status).toBe(2);
    expect(withoutReplace.stderr).toBe(
      'The database already holds data. A restore replaces all of it: run again with --replace (its present content is first saved as a backup of its own).\n',
    );
    const replaced = atbalsts(['restore', live, '--replace'], env);
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(replaced.stdout).toMatch(
      /^The database's previous content was saved to .*data\/backups\/before-restore-atbalsts-/,
    );
    expect(readdirSync(join(dataDir, 'backups'))).toHaveLength(1);
    expect((await signInStatus(dataDir, 'ops@example.org', password)).status).toBe(200);

    const missing = atbalsts(['restore', join(root, 'nothing.atbalsts-backup')], env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^There is no file .*nothing\.atbalsts-backup\.\n$/);
  }, 240_000);
});
