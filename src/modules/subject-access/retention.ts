import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { unsafeRemoveDocumentFile } from '../documents/documents';
import { documents } from '../documents/tables';
import { anonymisePerson } from './erase';

/**
 * Retention (issue 16, part 3). Each organisation's administrator sets two rules: N years after a case
 * closed, its people are anonymised (as erasure does: every figure stays) once none of their families has
 * a case still open or closed more recently; M years after (M ≤ N), the case's documents are deleted,
 * files and all. An organisation that sets none follows the server's CASE_RETENTION_YEARS for both. Run by
 * `atbalsts retention run [--dry-run]` and once a day by the server, each organisation under its own
 * rules; every change is audited as the system's. The dry run lists what a run would change and changes
 * nothing.
 *
 * Decision: the audit log is kept whole. Cutting its oldest entries would break the hash chain that proves
 * nothing was removed from it; an organisation that must delete them exports and verifies first.
 */
export interface RetentionPlan {
  persons: { id: string; organisationId: string; closedOn: string }[];
  documents: { id: string; organisationId: string; caseId: string; closedOn: string }[];
}

/**
 * What a run would change: in every organisation (the system's daily run), or in the caller's, each under
 * its own rules (`defaultYears` where it has none). Dates are compared in SQL: closed before today minus
 * the years (29 February counts back to 28 February).
 */
export async function planRetention(ctx: Ctx, defaultYears: number): Promise<RetentionPlan> {
  const org = ctx.actor ? sql`AND o.id = ${ctx.actor.organisationId}` : sql``;
  const today = ctx.now.toISOString().slice(0, 10);
  const caseYears = sql`coalesce(o.retention_case_years, ${defaultYears}::int)`;
  const documentYears = sql`least(coalesce(o.retention_document_years, ${caseYears}), ${caseYears})`;
  const persons = await queryRows<RetentionPlan['persons'][number]>(
    ctx.tx,
    sql`SELECT p.id::text AS id, p.organisation_id::text AS "organisationId", max(c.closed_on)::text AS "closedOn"
        FROM persons p
        JOIN organisations o ON o.id = p.organisation_id
        JOIN family_members m ON m.person_id = p.id
        JOIN cases c ON c.family_id = m.family_id
        WHERE p.erased_at IS NULL AND p.merged_into IS NULL ${org}
        GROUP BY p.id, o.id
        HAVING bool_and(c.status = 'closed' AND c.closed_on IS NOT NULL)
           AND max(c.closed_on) < ${today}::date - make_interval(years => ${caseYears})
        ORDER BY p.id`,
  );
  const documentRows = await queryRows<RetentionPlan['documents'][number]>(
    ctx.tx,
    sql`SELECT d.id::text AS id, d.organisation_id::text AS "organisationId", d.case_id::text AS "caseId", c.closed_on::text AS "closedOn"
        FROM documents d
        JOIN cases c ON c.id = d.case_id
        JOIN organisations o ON o.id = d.organisation_id
        WHERE c.status = 'closed' AND c.closed_on < ${today}::date - make_interval(years => ${documentYears}) ${org}
        ORDER BY d.id`,
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
