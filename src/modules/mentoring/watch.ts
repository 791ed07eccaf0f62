import { sql } from 'drizzle-orm';
import type { ActorCtx } from '../../platform/context';
import type { Dashboard } from '../../shared/contracts/dashboard';
import { addDays } from '../../shared/dates';
import { listVolunteers } from '../volunteers/volunteers';
import { matchViews } from './matches';
import { matchVisible } from './policy';

/** Days without a meeting after which an active match is named on the coordinator's home page. */
export const quietDays = 30;
/** How far ahead the home page names planned ends (expiring checks: `readinessOf`, also 30 days). */
const endingWithinDays = 30;

/**
 * What the mentoring coordinator watches, on her home page: active matches without a meeting for a month,
 * matches past their mid-point without a review, matches reaching their planned end within a month (or past it and not closed), and volunteers whose
 * criminal-record certificate or interview expires within a month.
 */
export async function mentoringWatch(
  ctx: ActorCtx,
  today: string,
): Promise<NonNullable<Dashboard['mentoring']>> {
  const running = await matchViews(
    ctx,
    sql`m.id in (select id from mentoring_matches where ${matchVisible(ctx.actor)})
      and m.voided_at is null and m.status in ('active', 'paused')`,
  );
  const item = (m: (typeof running)[number]) => ({
    matchId: m.id,
    menteeName: m.menteeName,
    volunteerName: m.volunteerName,
  });
  const quietSince = addDays(today, -quietDays);
  const quiet = running
    .filter((m) => m.status === 'active' && (m.lastMeetingOn ?? m.startedOn ?? today) < quietSince)
    .map((m) => ({ ...item(m), lastMeetingOn: m.lastMeetingOn }));
  const reviewsDue = running
    .filter((m) => !m.reviewed && m.midpointOn <= today)
    .map((m) => ({ ...item(m), midpointOn: m.midpointOn }));
  const endingSoon = running
    .filter((m) => m.plannedEndOn <= addDays(today, endingWithinDays))
    .map((m) => ({ ...item(m), plannedEndOn: m.plannedEndOn }));
  const volunteers = await listVolunteers(ctx, undefined, today);
  const checksExpiring = volunteers
    .filter((v) => v.status !== 'left' && v.readiness.expiring.length > 0)
    .flatMap((v) =>
      v.readiness.expiring.map((e) => ({
        volunteerId: v.id,
        name: `${v.givenName} ${v.familyName}`,
        kind: e.kind,
        expiresOn: e.expiresOn,
      })),
    );
  return { quiet, reviewsDue, endingSoon, checksExpiring };
}
