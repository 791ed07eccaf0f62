import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { unsafeRemoveDocumentFile } from '../documents/documents';
import { documents } from '../documents/tables';
import { anonymisePerson } from './erase';

/**
 * Retention (issue 16, part 3), one rule for now: CASE_RETENTION_YEARS after a case closed, its people
 * are anonymised (as erasure does: every figure stays) once none of their families has a case still open
 * or closed more recently, and the case's documents are deleted, files and all. Run by
 * `atbalsts retention run [--dry-run]` and once a day by the server; every change is audited as the
 * system's. The dry run lists what a run would change and changes nothing.
 *
 * Decision: the audit log is kept whole. Cutting its oldest entries would break the hash chain that proves
 * nothing was removed from it; an organisation that must delete them exports and verifies first.
 */
export interface RetentionPlan {
  persons: { id: string; organisationId: string; closedOn: string }[];
  documents: { id: string; organisationId: string; caseId: string; closedOn: string }[];
}

/** What a run would change: in every organisation (the system's daily run), or in the caller's. */
export async function planRetention(ctx: Ctx, years: number): Promise<RetentionPlan> {
  const org = ctx.actor ? sql`AND p.organisation_id = ${ctx.actor.organisationId}` : sql``;
  const documentOrg = ctx.actor ? sql`AND d.organisation_id = ${ctx.actor.organisationId}` : sql``;
  const cutoff = `${Number(ctx.now.toISOString().slice(0, 4)) - years}${ctx.now.toISOString().slice(4, 10)}`;
  const persons = await queryRows<RetentionPlan['persons'][number]>(
    ctx.tx,
    sql`SELECT p.id::text AS id, p.organisation_id::text AS "organisationId", max(c.closed_on)::text AS "closedOn"
        FROM persons p
        JOIN family_members m ON m.person_id = p.id
        JOIN cases c ON c.family_id = m.family_id
        WHERE p.erased_at IS NULL AND p.merged_into IS NULL ${org}
        GROUP BY p.id
        HAVING bool_and(c.status = 'closed' AND c.closed_on IS NOT NULL) AND max(c.closed_on) < ${cutoff}::date
        ORDER BY p.id`,
  );
  const documentRows = await queryRows<RetentionPlan['documents'][number]>(
    ctx.tx,
    sql`SELECT d.id::text AS id, d.organisation_id::text AS "organisationId", d.case_id::text AS "caseId", c.closed_on::text AS "closedOn"
        FROM documents d JOIN cases c ON c.id = d.case_id
        WHERE c.status = 'closed' AND c.closed_on < ${cutoff}::date ${documentOrg} ORDER BY d.id`,
  );
  return { persons, documents: documentRows };
}

/** Applies the plan in the caller's transaction; the files go after the rows (a failed run keeps both). */
export async function applyRetention(
  ctx: Ctx,
  plan: RetentionPlan,
  dataDir: string,
): Promise<() => Promise<void>> {
  for (const person of plan.persons) {
    await anonymisePerson(ctx, person.id, { by: null, reason: 'retention' });
    await recordAudit(ctx, {
      action: 'retention.anonymise',
      organisationId: person.organisationId,
      entityType: 'person',
      entityId: person.id,
      reason: `case closed ${person.closedOn}`,
    });
  }
  for (const document of plan.documents) {
    await ctx.tx.delete(documents).where(sql`${documents.id} = ${document.id}`);
    await recordAudit(ctx, {
      action: 'retention.delete_document',
      organisationId: document.organisationId,
      entityType: 'document',
      entityId: document.id,
      reason: `case closed ${document.closedOn}`,
    });
  }
  return async () => {
    for (const document of plan.documents) await unsafeRemoveDocumentFile(dataDir, document.id);
  };
}
