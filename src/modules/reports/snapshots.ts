import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { findVisibleProject } from '../projects/policy';
import { users } from '../users/tables';
import { generateReport, type ProjectRow, type ReportKindName, type ReportRequest } from './reports';
import { reportSnapshots } from './tables';

/** The counting rules in force, stored with every snapshot (see indicators.ts for the full text). */
export const indicatorDefinitions = {
  version: 1,
  rules: {
    families_reached:
      'Families that, or a member of which, attended a held activity of the scope in the period; absent participants and cancelled activities do not count; unduplicated.',
    children_in_families_reached:
      'Distinct people under 18 on the day their family was first reached in the period, members of that family that day.',
    persons_reached: 'Distinct people who attended in person a held activity of the scope in the period.',
    women_reached: 'Persons reached who are female and 18 or older on the day of the activity.',
    groups_held: 'Distinct groups with at least one held session in the period.',
    events_held: 'Held activities of an event type (camps, closing and information events).',
    institutions_reached: 'Distinct institutions with at least one staff member attending a held activity.',
    activities_held: 'Held activities.',
    service_hours: 'Sum of durations of held activities (multi-day events: per day × days).',
  },
};

/**
 * A hash of everything a project's reports are computed from: its activities and their
 * attendance, the people and memberships involved, institutions, targets and money.
 * Equal hashes mean the figures cannot have changed.
 */
export async function projectInputHash(db: Db, projectId: string): Promise<string> {
  const [row] = await queryRows<{ hash: string }>(
    db,
    sql`with acts as (
        select a.* from activities a join activity_projects ap on ap.activity_id = a.id where ap.project_id = ${projectId}
      ),
      parts as (select p.* from activity_participants p join acts on acts.id = p.activity_id),
      people as (
        select distinct person_id as id from parts where person_id is not null
        union select fm.person_id from family_members fm
          where fm.family_id in (select coalesce(family_id, via_family_id) from parts)
      ),
      pieces as (
        select 'a' || id || status || occurs_on || coalesce(ends_on::text, '') || duration_minutes || centre_id
               || coalesce(programme_id::text, '') || type_id || coalesce(group_id::text, '')
               || coalesce(voided_at::text, '') as piece from acts
        union all select 'p' || id || attendance || coalesce(family_id::text, '') || coalesce(person_id::text, '')
               || coalesce(via_family_id::text, '') from parts
        union all select 'm' || fm.id || fm.family_id || fm.joined_on || coalesce(fm.left_on::text, '')
          from family_members fm where fm.person_id in (select id from people)
        union all select 'h' || pe.id || coalesce(pe.birth_date::text, '') || coalesce(pe.birth_year::text, '') || pe.sex
               || coalesce(pe.merged_into::text, '') from persons pe where pe.id in (select id from people)
        union all select 'd' || d.activity_id || d.person_id || d.day || d.attendance
          from activity_day_attendance d where d.activity_id in (select id from acts)
        union all select 'i' || ai.activity_id || ai.institution_id || ai.staff_attended
          from activity_institutions ai where ai.activity_id in (select id from acts)
        union all select 't' || indicator_key || planned_value || coalesce(period_year::text, '') from project_targets where project_id = ${projectId}
        union all select 'l' || id || planned_cents from budget_lines where project_id = ${projectId}
        union all select 's' || id || type || amount_cents from funding_sources where project_id = ${projectId}
        union all select 'e' || id || amount_cents || spent_on || budget_line_id || coalesce(funding_source_id::text, '')
               || coalesce(voided_at::text, '') from expenditures where project_id = ${projectId}
        union all select 'v' || id || hours || worked_on || coalesce(voided_at::text, '') from volunteer_hours where project_id = ${projectId}
        union all select 'P' || starts_on || ends_on || coalesce(declared_total_cents::text, '')
               || coalesce(cofinancing_required_share::text, '') || coalesce(volunteer_hourly_rate_cents::text, '')
          from projects where id = ${projectId}
      )
      select md5(coalesce(string_agg(piece, '|' order by piece), '')) as hash from pieces`,
  );
  return row!.hash;
}

/** Publishing freezes a report: figures, parameters, definitions and the hash of its inputs. */
export async function publishSnapshot(
  ctx: ActorCtx,
  projectId: string,
  kind: ReportKindName,
  request: ReportRequest,
): Promise<string> {
  const project = await findVisibleProject(ctx.tx, ctx.actor, projectId);
  const report = await generateReport(ctx.tx, project, kind, request, ctx.now.toISOString().slice(0, 10));
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(reportSnapshots).values({
    id,
    organisationId: project.organisationId,
    projectId,
    kind,
    parameters: request,
    report,
    definitions: indicatorDefinitions,
    inputHash: await projectInputHash(ctx.tx, projectId),
    publishedBy: ctx.actor.userId,
    publishedAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'report.publish',
    entityType: 'report_snapshot',
    entityId: id,
    details: { kind },
  });
  return id;
}

export async function listSnapshots(ctx: ActorCtx, projectId: string) {
  const project = await findVisibleProject(ctx.tx, ctx.actor, projectId);
  const rows = await ctx.tx
    .select({
      id: reportSnapshots.id,
      kind: reportSnapshots.kind,
      parameters: reportSnapshots.parameters,
      inputHash: reportSnapshots.inputHash,
      publishedAt: reportSnapshots.publishedAt,
      publishedByName: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
    })
    .from(reportSnapshots)
    .innerJoin(users, eq(users.id, reportSnapshots.publishedBy))
    .where(eq(reportSnapshots.projectId, project.id))
    .orderBy(desc(reportSnapshots.publishedAt));
  return rows.map(({ parameters: _, ...row }) => ({ ...row, publishedAt: row.publishedAt.toISOString() }));
}

/** JSON with object keys sorted (PostgreSQL's jsonb keeps its own key order). */
const stableJson = (value: unknown): string =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : JSON.stringify(value);

/**
 * Flattens a report into path → value, naming rows of figures by their indicator and
 * breakdown (not their position), so that two versions line up even when rows come and go.
 */
export function flatten(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const named =
        item && typeof item === 'object' && 'key' in item
          ? `${(item as { key: string }).key}${'by' in item ? ` ${stableJson((item as { by: unknown }).by)}` : ''}`
          : item && typeof item === 'object' && 'quarter' in item
            ? String((item as { quarter: string }).quarter)
            : String(index);
      flatten(item, `${path}[${named}]`, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path}.${key}` : key, out);
  } else out.set(path, value);
  return out;
}

export interface SnapshotComparison {
  id: string;
  kind: ReportKindName;
  parameters: ReportRequest;
  publishedAt: string;
  inputHash: string;
  currentHash: string;
  report: unknown;
  changes: { path: string; published: unknown; now: unknown }[];
}

/** A published report beside the same report run now: what changed since publication. */
export async function compareSnapshot(ctx: ActorCtx, snapshotId: string): Promise<SnapshotComparison> {
  const [snapshot] = await ctx.tx
    .select()
    .from(reportSnapshots)
    .where(
      and(eq(reportSnapshots.id, snapshotId), eq(reportSnapshots.organisationId, ctx.actor.organisationId)),
    );
  if (!snapshot) throw notFound();
  const project: ProjectRow = await findVisibleProject(ctx.tx, ctx.actor, snapshot.projectId);
  const now = await generateReport(
    ctx.tx,
    project,
    snapshot.kind,
    snapshot.parameters,
    snapshot.publishedAt.toISOString().slice(0, 10),
  );
  const before = flatten(snapshot.report);
  const after = flatten(JSON.parse(JSON.stringify(now)));
  const changes: SnapshotComparison['changes'] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const published = before.get(path) ?? null;
    const current = after.get(path) ?? null;
    if (JSON.stringify(published) !== JSON.stringify(current))
      changes.push({ path, published, now: current });
  }
  return {
    id: snapshot.id,
    kind: snapshot.kind,
    parameters: snapshot.parameters,
    publishedAt: snapshot.publishedAt.toISOString(),
    inputHash: snapshot.inputHash,
    currentHash: await projectInputHash(ctx.tx, project.id),
    report: snapshot.report,
    changes,
  };
}
