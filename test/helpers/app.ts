import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Database, DatabaseKind } from '../../src/db/connection';
import { hashPassword } from '../../src/modules/auth/passwords';
import { centres } from '../../src/modules/centres/tables';
import { ensureOrganisation } from '../../src/modules/organisation/ensure-organisation';
import { organisations } from '../../src/modules/organisation/tables';
import { createUser } from '../../src/modules/users/create-user';
import { grantRole } from '../../src/modules/users/grant-role';
import { users } from '../../src/modules/users/tables';
import { FixedClock } from '../../src/platform/clock';
import { readConfig } from '../../src/platform/config';
import type { Ctx } from '../../src/platform/context';
import { newId } from '../../src/platform/ids';
import type { App } from '../../src/platform/types';
import { buildApp } from '../../src/server/app';
import type { Role, Specialty } from '../../src/shared/access';
import { freshDatabase, testDatabaseKinds } from './databases';

export const testPassword = 'correct horse battery staple';
export const testStart = new Date('2026-03-02T09:00:00+02:00');

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Caller {
  request(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export interface TestUser {
  id: string;
  email: string;
  caller: Caller;
}

export interface TestApp {
  kind: DatabaseKind;
  app: App;
  database: Database;
  clock: FixedClock;
  organisationId: string;
  anonymous: Caller;
  /** Runs system work (factories) in a transaction. */
  system<T>(work: (ctx: Ctx) => Promise<T>): Promise<T>;
  /** A centre of the suite's organisation, or of another one made by `createOrganisation`. */
  createCentre(name: string, organisationId?: string): Promise<string>;
  /** A second (third…) organisation on the same installation: nothing of it may reach the first. */
  createOrganisation(name: string): Promise<string>;
  /** A user with the given roles and a known password, signed in. */
  user(options: {
    roles: { role: Role; centreId?: string | null }[];
    specialty?: Specialty;
    email?: string;
    organisationId?: string;
  }): Promise<TestUser>;
  signIn(email: string, password?: string): Promise<Caller>;
}

let counter = 0;

function callerWith(app: App, cookie: string | null): Caller {
  const request = (method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return {
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}

export async function createTestApp(
  kind: DatabaseKind,
  onDisk?: Parameters<typeof freshDatabase>[1],
): Promise<TestApp> {
  const database = await freshDatabase(kind, onDisk);
  const clock = new FixedClock(testStart);
  const organisationId = await ensureOrganisation(database.unsafeDb, 'Testa biedrība', clock.now());
  // Documents are stored under the data directory: a fresh one per suite, removed after it.
  // The fixed clock never leaves its minute: the API rate limit is lifted here and tested on its own.
  const dataDir = mkdtempSync(join(tmpdir(), 'atb-test-'));
  const config = {
    ...readConfig({}),
    dataDir,
    backupDir: join(dataDir, 'backups'),
    rateLimitPerMinute: 1_000_000,
  };
  const app = await buildApp({ database, clock, config });
  await app.ready();
  const system = <T>(work: (ctx: Ctx) => Promise<T>) =>
    database.unsafeDb.transaction((tx) =>
      work({ actor: null, tx, ip: null, language: 'lv', now: clock.now() }),
    );

  const signIn = async (email: string, password = testPassword) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'atbalsts_session');
    return callerWith(app, `atbalsts_session=${cookie!.value}`);
  };

  return {
    kind,
    app,
    database,
    clock,
    organisationId,
    anonymous: callerWith(app, null),
    system,
    signIn,
    createOrganisation: (name) =>
      system(async (ctx) => {
        const id = newId();
        await ctx.tx.insert(organisations).values({ id, name, createdAt: ctx.now });
        return id;
      }),
    createCentre: (name, inOrganisation = organisationId) =>
      system(async (ctx) => {
        const id = newId();
        await ctx.tx.insert(centres).values({
          id,
          organisationId: inOrganisation,
          name,
          municipality: '',
          address: '',
          active: true,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        return id;
      }),
    user: async ({ roles, specialty, email, organisationId: inOrganisation = organisationId }) => {
      counter += 1;
      const address = email ?? `user${counter}-${newId().slice(-6)}@example.org`;
      const id = await system(async (ctx) => {
        const created = await createUser(ctx, {
          email: address,
          givenName: `Lietotājs${counter}`,
          familyName: 'Testa',
          specialty: specialty ?? (roles.some((r) => r.role === 'specialist') ? 'social_worker' : null),
          language: 'lv',
          organisationId: inOrganisation,
        });
        await ctx.tx
          .update(users)
          .set({ passwordHash: await hashPassword(testPassword), mustChangePassword: false })
          .where(eq(users.id, created.user.id));
        const [row] = await ctx.tx.select().from(users).where(eq(users.id, created.user.id));
        for (const grant of roles)
          await grantRole(ctx, row!, { role: grant.role, centreId: grant.centreId ?? null });
        return created.user.id;
      });
      return { id, email: address, caller: await signIn(address) };
    },
  };
}

/**
 * Declares the suite once per test database. `t()` gives the suite's app, made fresh
 * for the suite and closed after it.
 */
export function describeOnDatabases(name: string, suite: (t: () => TestApp) => void): void {
  describe.each(testDatabaseKinds)(`${name} [%s]`, (kind) => {
    let testApp: TestApp | undefined;
    beforeAll(async () => {
      testApp = await createTestApp(kind);
    });
    afterAll(async () => {
      await testApp?.app.close();
      await testApp?.database.close();
      if (testApp) rmSync(testApp.app.deps.config.dataDir, { recursive: true, force: true });
    });
    suite(() => {
      if (!testApp) throw new Error('test app not ready');
      return testApp;
    });
  });
}

/** The body of a JSON response, typed loosely for assertions. */
export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json() as T;
}
