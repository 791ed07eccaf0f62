import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { readConfig } from '../platform/config';
import { startupProblem } from './startup-errors';

/** What a start-up with this DATABASE_URL says, from the real failure of opening it. */
async function problemOpening(databaseUrl: string): Promise<string | null> {
  const config = readConfig({ DATABASE_URL: databaseUrl });
  try {
    const database = await openDatabase({ kind: 'postgresql', url: databaseUrl });
    await database.close();
    return 'opened';
  } catch (error) {
    return startupProblem(error, config);
  }
}

describe('start-up errors', () => {
  it('names DATABASE_URL and what to do when it is not a URL, or no PostgreSQL answers there', async () => {
    expect(await problemOpening('base')).toMatch(/^DATABASE_URL is not a URL/);
    expect(await problemOpening('postgres://postgres@127.0.0.1:1/test')).toMatch(
      /^No PostgreSQL answers at 127\.0\.0\.1:1 .*Start PostgreSQL there or correct DATABASE_URL/,
    );
    expect(await problemOpening('postgres://postgres@no-such-host.invalid:5432/test')).toMatch(
      /host "no-such-host\.invalid", which cannot be found/,
    );
  }, 60_000);

  it.runIf(process.env.TEST_DATABASE_URL)('names a database that does not exist', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/atbalsts_nav_tadas';
    expect(await problemOpening(url.toString())).toMatch(
      /^The database "atbalsts_nav_tadas" named in DATABASE_URL does not exist/,
    );
  });

  it('names PORT when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const second = createServer();
    const error = await new Promise<Error>((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    taken.close();
    expect(startupProblem(error, { databaseUrl: null, dataDir: 'data', port })).toBe(
      `Port ${port} is already in use (PORT). Stop the program that uses it, or set PORT to another port.`,
    );
  });
});
