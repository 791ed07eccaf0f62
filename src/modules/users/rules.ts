import { and, count, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { roleGrants, users } from './tables';

/** How many active administrators the organisation would have without `exceptUserId`. */
export async function otherActiveAdministrators(db: Db, organisationId: string, exceptUserId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        eq(roleGrants.organisationId, organisationId),
        eq(roleGrants.role, 'administrator'),
        isNull(users.disabledAt),
        ne(users.id, exceptUserId),
      ),
    );
  return row?.n ?? 0;
}

export async function isAdministrator(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, 'administrator')));
  return (row?.n ?? 0) > 0;
}
