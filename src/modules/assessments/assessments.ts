import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, type FieldProblem, invalid, isUniqueViolation } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type {
  AssessmentChange,
  AssessmentView,
  assessmentInput,
  CaseAssessments,
  InstrumentView,
  instrumentInput,
} from '../../shared/contracts/assessments';
import { findCase } from '../cases/policy';
import { users } from '../users/tables';
import { assessmentInstruments, assessmentScores, assessments } from './tables';

type InstrumentRow = typeof assessmentInstruments.$inferSelect;

const present = (row: InstrumentRow): InstrumentView => ({
  id: row.id,
  nameLv: row.nameLv,
  nameEn: row.nameEn,
  version: row.version,
  builtin: row.organisationId === null,
  domains: row.domains,
  scale: row.scale,
});

const ofOrganisation = (ctx: ActorCtx) =>
  or(
    isNull(assessmentInstruments.organisationId),
    eq(assessmentInstruments.organisationId, ctx.actor.organisationId),
  );

export async function listInstruments(ctx: ActorCtx): Promise<InstrumentView[]> {
  const rows = await ctx.tx
    .select()
    .from(assessmentInstruments)
    .where(and(ofOrganisation(ctx), eq(assessmentInstruments.active, true)))
    .orderBy(asc(assessmentInstruments.createdAt));
  return rows.map(present);
}

/** An organisation's own instrument: its domains and a scale whose labels lie on the scale. */
export async function createInstrument(ctx: ActorCtx, input: z.output<typeof instrumentInput>) {
  const problems: FieldProblem[] = [];
  if (input.scale.max <= input.scale.min) problems.push({ field: 'scale.max', key: 'validation.scaleRange' });
  input.scale.labels.forEach((label, index) => {
    if (label.value < input.scale.min || label.value > input.scale.max)
      problems.push({ field: `scale.labels.${index}.value`, key: 'validation.labelOffScale' });
  });
  const keys = new Set<string>();
  input.domains.forEach((domain, index) => {
    if (keys.has(domain.key)) problems.push({ field: `domains.${index}.key`, key: 'validation.domainTwice' });
    keys.add(domain.key);
  });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  const [row] = await ctx.tx
    .insert(assessmentInstruments)
    .values({
      id: newId(ctx.now.getTime()),
      organisationId: ctx.actor.organisationId,
      active: true,
      ...input,
    })
    .returning();
  await recordAudit(ctx, { action: 'instrument.create', entityType: 'instrument', entityId: row!.id });
  return present(row!);
}

/**
 * Records an assessment on a case: every domain of the instrument scored on its scale.
 * One intake and one exit per case and instrument; an exit needs an earlier intake or review.
 */
export async function recordAssessment(
  ctx: ActorCtx,
  caseId: string,
  input: z.output<typeof assessmentInput>,
) {
  const row = await findCase(ctx, caseId, 'write');
  const [instrument] = await ctx.tx
    .select()
    .from(assessmentInstruments)
    .where(and(eq(assessmentInstruments.id, input.instrumentId), ofOrganisation(ctx)));
  if (!instrument) throw invalid({ field: 'instrumentId', key: 'validation.unknownInstrument' });
  const problems: FieldProblem[] = [];
  if (input.assessedOn > ctx.now.toISOString().slice(0, 10))
    problems.push({ field: 'assessedOn', key: 'validation.dateFuture' });
  const { min, max } = instrument.scale;
  input.scores.forEach((s, index) => {
    if (!instrument.domains.some((d) => d.key === s.domain))
      problems.push({ field: `scores.${index}.domain`, key: 'validation.unknownDomain' });
    else if (s.score < min || s.score > max)
      problems.push({ field: `scores.${index}.score`, key: 'validation.scoreRange', params: { min, max } });
  });
  instrument.domains.forEach((d) => {
    if (!input.scores.some((s) => s.domain === d.key))
      problems.push({
        field: `scores.${d.key}`,
        key: 'validation.domainUnscored',
        params: { domain: d.nameLv },
      });
  });
  if (input.phase === 'exit') {
    const [earlier] = await ctx.tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.caseId, caseId), eq(assessments.instrumentId, instrument.id)));
    if (!earlier) problems.push({ field: 'phase', key: 'validation.exitWithoutIntake' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  const id = newId(ctx.now.getTime());
  try {
    await ctx.tx.insert(assessments).values({
      id,
      organisationId: row.organisationId,
      caseId,
      instrumentId: instrument.id,
      phase: input.phase,
      assessedOn: input.assessedOn,
      assessedBy: ctx.actor.userId,
      notes: input.notes,
      createdAt: ctx.now,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'assessments_one_intake'))
      throw invalid({ field: 'phase', key: `validation.phaseTwice.${input.phase as 'intake' | 'exit'}` });
    throw error;
  }
  for (const s of input.scores)
    await ctx.tx.insert(assessmentScores).values({ assessmentId: id, domainKey: s.domain, score: s.score });
  await recordAudit(ctx, {
    action: 'assessment.create',
    entityType: 'assessment',
    entityId: id,
    details: { caseId },
  });
  return id;
}

/** Change per domain from the intake (or the first assessment) to the latest, per instrument. */
export function changesOf(list: AssessmentView[], instruments: InstrumentView[]): AssessmentChange[] {
  const changes: AssessmentChange[] = [];
  for (const instrument of instruments) {
    const own = list.filter((a) => a.instrumentId === instrument.id); // oldest first
    if (own.length < 2) continue;
    const from = own.find((a) => a.phase === 'intake') ?? own[0]!;
    const to = own.at(-1)!;
    if (to.id === from.id) continue;
    changes.push({
      instrumentId: instrument.id,
      fromId: from.id,
      toId: to.id,
      domains: instrument.domains.map((d) => {
        const a = from.scores[d.key] ?? null;
        const b = to.scores[d.key] ?? null;
        return { ...d, from: a, to: b, change: a !== null && b !== null ? b - a : null };
      }),
    });
  }
  return changes;
}

/** A case's assessments, oldest first, with the change per domain (an audited read). */
export async function listCaseAssessments(ctx: ActorCtx, caseId: string): Promise<CaseAssessments> {
  await findCase(ctx, caseId);
  await recordAudit(ctx, { action: 'case.read_assessments', entityType: 'case', entityId: caseId });
  const rows = await ctx.tx
    .select({ a: assessments, name: sql<string>`${users.givenName} || ' ' || ${users.familyName}` })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.assessedBy))
    .where(eq(assessments.caseId, caseId))
    .orderBy(asc(assessments.assessedOn), asc(assessments.createdAt));
  const scores = rows.length
    ? await ctx.tx
        .select()
        .from(assessmentScores)
        .where(
          inArray(
            assessmentScores.assessmentId,
            rows.map((r) => r.a.id),
          ),
        )
    : [];
  const list: AssessmentView[] = rows.map(({ a, name }) => ({
    id: a.id,
    instrumentId: a.instrumentId,
    phase: a.phase,
    assessedOn: a.assessedOn,
    assessedByName: name,
    notes: a.notes,
    scores: Object.fromEntries(
      scores.filter((s) => s.assessmentId === a.id).map((s) => [s.domainKey, s.score]),
    ),
  }));
  const usedIds = [...new Set(list.map((a) => a.instrumentId))];
  const instruments = usedIds.length
    ? (
        await ctx.tx.select().from(assessmentInstruments).where(inArray(assessmentInstruments.id, usedIds))
      ).map(present)
    : [];
  return { assessments: list, changes: changesOf(list, instruments) };
}
