import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atbalsts } from '../../test/helpers/server-process';
import { signInStatus } from '../../test/helpers/sign-in-status';
import { openDatabase } from '../db/connection';

describe('the atbalsts command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atb-cli-'));
  const env = { DATA_DIR: dataDir };

  it('creates the first administrator with a one-time password that must be changed', async () => {
    const created = atbalsts(['user', 'create-admin', '--email', 'Admin@Example.org'], env);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const password = /One-time password: (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeDefined();
    const signedIn = await signInStatus(dataDir, 'admin@example.org', password!);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user?.mustChangePassword).toBe(true);
  });

  it('reads an initial password from standard input, checked against the policy', async () => {
    const weak = atbalsts(
      ['user', 'create-admin', '--email', 'ops@example.org', '--password-stdin'],
      env,
      'password1234\n',
    );
    expect(weak.status).toBe(2);
    expect(weak.stderr).toMatch(/lists of leaked passwords/);
    const taken = atbalsts(
      ['user', 'create-admin', '--email', 'admin@example.org', '--password-stdin'],
      env,
      'x\n',
    );
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/already exists/);
    const ok = atbalsts(
      ['user', 'create-admin', '--email', 'ops@example.org', '--password-stdin'],
      env,
      'ziemas rīts pie jūras\n',
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).not.toMatch(/One-time password/);
    const signedIn = await signInStatus(dataDir, 'ops@example.org', 'ziemas rīts pie jūras');
    expect(signedIn.body.user?.mustChangePassword).toBe(false);
  });

  it('refuses to open a data directory another process holds, and changes nothing', async () => {
    const holder = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const refused = atbalsts(['user', 'reset-password', '--email', 'ops@example.org'], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/in use by another Atbalsts process/);
    } finally {
      await holder.close();
    }
    const signedIn = await signInStatus(dataDir, 'ops@example.org', 'ziemas rīts pie jūras');
    expect(signedIn.status).toBe(200);
  });

  it('explains wrong usage with exit status 2', () => {
    const unknown = atbalsts(['frobnicate'], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    const missing = atbalsts(['user', 'create-admin'], env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--email is required/);
    const help = atbalsts(['user', 'create-admin', '--help'], env);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--password-stdin/);
  });

  it('verifies the audit trail: status 0 when intact, 1 naming the entry an owner changed', async () => {
    const intact = atbalsts(['audit', 'verify'], env);
    expect(intact.stderr).toBe('');
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/The audit trail is intact: \d+ entries in 1 chain\./);
    const head = /^ {2}(\S+:\d+:[0-9a-f]{64})$/m.exec(intact.stdout)![1]!;

    const database = await openDatabase({ kind: 'pglite', dataDir });
    const [first] = await database.query<{ id: string }>(
      'SELECT id::text FROM audit_log ORDER BY chain_seq LIMIT 1',
    );
    await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await database.query(`UPDATE audit_log SET action = 'nothing' WHERE id = $1`, [first!.id]);
    await database.close();

    const broken = atbalsts(['audit', 'verify', '--expect', head], env);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`The audit trail is broken at entry ${first!.id}`);
    expect(broken.stderr).toContain('it was changed after it was written');
  });

  // Four runs of the command, each starting the embedded database: a loaded machine needs more than 30 s.
  it('verifies the report tables: status 0 when they agree with the records, 1 naming the activity, rebuilt', async () => {
    // The command prepares the database itself (this test may run alone).
    expect(atbalsts(['reports', 'verify'], env).status).toBe(0);
    // A row no activity gives, written behind the triggers.
    const database = await openDatabase({ kind: 'pglite', dataDir });
    const [row] = await database.query<{ activity: string }>(
      `INSERT INTO report_activities (organisation_id, activity_id, occurs_on, minutes, per_day, centre_id, type_id, project_ids)
       SELECT id, gen_random_uuid(), '2026-01-05', 60, false, gen_random_uuid(), gen_random_uuid(), '{}' FROM organisations
       LIMIT 1 RETURNING activity_id::text AS activity`,
    );
    await database.close();

    const differing = atbalsts(['reports', 'verify'], env);
    expect(differing.status).toBe(1);
    expect(differing.stderr).toContain(
      `report_activities: 0 rows missing and 1 row too many, in the activities ${row!.activity}`,
    );
    expect(differing.stderr).toContain('atbalsts reports rebuild');
    const rebuilt = atbalsts(['reports', 'rebuild'], env);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(
      /Recomputed from the records: report_activities \d+ rows, report_attendance \d+ rows, report_attendance_years \d+ rows\./,
    );
    const agreeing = atbalsts(['reports', 'verify'], env);
    expect(agreeing.stderr).toBe('');
    expect(agreeing.status).toBe(0);
    expect(agreeing.stdout).toMatch(/The report tables agree with the records: report_activities \d+ rows/);
  }, 180_000);
});
