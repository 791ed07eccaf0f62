import { eq } from 'drizzle-orm';
import type { ActorCtx } from '../../platform/context';
import type { UpdateMeInput } from '../../shared/contracts/auth';
import { users } from '../users/tables';

/** Saves the actor's own preferences (the interface language). Not audited: no one else's data. */
export async function updateMe(ctx: ActorCtx, input: UpdateMeInput): Promise<void> {
  await ctx.tx
    .update(users)
    .set({ language: input.language, updatedAt: ctx.now })
    .where(eq(users.id, ctx.actor.userId));
  ctx.actor.language = input.language;
}
