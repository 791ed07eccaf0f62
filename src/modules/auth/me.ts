import { eq } from 'drizzle-orm';
import type { ActorCtx } from '../../platform/context';
import { canSomewhere, permissions } from '../../shared/access';
import type { MeResponse } from '../../shared/contracts/auth';
import { activeEmergencyCases } from '../cases/emergency-access';
import { roleGrantsOf } from '../users/queries';
import { users } from '../users/tables';

/** Who is signed in, with roles and the permissions the web uses to hide what is not allowed. */
export async function getMe(ctx: ActorCtx): Promise<MeResponse> {
  const [user] = await ctx.tx.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user) throw new Error('signed-in user vanished');
  const roles = (await roleGrantsOf(ctx.tx, [user.id])).get(user.id) ?? [];
  return {
    user: {
      id: user.id,
      email: user.email,
      givenName: user.givenName,
      familyName: user.familyName,
      specialty: user.specialty,
      language: user.language,
      mustChangePassword: user.mustChangePassword,
    },
    mfaEnabled: user.mfaEnabledAt !== null,
    mfaSetupRequired: ctx.actor.mfaSetupRequired ?? false,
    roles,
    permissions: permissions.filter((permission) => canSomewhere(ctx.actor, permission)),
    emergencyAccess: (await activeEmergencyCases(ctx.tx, user.id, ctx.now)).map(({ caseId, expiresAt }) => ({
      caseId,
      expiresAt,
    })),
  };
}
