/**
 * The server the browser tests run against: a fresh embedded database in a temporary
 * directory, one administrator and a few staff with known passwords, then the ordinary
 * server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createAdmin } from '../src/cli/user-commands';
import { centres } from '../src/modules/centres/tables';
import { createUser } from '../src/modules/users/create-user';
import { grantRole } from '../src/modules/users/grant-role';
import { users } from '../src/modules/users/tables';
import { readConfig } from '../src/platform/config';
import { newId } from '../src/platform/ids';
import { prepareDatabase, startServer } from '../src/server/main';
import { organisationWideRoles, type Role, type Specialty } from '../src/shared/access';

const dataDir = mkdtempSync(join(tmpdir(), 'atbalsts-e2e-'));
const config = readConfig({
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  PORT: process.env.E2E_PORT ?? '8099',
});
const database = await prepareDatabase(config);
await createAdmin(database, {
  email: 'admin@example.org',
  givenName: 'Irēna',
  familyName: 'Kalniņa',
  password: 'rudens mežā sēņu laiks',
});

const staff: {
  email: string;
  givenName: string;
  familyName: string;
  specialty: Specialty | null;
  role: Role;
}[] = [
  {
    email: 'liene@example.org',
    givenName: 'Liene',
    familyName: 'Ozola',
    specialty: 'social_worker',
    role: 'specialist',
  },
  {
    email: 'marta@example.org',
    givenName: 'Marta',
    familyName: 'Vītola',
    specialty: 'family_assistant',
    role: 'specialist',
  },
  {
    email: 'anda@example.org',
    givenName: 'Anda',
    familyName: 'Liepa',
    specialty: null,
    role: 'centre_manager',
  },
  {
    email: 'projekti@example.org',
    givenName: 'Irēna',
    familyName: 'Kalniņa',
    specialty: null,
    role: 'project_manager',
  },
  {
    email: 'finanses@example.org',
    givenName: 'Rūta',
    familyName: 'Bērziņa',
    specialty: null,
    role: 'finance_officer',
  },
  {
    email: 'mentori@example.org',
    givenName: 'Māra',
    familyName: 'Gaile',
    specialty: null,
    role: 'mentoring_coordinator',
  },
  {
    email: 'dati@example.org',
    givenName: 'Dina',
    familyName: 'Sargā',
    specialty: null,
    role: 'data_protection_officer',
  },
];
await database.unsafeDb.transaction(async (tx) => {
  const ctx = { actor: null, tx, ip: null, language: 'lv' as const, now: new Date() };
  const [org] = await tx.select({ id: users.organisationId }).from(users).limit(1);
  const centreId = newId();
  await tx.insert(centres).values({
    id: centreId,
    organisationId: org!.id,
    name: 'Bauska',
    municipality: 'Bauskas novads',
    address: '',
    active: true,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  for (const person of staff) {
    const { role, ...fields } = person;
    const created = await createUser(
      ctx,
      { ...fields, language: 'lv', organisationId: org!.id },
      'ziema pie jūras 2026',
    );
    const [row] = await tx.select().from(users).where(eq(users.id, created.user.id));
    // Project, finance and data protection staff work for the whole organisation.
    const organisationWide = organisationWideRoles.includes(role);
    await grantRole(ctx, row!, { role, centreId: organisationWide ? null : centreId });
  }
});
await database.close();
await startServer(config);
