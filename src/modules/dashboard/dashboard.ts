import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { canInOrganisation, canSomewhere, centresWith } from '../../shared/access';
import type { Dashboard } from '../../shared/contracts/dashboard';
import { addDays } from '../../shared/dates';
import { followUpStillOpen } from '../activities/follow-ups';
import { canOpenCase } from '../cases/policy';
import { mentoringWatch } from '../mentoring/watch';
import { budgetOf, plannedTotalOf } from '../projects/budget';
import { projectVisible } from '../projects/policy';
import { projects, projectTargets } from '../projects/tables';
import { computeIndicators } from '../reports/indicators';

type Specialist = NonNullable<Dashboard['specialist']>;
type FollowUp = Omit<Specialist['followUps'][number], 'overdue'>;

/** The caller's own open cases: key worker or team member, within the case scope. */
function myCases(ctx: ActorCtx): SQL {
  const me = ctx.actor.userId;
  return sql`cases.status <> 'closed' and ${canOpenCase(ctx.actor)} and (cases.key_worker_id = ${me}
    or exists (select 1 from case_team ct where ct.case_id = cases.id and ct.user_id = ${me}))`;
}

async function specialistPart(ctx: ActorCtx, today: string): Promise<Dashboard['specialist']> {
  const mine = myCases(ctx);
  const followUps = await queryRows<FollowUp>(
    ctx.tx,
    sql`
    select a.id as "activityId", a.follow_up_on::text as "followUpOn", cases.id as "caseId",
           f.name as "familyName", t.name_lv as "typeNameLv", t.name_en as "typeNameEn"
    from activities a
    join cases on cases.id = a.case_id
    join families f on f.id = cases.family_id
    join activity_types t on t.id = a.type_id
    where a.follow_up_on <= ${today} and ${mine} and ${followUpStillOpen('a')}
    order by a.follow_up_on, f.name limit 50`,
  );
  const reviews = await queryRows<Specialist['reviewsDue'][number]>(
    ctx.tx,
    sql`
    select p.id as "planId", p.title, p.next_review_on::text as "nextReviewOn", cases.id as "caseId",
           f.name as "familyName"
    from plans p join cases on cases.id = p.case_id join families f on f.id = cases.family_id
    where p.status = 'approved' and p.next_review_on <= ${addDays(today, 7)} and ${mine}
    order by p.next_review_on limit 50`,
  );
  const recent = await queryRows<Specialist['recent'][number]>(
    ctx.tx,
    sql`
    select a.id as "activityId", a.occurs_on::text as "occursOn", cases.id as "caseId", f.name as "familyName",
           t.name_lv as "typeNameLv", t.name_en as "typeNameEn"
    from activities a
    join cases on cases.id = a.case_id
    join families f on f.id = cases.family_id
    join activity_types t on t.id = a.type_id
    where a.occurs_on <= ${today} and a.status = 'held' and a.voided_at is null and ${mine}
    order by a.occurs_on desc, a.created_at desc limit 10`,
  );
  return {
    followUps: followUps.map((row) => ({ ...row, overdue: row.followUpOn < today })),
    reviewsDue: reviews,
    recent,
  };
}

async function managerPart(
  ctx: ActorCtx,
  today: string,
  centreIds: 'all' | string[],
): Promise<Dashboard['manager']> {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const weekFrom = addDays(today, -weekday);
  const weekTo = addDays(weekFrom, 6);
  const org = ctx.actor.organisationId;
  const atCentres = (column: SQL) =>
    centreIds === 'all'
      ? sql`true`
      : sql`${column} in (${sql.join(
          centreIds.map((id) => sql`${id}`),
          sql`, `,
        )})`;
  const byType = await queryRows<{
    code: string | null;
    nameLv: string;
    nameEn: string;
    count: number;
  }>(
    ctx.tx,
    sql`
    select t.code, t.name_lv as "nameLv", t.name_en as "nameEn", count(*)::int as count
    from activities a join activity_types t on t.id = a.type_id
    where a.organisation_id = ${org} and ${atCentres(sql`a.centre_id`)} and a.status = 'held' and a.voided_at is null
      and a.occurs_on between ${weekFrom} and ${weekTo}
    group by t.code, t.name_lv, t.name_en order by count desc, t.name_lv`,
  );
  const referrals = await queryRows<{ count: number }>(
    ctx.tx,
    sql`
    select count(*)::int as count from cases
    where cases.organisation_id = ${org} and ${atCentres(sql`cases.centre_id`)}
      and cases.referral_date between ${weekFrom} and ${weekTo}`,
  );
  const risk = await queryRows<{ risk: 'high' | 'medium' | 'low' | 'none'; count: number }>(
    ctx.tx,
    sql`
    select coalesce(cases.risk_level, 'none') as risk, count(*)::int as count from cases
    where cases.organisation_id = ${org} and ${atCentres(sql`cases.centre_id`)} and cases.status <> 'closed'
    group by 1`,
  );
  const plansToApprove = await queryRows<{
    caseId: string;
    familyName: string;
    planId: string;
    title: string;
  }>(
    ctx.tx,
    sql`
    select cases.id as "caseId", f.name as "familyName", p.id as "planId", p.title
    from plans p join cases on cases.id = p.case_id join families f on f.id = cases.family_id
    where p.status = 'submitted' and cases.organisation_id = ${org} and ${atCentres(sql`cases.centre_id`)}
      and ${canOpenCase(ctx.actor)}
    order by p.updated_at, p.id limit 20`,
  );
  // A transfer is decided by the receiving centre's manager (src/modules/cases/transfer-case.ts).
  const transfersToDecide = await queryRows<{ caseId: string; familyName: string; fromCentre: string }>(
    ctx.tx,
    sql`
    select cases.id as "caseId", f.name as "familyName", c.name as "fromCentre"
    from cases join families f on f.id = cases.family_id join centres c on c.id = cases.centre_id
    where cases.organisation_id = ${org} and cases.pending_centre_id is not null
      and ${atCentres(sql`cases.pending_centre_id`)}
    order by cases.updated_at, cases.id limit 20`,
  );
  const order = ['high', 'medium', 'low', 'none'] as const;
  return {
    plansToApprove,
    transfersToDecide,
    weekFrom,
    weekTo,
    activitiesByType: byType,
    newReferrals: referrals[0]?.count ?? 0,
    openByRisk: order.map((level) => ({
      risk: level,
      count: risk.find((r) => r.risk === level)?.count ?? 0,
    })),
  };
}

/** What the home page shows: a specialist's follow-ups and reviews, a manager's week. */
export async function getDashboard(ctx: ActorCtx): Promise<Dashboard> {
  const today = ctx.now.toISOString().slice(0, 10);
  const supervised = centresWith(ctx.actor, 'cases.supervise');
  const worksOnCases = centresWith(ctx.actor, 'cases.read');
  const specialist =
    worksOnCases === 'all' || worksOnCases.length > 0 ? await specialistPart(ctx, today) : null;
  const manager =
    supervised === 'all' || supervised.length > 0 ? await managerPart(ctx, today, supervised) : null;
  const mentoring = canSomewhere(ctx.actor, 'mentoring.run') ? await mentoringWatch(ctx, today) : null;
  // Families by name with what is due for them: an audited read, listing the cases (and matches) shown.
  const shown = [
    ...(specialist ? [...specialist.followUps, ...specialist.reviewsDue, ...specialist.recent] : []),
    ...(manager ? [...manager.plansToApprove, ...manager.transfersToDecide] : []),
  ].map((c) => c.caseId);
  const matches = [
    ...new Set(
      [...(mentoring?.quiet ?? []), ...(mentoring?.reviewsDue ?? []), ...(mentoring?.endingSoon ?? [])].map(
        (m) => m.matchId,
      ),
    ),
  ];
  if (specialist || shown.length > 0 || matches.length > 0)
    await recordAudit(ctx, {
      action: 'dashboard.read',
      details: { shown: [...new Set(shown)], ...(matches.length ? { matches } : {}) },
    });
  return {
    today,
    specialist,
    manager,
    projects: canInOrganisation(ctx.actor, 'projects.read') ? await projectsPart(ctx, today) : null,
    mentoring,
    admin: canInOrganisation(ctx.actor, 'users.manage') ? await adminPart(ctx) : null,
  };
}

/** Counts of the organisation's users and centres and the set-up tasks they leave (administrators). */
async function adminPart(ctx: ActorCtx): Promise<Dashboard['admin']> {
  const org = ctx.actor.organisationId;
  const [row] = await queryRows<{ active: number; roleless: number; centres: number; mfa: boolean }>(
    ctx.tx,
    sql`select
      (select count(*)::int from users u where u.organisation_id = ${org} and u.disabled_at is null) as active,
      (select count(*)::int from users u where u.organisation_id = ${org} and u.disabled_at is null
         and not exists (select 1 from role_grants g where g.user_id = u.id)) as roleless,
      (select count(*)::int from centres c where c.organisation_id = ${org}) as centres,
      (select mfa_required from organisations where id = ${org}) as mfa`,
  );
  const counts = row ?? { active: 0, roleless: 0, centres: 0, mfa: false };
  const tasks: NonNullable<Dashboard['admin']>['tasks'] = [];
  if (counts.centres === 0) tasks.push('createCentre');
  if (counts.active <= 1) tasks.push('addStaff');
  if (counts.roleless > 0) tasks.push('grantRoles');
  if (!counts.mfa) tasks.push('requireMfa');
  return {
    activeUsers: counts.active,
    usersWithoutRoles: counts.roleless,
    centres: counts.centres,
    mfaRequired: counts.mfa,
    tasks,
  };
}

/** At most this many projects on the home page; the projects page lists them all. */
const homeProjects = 8;

/**
 * The active projects with families reached from their start to today against the whole project's
 * target, and money spent against the budget lines (or the sources' total without lines): the same
 * engine and budget as the reports.
 */
async function projectsPart(ctx: ActorCtx, today: string): Promise<Dashboard['projects']> {
  const rows = await ctx.tx
    .select()
    .from(projects)
    .where(and(projectVisible(ctx.actor), eq(projects.status, 'active')))
    .orderBy(asc(projects.endsOn), asc(projects.code))
    .limit(homeProjects);
  const out: NonNullable<Dashboard['projects']> = [];
  for (const project of rows) {
    const to = project.endsOn < today ? project.endsOn : today;
    const figures =
      project.startsOn <= to
        ? await computeIndicators(ctx.tx, {
            organisationId: project.organisationId,
            from: project.startsOn,
            to,
            projectId: project.id,
          })
        : [];
    const [target] = await ctx.tx
      .select({ planned: projectTargets.plannedValue })
      .from(projectTargets)
      .where(
        and(
          eq(projectTargets.projectId, project.id),
          eq(projectTargets.indicatorKey, 'families_reached'),
          isNull(projectTargets.periodYear),
        ),
      );
    const budget = await budgetOf(ctx.tx, project, ctx.actor.language);
    out.push({
      id: project.id,
      code: project.code,
      title: ctx.actor.language === 'en' && project.titleEn ? project.titleEn : project.titleLv,
      endsOn: project.endsOn,
      familiesPlanned: target ? Number(target.planned) : null,
      familiesReached: figures.find((f) => f.key === 'families_reached' && f.by === null)?.value ?? 0,
      plannedCents: plannedTotalOf(budget),
      spentCents: budget.spentCents,
    });
  }
  return out;
}
