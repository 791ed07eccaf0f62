import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { latvianAsc } from '../../db/latvian-order';
import type { Actor } from '../../platform/context';
import type { RoleGrant } from '../../shared/access';
import type { RoleGrantView } from '../../shared/contracts/auth';
import { centres } from '../centres/tables';
import { roleGrants, users } from './tables';

export type UserRow = typeof users.$inferSelect;

/** Role grants of the given users, with centre names, keyed by user id. */
export async function roleGrantsOf(db: Db, userIds: string[]): Promise<Map<string, RoleGrantView[]>> {
  const result = new Map<string, RoleGrantView[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      centreId: roleGrants.centreId,
      centreName: centres.name,
    })
    .from(roleGrants)
    .leftJoin(centres, eq(centres.id, roleGrants.centreId))
    .where(inArray(roleGrants.userId, userIds))
    .orderBy(asc(roleGrants.createdAt));
  for (const { userId, ...grant } of rows) {
    const list = result.get(userId) ?? [];
    list.push({ ...grant, centreName: grant.centreName ?? null });
    result.set(userId, list);
  }
  return result;
}

export async function listUsersInScope(db: Db, actor: Actor): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(eq(users.organisationId, actor.organisationId))
    .orderBy(latvianAsc(users.familyName), latvianAsc(users.givenName));
}

/** The role grants of one user of the actor's organisation (none for anyone else). */
export async function grantsOfUser(db: Db, actor: Actor, userId: string): Promise<RoleGrant[]> {
  return db
    .select({ role: roleGrants.role, centreId: roleGrants.centreId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.userId, userId), eq(users.organisationId, actor.organisationId)));
}
