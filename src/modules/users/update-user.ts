import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation } from '../../platform/errors';
import type { UpdateUserInput, UserView } from '../../shared/contracts/users';
import { endUserSessions } from '../auth/sessions';
import { findUserInScope } from './policy';
import { presentUser } from './presenter';
import { roleGrantsOf } from './queries';
import { isAdministrator, otherActiveAdministrators } from './rules';
import { users } from './tables';

const editable = ['email', 'givenName', 'familyName', 'specialty', 'language'] as const;

/** Edits a user's details and enables or disables them; each kind of change is audited. */
export async function updateUser(ctx: ActorCtx, userId: string, input: UpdateUserInput): Promise<UserView> {
  const user = await findUserInScope(ctx.tx, ctx.actor, userId);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const next: Partial<typeof users.$inferInsert> = {};
  for (const field of editable) {
    let value = input[field];
    if (value === undefined) continue;
    if (field === 'email' && typeof value === 'string') value = value.trim().toLowerCase();
    if (value !== user[field]) {
      changes[field] = { from: user[field], to: value };
      Object.assign(next, { [field]: value });
    }
  }
  const grants = (await roleGrantsOf(ctx.tx, [user.id])).get(user.id) ?? [];
  if (next.specialty === null && grants.some((g) => g.role === 'specialist')) {
    throw invalid({ field: 'specialty', key: 'validation.specialtyRequired' });
  }

  const disable = input.disabled === true && user.disabledAt === null;
  const enable = input.disabled === false && user.disabledAt !== null;
  if (disable) {
    if (user.id === ctx.actor.userId) throw new AppError('CANNOT_DISABLE_SELF');
    if (
      (await isAdministrator(ctx.tx, user.id)) &&
      (await otherActiveAdministrators(ctx.tx, user.organisationId, user.id)) === 0
    ) {
      throw new AppError('LAST_ADMINISTRATOR');
    }
    next.disabledAt = ctx.now;
  }
  if (enable) next.disabledAt = null;

  if (Object.keys(next).length === 0) return presentUser(user, grants);
  let updated: typeof user | undefined;
  try {
    [updated] = await ctx.tx
      .update(users)
      .set({ ...next, updatedAt: ctx.now })
      .where(eq(users.id, user.id))
      .returning();
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) {
      throw new AppError('EMAIL_TAKEN', { fields: [{ field: 'email', key: 'error.EMAIL_TAKEN' }] });
    }
    throw error;
  }
  if (Object.keys(changes).length > 0) {
    await recordAudit(ctx, {
      action: 'user.update',
      entityType: 'user',
      entityId: user.id,
      details: { changes },
    });
  }
  if (disable) {
    await endUserSessions(ctx.tx, user.id, ctx.now);
    await recordAudit(ctx, { action: 'user.disable', entityType: 'user', entityId: user.id });
  }
  if (enable) await recordAudit(ctx, { action: 'user.enable', entityType: 'user', entityId: user.id });
  return presentUser(updated!, grants);
}
