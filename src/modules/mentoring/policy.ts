import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor, ActorCtx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { centresWith } from '../../shared/access';
import { mentoringMatches } from './tables';

/**
 * Who may see a mentoring match: the mentoring coordinators of the centre of the mentee's case. They see
 * the mentee's essentials (name, age, the case's number and key worker) and what the match records, never
 * the case's content; the case's team sees the meetings as activities on the case. Everything else is 404.
 */
export function mentoringCentres(actor: Actor): 'all' | string[] {
  return centresWith(actor, 'mentoring.run');
}

/** The matches the actor runs. Table name written out, for use in Drizzle's selects and raw SQL alike. */
export function matchVisible(actor: Actor): SQL {
  const centres = mentoringCentres(actor);
  const at =
    centres === 'all'
      ? sql`true`
      : centres.length === 0
        ? sql`false`
        : sql`mentoring_matches.centre_id in (${sql.join(
            centres.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`;
  return sql`(mentoring_matches.organisation_id = ${actor.organisationId} and ${at})`;
}

export type MatchRow = typeof mentoringMatches.$inferSelect;

/** The scoped finder of matches: one the caller runs, locked when it is to be changed, or 404. */
export async function findMatch(ctx: ActorCtx, id: string, lock = false): Promise<MatchRow> {
  const query = ctx.tx
    .select()
    .from(mentoringMatches)
    .where(and(eq(mentoringMatches.id, id), matchVisible(ctx.actor)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

/**
 * The cases in which the caller may match a young person: open (not closed), not restricted (a family
 * hidden for its safety is not offered to volunteers), at a centre where they coordinate mentoring.
 */
export function menteeCaseVisible(actor: Actor): SQL {
  const centres = mentoringCentres(actor);
  const at =
    centres === 'all'
      ? sql`true`
      : centres.length === 0
        ? sql`false`
        : sql`c.centre_id in (${sql.join(
            centres.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`;
  return sql`c.organisation_id = ${actor.organisationId} and c.status <> 'closed' and not c.restricted and ${at}`;
}
