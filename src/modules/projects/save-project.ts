import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, type FieldProblem, isUniqueViolation } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { requireVersion } from '../../platform/versions';
import { canInOrganisation } from '../../shared/access';
import type { projectInput } from '../../shared/contracts/projects';
import { centres } from '../centres/tables';
import { programmes } from '../programmes/tables';
import { roleGrants, users } from '../users/tables';
import { findVisibleProject } from './policy';
import {
  projectCentres,
  projectFunders,
  projectManagers,
  projectPartners,
  projectProgrammes,
  projects,
  projectTargets,
  projectViewers,
} from './tables';

type Input = z.output<typeof projectInput>;

async function missingIds(
  db: Db,
  table: typeof centres | typeof programmes,
  ids: string[],
  organisationId: string,
) {
  if (ids.length === 0) return [];
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(inArray(table.id, ids), eq(table.organisationId, organisationId)));
  const present = new Set(found.map((r) => r.id));
  return ids.filter((id) => !present.has(id));
}

/** Users of the organisation holding a role; those that do not are reported. */
async function withoutRole(
  db: Db,
  ids: string[],
  organisationId: string,
  permission: 'projects.manage' | 'partner.read',
) {
  if (ids.length === 0) return [];
  const grants = await db
    .select({ userId: roleGrants.userId, role: roleGrants.role, centreId: roleGrants.centreId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(inArray(roleGrants.userId, ids), eq(users.organisationId, organisationId)));
  return ids.filter((id) => !canInOrganisation({ roles: grants.filter((g) => g.userId === id) }, permission));
}

/**
 * Creates or replaces a project as published: titles and descriptions in both
 * languages, period, centres, places, programmes, managers, funders, partners and
 * targets. The lists are replaced as a whole, in one transaction.
 */
export async function saveProject(ctx: ActorCtx, id: string | null, input: Input): Promise<string> {
  const org = ctx.actor.organisationId;
  // A new project without named managers is managed by whoever creates it.
  if (id === null && input.managerIds.length === 0 && canInOrganisation(ctx.actor, 'projects.manage'))
    input.managerIds = [ctx.actor.userId];
  const problems: FieldProblem[] = [];
  if (input.endsOn < input.startsOn) problems.push({ field: 'endsOn', key: 'validation.endBeforeStart' });
  for (const missing of await missingIds(ctx.tx, centres, input.centreIds, org)) {
    problems.push({
      field: `centreIds.${input.centreIds.indexOf(missing)}`,
      key: 'validation.unknownCentre',
    });
  }
  for (const missing of await missingIds(ctx.tx, programmes, input.programmeIds, org)) {
    problems.push({
      field: `programmeIds.${input.programmeIds.indexOf(missing)}`,
      key: 'validation.unknownProgramme',
    });
  }
  for (const user of await withoutRole(ctx.tx, input.managerIds, org, 'projects.manage')) {
    problems.push({
      field: `managerIds.${input.managerIds.indexOf(user)}`,
      key: 'validation.notProjectManager',
    });
  }
  for (const user of await withoutRole(ctx.tx, input.viewerIds ?? [], org, 'partner.read')) {
    problems.push({
      field: `viewerIds.${(input.viewerIds ?? []).indexOf(user)}`,
      key: 'validation.notPartnerViewer',
    });
  }
  input.targets.forEach((target, index) => {
    if (target.periodYear !== null) {
      const year = String(target.periodYear);
      if (year < input.startsOn.slice(0, 4) || year > input.endsOn.slice(0, 4)) {
        problems.push({ field: `targets.${index}.periodYear`, key: 'validation.targetOutsidePeriod' });
      }
    }
  });
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });

  const fields = {
    code: input.code,
    titleLv: input.titleLv,
    titleEn: input.titleEn,
    descriptionLv: input.descriptionLv,
    descriptionEn: input.descriptionEn,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    status: input.status,
    places: input.places,
    updatedAt: ctx.now,
  };
  let projectId = id;
  try {
    if (projectId === null) {
      projectId = newId(ctx.now.getTime());
      await ctx.tx.insert(projects).values({
        id: projectId,
        organisationId: org,
        ...fields,
        cofinancingCountsInKind: true,
        createdAt: ctx.now,
      });
    } else {
      const stored = await findVisibleProject(ctx.tx, ctx.actor, projectId, 'change');
      await requireVersion(ctx, stored, input.version);
      await ctx.tx
        .update(projects)
        .set({ ...fields, version: stored.version + 1, updatedBy: ctx.actor.userId })
        .where(eq(projects.id, projectId));
    }
  } catch (error) {
    if (isUniqueViolation(error, 'projects_code_unique')) {
      throw new AppError('CONFLICT', { fields: [{ field: 'code', key: 'validation.projectCodeTaken' }] });
    }
    throw error;
  }
  const pid = projectId;

  for (const [table, ids] of [
    [projectCentres, input.centreIds],
    [projectProgrammes, input.programmeIds],
    [projectManagers, input.managerIds],
    ...(input.viewerIds ? ([[projectViewers, input.viewerIds]] as const) : []),
  ] as const) {
    await ctx.tx.delete(table).where(eq(table.projectId, pid));
    for (const otherId of new Set(ids)) await ctx.tx.insert(table).values({ projectId: pid, otherId });
  }
  await ctx.tx.delete(projectFunders).where(eq(projectFunders.projectId, pid));
  for (const [position, funder] of input.funders.entries()) {
    await ctx.tx
      .insert(projectFunders)
      .values({ id: newId(ctx.now.getTime()), organisationId: org, projectId: pid, ...funder, position });
  }
  await ctx.tx.delete(projectPartners).where(eq(projectPartners.projectId, pid));
  for (const [position, partner] of input.partners.entries()) {
    await ctx.tx
      .insert(projectPartners)
      .values({ id: newId(ctx.now.getTime()), organisationId: org, projectId: pid, ...partner, position });
  }
  await ctx.tx.delete(projectTargets).where(eq(projectTargets.projectId, pid));
  for (const target of input.targets) {
    await ctx.tx
      .insert(projectTargets)
      .values({ id: newId(ctx.now.getTime()), organisationId: org, projectId: pid, ...target });
  }
  await recordAudit(ctx, {
    action: id === null ? 'project.create' : 'project.update',
    entityType: 'project',
    entityId: pid,
    details: { code: input.code },
  });
  return pid;
}
