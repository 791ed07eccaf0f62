import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/raw';
import type { ActorCtx } from '../../platform/context';
import { invalid } from '../../platform/errors';
import type { mentoringFigures, mentoringFiguresQuery } from '../../shared/contracts/mentoring';
import { toIsoDate } from '../../shared/i18n';
import { matchVisible } from './policy';

/**
 * The mentoring figures of a period, computed in SQL from the matches and meetings the caller runs (by
 * centre, programme, project): young people mentored (in a match that ran during the period), matches
 * started, closed as planned and early, their average length in days, meetings held, and the meetings'
 * volunteer hours with their value at the project's rate.
 */
export async function mentoringFiguresOf(
  ctx: ActorCtx,
  query: z.output<typeof mentoringFiguresQuery>,
): Promise<z.infer<typeof mentoringFigures>> {
  if (query.to < query.from) throw invalid({ field: 'to', key: 'validation.endsBeforeStarts' });
  const today = toIsoDate(ctx.now);
  const [row] = await queryRows<z.infer<typeof mentoringFigures>>(
    ctx.tx,
    sql`with m as (
          select * from mentoring_matches
          where ${matchVisible(ctx.actor)} and voided_at is null and started_on is not null
            and ${query.centreId ? sql`centre_id = ${query.centreId}` : sql`true`}
            and ${query.programmeId ? sql`programme_id = ${query.programmeId}` : sql`true`}
            and ${query.projectId ? sql`project_id = ${query.projectId}` : sql`true`}
        ), ran as (
          select * from m
          where started_on <= ${query.to}::date and coalesce(ended_on, ${today}::date) >= ${query.from}::date
        ), ended as (
          select * from m where ended_on between ${query.from}::date and ${query.to}::date
        ), met as (
          select mm.duration_minutes, mm.outcome, p.volunteer_hourly_rate_cents as rate
          from mentoring_meetings mm join m on m.id = mm.match_id
          left join projects p on p.id = m.project_id
          where mm.voided_at is null and mm.held_on between ${query.from}::date and ${query.to}::date
        )
        select
          (select count(distinct mentee_id)::int from ran) as "youngPeople",
          (select count(*)::int from m where started_on between ${query.from}::date and ${query.to}::date) as "started",
          (select count(*)::int from ended where end_kind = 'planned') as "completedAsPlanned",
          (select count(*)::int from ended where end_kind = 'early') as "endedEarly",
          (select round(avg(ended_on - started_on + 1))::int from ended where end_kind <> 'not_started') as "averageDays",
          (select count(*)::int from met where outcome = 'held') as "meetingsHeld",
          (select coalesce(sum(duration_minutes) filter (where outcome <> 'cancelled'), 0)::float / 60 from met) as "hours",
          (select coalesce(round(sum(duration_minutes * coalesce(rate, 0) / 60.0) filter (where outcome <> 'cancelled')), 0)::int from met) as "valueCents"`,
  );
  return { ...row!, hours: Math.round(row!.hours * 100) / 100 };
}
