import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection';
import { fromDatabaseRefusal, httpStatus } from '../../src/platform/errors';
import { createTestApp, json, type TestApp, type TestUser } from '../helpers/app';

/*
 * Issue 14, part 8: a lost database connection is not fatal. On PostgreSQL the pool's connections are
 * terminated under the running server (as a restart or failover would); the server stays up, answers, and
 * keeps working with new connections.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('a lost database connection [postgresql]', () => {
  let t: TestApp;
  let worker: TestUser;

  beforeAll(async () => {
    t = await createTestApp('postgresql');
    const centre = await t.createCentre('Savienojuma centrs');
    worker = await t.user({ roles: [{ role: 'specialist', centreId: centre }] });
  }, 120_000);
  afterAll(async () => {
    await t.app.close();
    await t.database.close();
  });

  /** Ends every connection of the server's pool from outside, as a database restart does. */
  async function terminateServerConnections(): Promise<number> {
    const [row] = await t.database.query<{ name: string }>('SELECT current_database() AS name');
    const name = row!.name;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const ended = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      return ended.rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  it('survives its connections being terminated, and works again with new ones', async () => {
    // Several requests at once, so that the pool holds several connections.
    const first = await Promise.all(Array.from({ length: 4 }, () => worker.caller.get('/api/cases')));
    expect(first.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(await terminateServerConnections()).toBeGreaterThan(0);
    // Let the pool notice the closed idle connections (its 'error' events must not stop the process).
    await new Promise((resolve) => setTimeout(resolve, 200));

    const health = await t.anonymous.get('/api/health');
    expect(health.statusCode).toBe(200);
    expect(json(health)).toMatchObject({ status: 'ok', database: 'postgresql' });
    const again = await worker.caller.get('/api/cases');
    expect(again.statusCode, again.body).toBe(200);
  });

  it('answers 503 "database unavailable", not 500, when the database cannot be reached', async () => {
    const unreachable = await createTestApp('pglite');
    try {
      // The same server code, with a database whose connections all fail.
      await unreachable.database.close();
      const health = await unreachable.anonymous.get('/api/health');
      expect(health.statusCode).toBe(503);
      expect(json(health)).toMatchObject({ status: 'unavailable' });
    } finally {
      await unreachable.app.close();
    }
  });

  it('cancels a statement that runs past the time limit and answers 503 "took too long"', async () => {
    const [row] = await t.database.query<{ name: string }>('SELECT current_database() AS name');
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${row!.name}`;
    const limited = await openDatabase({ kind: 'postgresql', url: url.toString(), statementTimeoutMs: 300 });
    try {
      const failure = await limited.query('SELECT pg_sleep(5)').catch((error: unknown) => error);
      const answer = fromDatabaseRefusal(failure);
      expect(answer?.code).toBe('TOOK_TOO_LONG');
      expect(httpStatus.TOOK_TOO_LONG).toBe(503);
      // The connection is fine afterwards: only the statement was stopped.
      expect(await limited.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await limited.close();
    }
  });
});
