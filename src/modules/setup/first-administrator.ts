import { timingSafeEqual } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { ensureOrganisation } from '../organisation/ensure-organisation';
import { createUser } from '../users/create-user';
import { grantRole } from '../users/grant-role';
import { users } from '../users/tables';

/**
 * The first administrator, created in the browser (issue 17, item 9): while no user exists, the server
 * prints a setup link with a one-time token it drew at start (256 random bits, never stored, never sent
 * by the server); whoever opens it chooses the administrator's e-mail and password. Once anyone exists the
 * setup is closed for good, so the link is worth nothing after its first use. Two attempts at once are
 * made one after the other (an advisory lock), and the second finds the first's user.
 */
export async function setupNeeded(ctx: Ctx): Promise<boolean> {
  const [row] = await ctx.tx.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

const sameToken = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

export async function createFirstAdministrator(
  ctx: Ctx,
  expectedToken: string,
  input: { token: string; email: string; givenName: string; familyName: string; password: string },
  organisationName: string,
): Promise<{ email: string }> {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext('atbalsts:first-administrator'))`);
  if (!(await setupNeeded(ctx))) throw new AppError('SETUP_DONE');
  if (!sameToken(input.token, expectedToken)) throw new AppError('SETUP_TOKEN_INVALID');
  const organisationId = await ensureOrganisation(ctx.tx, organisationName, ctx.now);
  const created = await createUser(
    ctx,
    {
      email: input.email,
      givenName: input.givenName,
      familyName: input.familyName,
      specialty: null,
      language: ctx.language,
      organisationId,
    },
    input.password,
  );
  const [row] = await ctx.tx.select().from(users).where(eq(users.id, created.user.id));
  await grantRole(ctx, row!, { role: 'administrator', centreId: null });
  await recordAudit(ctx, {
    action: 'setup.first_administrator',
    entityType: 'user',
    entityId: created.user.id,
    organisationId,
    actorUserId: created.user.id,
  });
  return { email: created.user.email };
}
