/**
 * The server the browser tests run against: a fresh embedded database in a temporary
 * directory, one administrator with a known password, then the ordinary server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdmin } from '../src/cli/user-commands';
import { readConfig } from '../src/server/config';
import { prepareDatabase, startServer } from '../src/server/main';

export const e2eAdmin = { email: 'admin@example.org', password: 'rudens mežā sēņu laiks' };

const dataDir = mkdtempSync(join(tmpdir(), 'atbalsts-e2e-'));
const config = readConfig({
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  PORT: process.env.E2E_PORT ?? '8099',
});
const database = await prepareDatabase(config);
await createAdmin(database, {
  email: e2eAdmin.email,
  givenName: 'Irēna',
  familyName: 'Kalniņa',
  password: e2eAdmin.password,
});
await database.close();
await startServer(config);
