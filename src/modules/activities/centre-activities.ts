import { and, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { latvianAsc } from '../../db/latvian-order';
import { recordAudit } from '../../platform/audit';
import { saveCatalogueRow } from '../../platform/catalogue';
import type { ActorCtx } from '../../platform/context';
import { voidedByName, voidMarkOf } from '../../platform/corrections';
import { AppError, type FieldProblem, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { can, centresWith } from '../../shared/access';
import type {
  CentreActivityView,
  centreActivityCorrection,
  centreActivityInput,
  centreActivityQuery,
  InstitutionView,
  institutionInput,
} from '../../shared/contracts/activities';
import { centres } from '../centres/tables';
import { attributionOf, checkAttribution, writeAttribution } from './common-checks';
import { findCorrectable, saveActivityCorrection } from './corrections';
import { activities, activityInstitutions, activityTypes, institutions } from './tables';

export function presentInstitution(row: typeof institutions.$inferSelect): InstitutionView {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    address: row.address,
    contactPerson: row.contactPerson,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    version: row.version,
  };
}

/** Creates or edits a partner institution (kindergarten, maternity hospital, ...). */
export async function saveInstitution(
  ctx: ActorCtx,
  id: string | null,
  input: z.output<typeof institutionInput>,
) {
  const row = await saveCatalogueRow(ctx, institutions, id, input, {
    entityType: 'institution',
    unique: {
      index: 'institutions_name_unique',
      problem: { field: 'name', key: 'validation.institutionNameTaken' },
    },
  });
  return presentInstitution(row);
}

/**
 * The checks of a centre activity's form: a centre of the organisation where the caller works on cases,
 * the attribution every activity shares, institutions of the organisation, each named once.
 */
async function checkCentreActivity(ctx: ActorCtx, input: z.output<typeof centreActivityInput>) {
  const org = ctx.actor.organisationId;
  const [centre] = await ctx.tx
    .select({ id: centres.id })
    .from(centres)
    .where(and(eq(centres.id, input.centreId), eq(centres.organisationId, org)));
  if (!centre) throw notFound();
  if (!can(ctx.actor, 'cases.write', centre.id)) throw new AppError('FORBIDDEN');
  const { problems, projectIds, staffIds } = await checkAttribution(ctx, centre.id, input);
  const institutionIds = input.institutions.map((i) => i.institutionId);
  const known =
    institutionIds.length > 0
      ? await ctx.tx
          .select({ id: institutions.id })
          .from(institutions)
          .where(and(inArray(institutions.id, institutionIds), eq(institutions.organisationId, org)))
      : [];
  const seen = new Set<string>();
  input.institutions.forEach((item, index) => {
    if (!known.some((k) => k.id === item.institutionId))
      problems.push({ field: `institutions.${index}.institutionId`, key: 'validation.unknownInstitution' });
    if (seen.has(item.institutionId))
      problems.push({
        field: `institutions.${index}.institutionId`,
        key: 'validation.institutionTwice',
      } as FieldProblem);
    seen.add(item.institutionId);
  });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });
  return { centreId: centre.id, projectIds, staffIds };
}

async function writeInstitutions(
  ctx: ActorCtx,
  activityId: string,
  input: z.output<typeof centreActivityInput>,
) {
  for (const item of input.institutions) {
    await ctx.tx
      .insert(activityInstitutions)
      .values({ activityId, institutionId: item.institutionId, staffAttended: item.staffAttended });
  }
}

/**
 * Logs an activity of a centre that is not work with one family: a training for
 * kindergarten teachers (institutions and how many of their staff attended), a training
 * of the organisation's own specialists, an information or closing event.
 */
export async function logCentreActivity(
  ctx: ActorCtx,
  input: z.output<typeof centreActivityInput>,
): Promise<string> {
  const { centreId, projectIds, staffIds } = await checkCentreActivity(ctx, input);
  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(activities).values({
    id,
    organisationId: ctx.actor.organisationId,
    typeId: input.typeId,
    centreId,
    programmeId: input.programmeId,
    caseId: null,
    occursOn: input.occursOn,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    place: input.place,
    status: input.status,
    notes: input.notes,
    notesConfidential: false,
    notesAuthorId: input.notes ? ctx.actor.userId : null,
    followUpOn: null,
    forOwnStaff: input.forOwnStaff,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await writeAttribution(ctx, id, projectIds, staffIds);
  await writeInstitutions(ctx, id, input);
  await recordAudit(ctx, {
    action: 'activity.create',
    entityType: 'activity',
    entityId: id,
    details: { centreId },
  });
  return id;
}

/**
 * Corrects a training or another centre activity: the whole form again, institutions and their staff
 * counts included (a planned one becomes held or cancelled). Moving it to another centre needs the right
 * to log there too.
 */
export async function correctCentreActivity(
  ctx: ActorCtx,
  activityId: string,
  input: z.output<typeof centreActivityCorrection>,
): Promise<void> {
  const { activity } = await findCorrectable(ctx, activityId, input.version, ['centre']);
  const { centreId, projectIds, staffIds } = await checkCentreActivity(ctx, input);
  await saveActivityCorrection(
    ctx,
    activity,
    { reason: input.reason, projectIds, staffIds },
    {
      centreId,
      typeId: input.typeId,
      occursOn: input.occursOn,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
      place: input.place,
      status: input.status,
      notes: input.notes,
      programmeId: input.programmeId,
      forOwnStaff: input.forOwnStaff,
    },
    { centreId },
  );
  await ctx.tx.delete(activityInstitutions).where(eq(activityInstitutions.activityId, activity.id));
  await writeInstitutions(ctx, activity.id, input);
}

/** Centre activities (not on a case) of the centres where the caller works, newest first. */
export async function listCentreActivities(ctx: ActorCtx, query: z.output<typeof centreActivityQuery>) {
  const centreIds = centresWith(ctx.actor, 'cases.read');
  const conditions: (SQL | undefined)[] = [
    eq(activities.organisationId, ctx.actor.organisationId),
    isNull(activities.caseId),
    centreIds === 'all' ? undefined : centreIds.length ? inArray(activities.centreId, centreIds) : sql`false`,
    query.centreId ? eq(activities.centreId, query.centreId) : undefined,
    query.from ? gte(activities.occursOn, query.from) : undefined,
    query.to ? lte(activities.occursOn, query.to) : undefined,
  ];
  const rows = await ctx.tx
    .select({ activity: activities, type: activityTypes, byName: voidedByName(activities.voidedBy) })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .where(and(...conditions))
    .orderBy(desc(activities.occursOn), desc(activities.createdAt))
    .limit(500);
  const ids = rows.map((r) => r.activity.id);
  const links = ids.length
    ? await ctx.tx
        .select({
          activityId: activityInstitutions.activityId,
          institutionId: activityInstitutions.institutionId,
          name: institutions.name,
          staffAttended: activityInstitutions.staffAttended,
        })
        .from(activityInstitutions)
        .innerJoin(institutions, eq(institutions.id, activityInstitutions.institutionId))
        .where(inArray(activityInstitutions.activityId, ids))
        .orderBy(latvianAsc(institutions.name))
    : [];
  const { projectIdsOf, staffIdsOf } = await attributionOf(ctx, ids);
  return rows.map(
    ({ activity: a, type, byName }): CentreActivityView => ({
      id: a.id,
      centreId: a.centreId,
      typeId: type.id,
      typeCode: type.code,
      typeNameLv: type.nameLv,
      typeNameEn: type.nameEn,
      occursOn: a.occursOn,
      startsAt: a.startsAt ? a.startsAt.slice(0, 5) : null,
      durationMinutes: a.durationMinutes,
      place: a.place,
      status: a.status,
      notes: a.notes,
      programmeId: a.programmeId,
      projectIds: projectIdsOf(a.id),
      staffIds: staffIdsOf(a.id),
      forOwnStaff: a.forOwnStaff,
      institutions: links.filter((l) => l.activityId === a.id).map(({ activityId: _, ...l }) => l),
      version: a.version,
      voided: voidMarkOf(a, byName),
    }),
  );
}
