import { eq } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { hashPassword, oneTimePassword } from '../modules/auth/passwords';
import { endUserSessions } from '../modules/auth/sessions';
import { clearFailures } from '../modules/auth/throttle';
import { ensureOrganisation } from '../modules/organisation/ensure-organisation';
import { createUser } from '../modules/users/create-user';
import { grantRole } from '../modules/users/grant-role';
import { users } from '../modules/users/tables';
import { recordAudit } from '../platform/audit';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { createUserInput } from '../shared/contracts/users';
import { UsageError } from './usage-error';

/** The CLI acts as the system: no actor, no address; the audit log says so. */
function systemCtx(database: Database, work: (ctx: Ctx) => Promise<void>): Promise<void> {
  return database.unsafeDb.transaction((tx) =>
    work({ actor: null, tx, ip: null, language: 'en', now: new Date() }),
  );
}

export async function createAdmin(
  database: Database,
  input: { email: string; givenName: string; familyName: string; password?: string },
): Promise<{ email: string; oneTimePassword: string | null }> {
  const parsed = createUserInput.safeParse({
    email: input.email,
    givenName: input.givenName,
    familyName: input.familyName,
  });
  if (!parsed.success) throw new UsageError(`Not a valid email address: "${input.email}".`);
  let result: { email: string; oneTimePassword: string | null } | undefined;
  await systemCtx(database, async (ctx) => {
    const organisationId = await ensureOrganisation(ctx.tx, 'Atbalsts', ctx.now);
    const created = await createUser(ctx, { ...parsed.data, organisationId }, input.password);
    const [row] = await ctx.tx.select().from(users).where(eq(users.id, created.user.id));
    await grantRole(ctx, row!, { role: 'administrator', centreId: null });
    result = { email: created.user.email, oneTimePassword: created.oneTimePassword };
  });
  return result!;
}

export async function resetPasswordByEmail(database: Database, email: string): Promise<string> {
  const password = oneTimePassword();
  await systemCtx(database, async (ctx) => {
    const [user] = await ctx.tx.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
    if (!user) throw new AppError('NOT_FOUND');
    await ctx.tx
      .update(users)
      .set({
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        // When the one-time password was issued: it expires (src/modules/auth/sign-in.ts).
        passwordChangedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .where(eq(users.id, user.id));
    await endUserSessions(ctx.tx, user.id, ctx.now);
    await clearFailures(ctx.tx, user.email);
    await recordAudit(ctx, {
      action: 'user.reset_password',
      entityType: 'user',
      entityId: user.id,
      organisationId: user.organisationId,
      reason: 'cli',
    });
  });
  return password;
}
