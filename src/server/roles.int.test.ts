import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { verifyAuditTrail } from '../modules/audit/verify';
import { readConfig } from '../platform/config';
import { prepareDatabase } from './main';

/*
 * Issue 16, part 6: on PostgreSQL the server runs as a role that may only add to and read the audit log;
 * migrations run as the role that owns the tables (MIGRATION_DATABASE_URL).
 */
describe.runIf(process.env.TEST_DATABASE_URL)('separate database roles [postgresql]', () => {
  const tag = randomBytes(4).toString('hex');
  const [ownerRole, serverRole, name] = [`atb_owner_${tag}`, `atb_server_${tag}`, `atbalsts_roles_${tag}`];
  const admin = async (sqlText: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sqlText);
    } finally {
      await client.end();
    }
  };
  const urlAs = (role: string) => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.username = role;
    url.password = '';
    url.pathname = `/${name}`;
    return url.toString();
  };

  beforeAll(async () => {
    await admin(`CREATE ROLE ${ownerRole} LOGIN; CREATE ROLE ${serverRole} LOGIN`);
    await admin(`CREATE DATABASE ${name} OWNER ${ownerRole}`);
    // PostgreSQL 15+: the public schema belongs to the database owner's control only when given to it.
    const client = new pg.Client({ connectionString: urlAs('postgres') });
    await client.connect();
    await client.query(`ALTER SCHEMA public OWNER TO ${ownerRole}`);
    await client.end();
  }, 60_000);
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`DROP ROLE IF EXISTS ${serverRole}; DROP ROLE IF EXISTS ${ownerRole}`);
  });

  it('migrates as the owner, and the server can write but not rewrite the audit trail', async () => {
    const config = {
      ...readConfig({}),
      databaseUrl: urlAs(serverRole),
      migrationDatabaseUrl: urlAs(ownerRole),
    };
    const database = await prepareDatabase(config);
    try {
      // The organisation was created through the server's role, and audited entries are chained.
      await database.query(
        `INSERT INTO audit_log (id, organisation_id, occurred_at, action, outcome, details)
         VALUES (gen_random_uuid(), (SELECT id FROM organisations LIMIT 1), now(), 'test.entry', 'success', '{}')`,
      );
      const refusals = [
        `UPDATE audit_log SET action = 'x'`,
        'DELETE FROM audit_log',
        'TRUNCATE audit_log',
        'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
        'DROP TRIGGER audit_log_chain ON audit_log',
        `UPDATE audit_chain_heads SET seq = 0`,
        'DELETE FROM schema_migrations',
      ];
      for (const statement of refusals) {
        await expect(database.query(statement), statement).rejects.toThrow(/permission denied|must be owner/);
      }
      const verification = await verifyAuditTrail(database.unsafeDb);
      expect(verification.broken).toBeNull();
      expect(verification.entries).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
    // The owner still may (and a second start changes nothing).
    const owner = await openDatabase({ kind: 'postgresql', url: urlAs(ownerRole) });
    const [row] = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(row!.n).toBeGreaterThan(20);
    await owner.close();
    await (await prepareDatabase(config)).close();
  }, 120_000);
});
