import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import {
  corrected,
  recordCorrection,
  recordVoid,
  requireCorrectable,
  requireReason,
  voided,
  voidedByName,
  voidMarkOf,
} from '../../platform/corrections';
import { AppError, type FieldProblem, invalid, isUniqueViolation, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type {
  AssessmentChange,
  AssessmentView,
  assessmentCorrection,
  assessmentInput,
  CaseAssessments,
  InstrumentView,
  instrumentInput,
} from '../../shared/contracts/assessments';
import type { voidInput } from '../../shared/contracts/common';
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
 * The checks of an assessment's form: an instrument of the organisation, not in the future, every domain
 * scored on the instrument's scale; an exit needs an earlier intake or review (voided ones aside).
 */
async function checkAssessment(
  ctx: ActorCtx,
  caseId: string,
  input: z.output<typeof assessmentInput>,
  except?: string,
) {
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
      .where(
        and(
          eq(assessments.caseId, caseId),
          eq(assessments.instrumentId, instrument.id),
          isNull(assessments.voidedAt),
          except ? ne(assessments.id, except) : undefined,
        ),
      );
    if (!earlier) problems.push({ field: 'phase', key: 'validation.exitWithoutIntake' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  return instrument;
}

/** Runs a write that may meet the one-intake-one-exit rule, answering with the field to fix. */
async function onePhaseEach<T>(phase: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'assessments_one_intake'))
      throw invalid({ field: 'phase', key: `validation.phaseTwice.${phase as 'intake' | 'exit'}` });
    throw error;
  }
}

async function writeScores(ctx: ActorCtx, assessmentId: string, input: z.output<typeof assessmentInput>) {
  for (const s of input.scores)
    await ctx.tx.insert(assessmentScores).values({ assessmentId, domainKey: s.domain, score: s.score });
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
  const instrument = await checkAssessment(ctx, caseId, input);
  const id = newId(ctx.now.getTime());
  await onePhaseEach(input.phase, () =>
    ctx.tx.insert(assessments).values({
      id,
      organisationId: row.organisationId,
      caseId,
      instrumentId: instrument.id,
      phase: input.phase,
      assessedOn: input.assessedOn,
      assessedBy: ctx.actor.userId,
      notes: input.notes,
      createdAt: ctx.now,
    }),
  );
  await writeScores(ctx, id, input);
  await recordAudit(ctx, {
    action: 'assessment.create',
    entityType: 'assessment',
    entityId: id,
    details: { caseId },
  });
  return id;
}

/** An assessment on a case the caller works on (findCase 'write'), locked, not voided, at the version read. */
async function findCorrectableAssessment(ctx: ActorCtx, id: string, version: number) {
  const [row] = await ctx.tx
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, id), eq(assessments.organisationId, ctx.actor.organisationId)))
    .for('update');
  if (!row) throw notFound();
  await findCase(ctx, row.caseId, 'write');
  await requireCorrectable(ctx, row, version, row.assessedBy);
  return row;
}

/** Corrects an assessment (phase, date, scores, notes), with a reason when it is old. */
export async function correctAssessment(
  ctx: ActorCtx,
  id: string,
  input: z.output<typeof assessmentCorrection>,
): Promise<void> {
  const row = await findCorrectableAssessment(ctx, id, input.version);
  if (input.instrumentId !== row.instrumentId)
    throw invalid({ field: 'instrumentId', key: 'validation.instrumentFixed' });
  await checkAssessment(ctx, row.caseId, input, row.id);
  requireReason(ctx, row.createdAt, input.reason, false);
  const scores = await ctx.tx
    .select()
    .from(assessmentScores)
    .where(eq(assessmentScores.assessmentId, row.id));
  const scoreText = (list: { domain: string; score: number }[]) =>
    [...list]
      .sort((a, b) => a.domain.localeCompare(b.domain))
      .map((s) => `${s.domain}=${s.score}`)
      .join(', ');
  const before = {
    phase: row.phase,
    assessedOn: row.assessedOn,
    notes: row.notes,
    scores: scoreText(scores.map((s) => ({ domain: s.domainKey, score: s.score }))),
  };
  const after = {
    phase: input.phase,
    assessedOn: input.assessedOn,
    notes: input.notes,
    scores: scoreText(input.scores),
  };
  await recordCorrection(
    ctx,
    { entity: 'assessment', id: row.id, reason: input.reason, before, after },
    async () => {
      await onePhaseEach(input.phase, () =>
        ctx.tx
          .update(assessments)
          .set({
            phase: input.phase,
            assessedOn: input.assessedOn,
            notes: input.notes,
            ...corrected(ctx, row),
          })
          .where(eq(assessments.id, row.id)),
      );
      await ctx.tx.delete(assessmentScores).where(eq(assessmentScores.assessmentId, row.id));
      await writeScores(ctx, row.id, input);
    },
    {
      action: 'assessment.correct',
      entityType: 'assessment',
      entityId: row.id,
      details: { caseId: row.caseId },
    },
  );
}

/** Voids an assessment: kept and marked, left out of the change per domain. */
export async function voidAssessment(
  ctx: ActorCtx,
  id: string,
  input: z.output<typeof voidInput>,
): Promise<void> {
  const row = await findCorrectableAssessment(ctx, id, input.version);
  await recordVoid(
    ctx,
    { entity: 'assessment', id: row.id, reason: input.reason },
    () =>
      ctx.tx
        .update(assessments)
        .set(voided(ctx, row, input.reason))
        .where(eq(assessments.id, row.id)),
    {
      action: 'assessment.void',
      entityType: 'assessment',
      entityId: row.id,
      details: { caseId: row.caseId },
    },
  );
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
    .select({
      a: assessments,
      name: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
      byName: voidedByName(assessments.voidedBy),
    })
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
  const list: AssessmentView[] = rows.map(({ a, name, byName }) => ({
    id: a.id,
    instrumentId: a.instrumentId,
    phase: a.phase,
    assessedOn: a.assessedOn,
    assessedByName: name,
    notes: a.notes,
    scores: Object.fromEntries(
      scores.filter((s) => s.assessmentId === a.id).map((s) => [s.domainKey, s.score]),
    ),
    version: a.version,
    voided: voidMarkOf(a, byName),
  }));
  const usedIds = [...new Set(list.map((a) => a.instrumentId))];
  const instruments = usedIds.length
    ? (
        await ctx.tx.select().from(assessmentInstruments).where(inArray(assessmentInstruments.id, usedIds))
      ).map(present)
    : [];
  return {
    assessments: list,
    changes: changesOf(
      list.filter((a) => !a.voided),
      instruments,
    ),
  };
}
