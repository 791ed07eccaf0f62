import { and, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { invalid } from '../../platform/errors';
import type { IndicatorKey } from '../../shared/indicators';
import { canOpenCase } from '../cases/policy';
import { personVisible } from '../families/policy';
import { families, persons } from '../families/tables';
import {
  type Dimension,
  dimensions,
  type Figure,
  indicatorsOf,
  type RecordBehind,
  recordsBehind,
} from './indicators';
import { mayListRecords, projectForReports } from './policy';
import { pseudonym, pseudonymKeyOf } from './pseudonyms';

/** The query of the records behind a figure. */
export interface RecordsQuery {
  key: IndicatorKey;
  by?: string;
  from?: string;
  to?: string;
}

/**
 * The records behind one figure, as the caller may see them: pseudonymous codes (an HMAC under the
 * organisation's secret, never the id), names only for families and people whose case the caller may
 * open; a centre manager's over her centres only; none for partner viewers. Audited.
 */
export async function listRecords(ctx: ActorCtx, projectId: string, q: RecordsQuery) {
  const { project, audience } = await projectForReports(ctx, projectId);
  mayListRecords(audience);
  let by: Record<string, string> | null = null;
  if (q.by) {
    try {
      by = JSON.parse(q.by);
    } catch {
      throw invalid({ field: 'by', key: 'validation.breakdown' });
    }
    if (
      !by ||
      typeof by !== 'object' ||
      Object.keys(by).some((d) => !(dimensions as readonly string[]).includes(d)) ||
      !indicatorsOf(Object.keys(by) as Dimension[]).includes(q.key)
    )
      throw invalid({ field: 'by', key: 'validation.breakdown' });
  }
  const records = await recordsBehind(
    ctx.tx,
    {
      organisationId: project.organisationId,
      from: q.from ?? project.startsOn,
      to: q.to ?? project.endsOn,
      projectId: project.id,
      centreIds: audience.kind === 'centre' ? audience.centreIds : undefined,
    },
    q.key,
    by as Figure['by'],
  );
  const named = await namesForCaseTeam(ctx, records);
  await recordAudit(ctx, {
    action: 'report.records',
    entityType: 'project',
    entityId: project.id,
    details: { key: q.key, by, records: records.length, named: named.size },
  });
  const key = await pseudonymKeyOf(ctx);
  return {
    key: q.key,
    by,
    // Codes only: the id would reveal the record (and, a UUIDv7, when it was registered).
    records: records
      .map((r) => ({
        kind: r.kind,
        code: r.kind === 'family' || r.kind === 'person' ? pseudonym(key, r.kind, r.id) : r.code,
        date: r.date,
        name: named.get(r.id) ?? null,
      }))
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.code.localeCompare(b.code)),
  };
}

/** Names of the families and people among the records whose case the caller may open (its team, its managers). */
async function namesForCaseTeam(ctx: ActorCtx, records: RecordBehind[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const familyIds = records.filter((r) => r.kind === 'family').map((r) => r.id);
  const personIds = records.filter((r) => r.kind === 'person').map((r) => r.id);
  if (familyIds.length)
    for (const row of await ctx.tx
      .select({ id: families.id, name: families.name })
      .from(families)
      .where(
        and(
          inArray(families.id, familyIds),
          sql`exists (select 1 from cases where cases.family_id = families.id and ${canOpenCase(ctx.actor)})`,
        ),
      ))
      names.set(row.id, row.name);
  if (personIds.length)
    for (const row of await ctx.tx
      .select({ id: persons.id, name: sql<string>`${persons.givenName} || ' ' || ${persons.familyName}` })
      .from(persons)
      .where(and(inArray(persons.id, personIds), personVisible(ctx.actor, 'open'))))
      names.set(row.id, row.name);
  return names;
}
