/**
 * A second server for the browser tests: a fresh embedded database holding the reference
 * dataset (as `atbalsts demo --reference` builds it), so report pages show the published figures.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReferenceDataset } from '../src/demo/reference';
import { readConfig } from '../src/platform/config';
import { prepareDatabase, startServer } from '../src/server/main';

const dataDir = mkdtempSync(join(tmpdir(), 'atbalsts-e2e-reference-'));
const config = readConfig({
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  PORT: process.env.E2E_REFERENCE_PORT ?? '8098',
});
const database = await prepareDatabase(config);
await loadReferenceDataset(database, new Date());
await database.close();
await startServer(config);
