import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, isUniqueViolation } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { createUserInput, UserView } from '../../shared/contracts/users';
import { assertAcceptablePassword, hashPassword, oneTimePassword } from '../auth/passwords';
import { presentUser } from './presenter';
import { users } from './tables';

export type NewUser = z.output<typeof createUserInput> & { organisationId: string };

const emailTaken = () =>
  new AppError('EMAIL_TAKEN', { fields: [{ field: 'email', key: 'error.EMAIL_TAKEN' }] });

/**
 * Creates a user. Without `password` a one-time password is made, returned once, and
 * must be changed at first sign-in; with one (automated installs) it is checked
 * against the password policy and kept.
 */
export async function createUser(
  ctx: Ctx,
  input: NewUser,
  password?: string,
): Promise<{ user: UserView; oneTimePassword: string | null }> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await ctx.tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw emailTaken();
  if (password !== undefined) assertAcceptablePassword(password, { ...input, email }, 'password');
  const initial = password ?? oneTimePassword();
  const id = newId(ctx.now.getTime());
  try {
    const [row] = await ctx.tx
      .insert(users)
      .values({
        id,
        organisationId: input.organisationId,
        email,
        givenName: input.givenName,
        familyName: input.familyName,
        specialty: input.specialty,
        language: input.language,
        passwordHash: await hashPassword(initial),
        mustChangePassword: password === undefined,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      organisationId: input.organisationId,
      details: { email, specialty: input.specialty },
    });
    return { user: presentUser(row!, []), oneTimePassword: password === undefined ? initial : null };
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) throw emailTaken();
    throw error;
  }
}
