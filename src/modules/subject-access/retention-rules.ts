import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx, Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { RetentionRules, RetentionRulesInput } from '../../shared/contracts/retention';
import { organisations } from '../organisation/tables';

/** An organisation's rules, its own or the server's default (`defaultYears`, CASE_RETENTION_YEARS). */
export async function retentionRules(
  ctx: Ctx,
  organisationId: string,
  defaultYears: number,
): Promise<RetentionRules> {
  const [row] = await ctx.tx
    .select({
      caseYears: organisations.retentionCaseYears,
      documentYears: organisations.retentionDocumentYears,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!row) throw notFound();
  const caseYears = row.caseYears ?? defaultYears;
  return {
    caseYears,
    documentYears: Math.min(row.documentYears ?? caseYears, caseYears),
    custom: row.caseYears !== null,
  };
}

/** The administrator sets the caller's organisation's rules; audited with the old and new years. */
export async function setRetentionRules(
  ctx: ActorCtx,
  rules: RetentionRulesInput,
  defaultYears: number,
): Promise<RetentionRules> {
  const before = await retentionRules(ctx, ctx.actor.organisationId, defaultYears);
  await ctx.tx
    .update(organisations)
    .set({ retentionCaseYears: rules.caseYears, retentionDocumentYears: rules.documentYears })
    .where(eq(organisations.id, ctx.actor.organisationId));
  await recordAudit(ctx, {
    action: 'organisation.retention_rules',
    details: {
      before: { caseYears: before.caseYears, documentYears: before.documentYears },
      after: rules,
    },
  });
  return { ...rules, custom: true };
}
