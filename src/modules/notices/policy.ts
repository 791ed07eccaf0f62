import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import { centresWith } from '../../shared/access';
import { notices } from './tables';

/**
 * Who sees a notice: the holders of its role (the data protection officer), the managers
 * (`cases.supervise`) of its centre, or the one user it is addressed to. Nobody else, and only while it
 * is not acknowledged.
 */
export function noticeVisible(actor: Actor): SQL {
  const supervised = centresWith(actor, 'cases.supervise');
  const toManagers =
    supervised === 'all'
      ? sql`${notices.toCentreId} is not null`
      : supervised.length
        ? inArray(notices.toCentreId, supervised)
        : sql`false`;
  const toDpo = actor.roles.some((g) => g.role === 'data_protection_officer');
  return and(
    eq(notices.organisationId, actor.organisationId),
    isNull(notices.acknowledgedAt),
    or(
      toManagers,
      toDpo ? eq(notices.toRole, 'data_protection_officer') : sql`false`,
      eq(notices.toUserId, actor.userId),
    ),
  )!;
}
