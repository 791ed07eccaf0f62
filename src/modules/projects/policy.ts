import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { canInOrganisation } from '../../shared/access';
import { projects } from './tables';

/**
 * Projects are read by project managers and finance officers of the organisation (all
 * of them) and by partner viewers (only those they are linked to). Never case content.
 */
export function projectVisible(actor: Actor): SQL {
  const org = eq(projects.organisationId, actor.organisationId);
  if (canInOrganisation(actor, 'projects.read')) return org;
  if (canInOrganisation(actor, 'partner.read')) {
    return and(
      org,
      sql`exists (select 1 from project_viewers where project_viewers.project_id = projects.id and project_viewers.user_id = ${actor.userId})`,
    )!;
  }
  return sql`false`;
}

export type ProjectRow = typeof projects.$inferSelect;

/** A project the caller sees (404 otherwise); `change`: locked until the transaction ends, for a version check. */
export async function findVisibleProject(
  db: Db,
  actor: Actor,
  id: string,
  need: 'read' | 'change' = 'read',
): Promise<ProjectRow> {
  const query = db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), projectVisible(actor)));
  const [row] = need === 'read' ? await query : await query.for('update');
  if (!row) throw notFound();
  return row;
}
