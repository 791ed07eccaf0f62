import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor, ActorCtx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import type { UserRow } from './queries';
import { users } from './tables';

/*
 * Users are managed by the organisation's administrators (\`users.manage\`, declared on the routes):
 * every user of their organisation, nobody of another (404). Nobody grants or removes their own roles:
 * an administrator who could would give herself a case role and read restricted cases; a role that
 * reads case content is shown to the data protection officer (src/modules/users/grant-role.ts).
 */

/** A user of the actor's organisation; 404 for anyone else. */
export async function findUserInScope(db: Db, actor: Actor, userId: string): Promise<UserRow> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organisationId, actor.organisationId)));
  if (!user) throw notFound();
  return user;
}

/** Refuses a change of the caller's own roles. */
export function notOwnRoles(ctx: Pick<ActorCtx, 'actor'> | { actor: Actor | null }, userId: string): void {
  if (ctx.actor?.userId === userId) throw new AppError('OWN_ROLES');
}
