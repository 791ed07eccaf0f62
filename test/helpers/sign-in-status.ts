import { openDatabase } from '../../src/db/connection';
import { systemClock } from '../../src/platform/clock';
import { readConfig } from '../../src/platform/config';
import { buildApp } from '../../src/server/app';

/** Signs in against the embedded database in `dataDir` (the server stopped). */
export async function signInStatus(dataDir: string, email: string, password: string) {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const app = await buildApp({ database, clock: systemClock, config: readConfig({ DATA_DIR: dataDir }) });
  try {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    return {
      status: response.statusCode,
      body: response.json() as { user?: { mustChangePassword: boolean } },
    };
  } finally {
    await app.close();
    await database.close();
  }
}
