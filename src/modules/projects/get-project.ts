import { asc, eq, sql } from 'drizzle-orm';
import { latvianAsc } from '../../db/latvian-order';
import type { ActorCtx } from '../../platform/context';
import { canSomewhere } from '../../shared/access';
import type { ProjectView } from '../../shared/contracts/projects';
import { latvianSortKey } from '../../shared/names';
import { centres } from '../centres/tables';
import { contracts } from '../contracts/tables';
import { programmes } from '../programmes/tables';
import { users } from '../users/tables';
import { budgetOf } from './budget';
import { findVisibleProject } from './policy';
import {
  projectCentres,
  projectFunders,
  projectManagers,
  projectPartners,
  projectProgrammes,
  projectTargets,
  projectViewers,
} from './tables';

/** Everything about a project on one page: description, links, targets, budget. */
export async function getProject(ctx: ActorCtx, id: string): Promise<ProjectView> {
  const project = await findVisibleProject(ctx.tx, ctx.actor, id);
  const linkedCentres = await ctx.tx
    .select({ id: centres.id, name: centres.name })
    .from(projectCentres)
    .innerJoin(centres, eq(centres.id, projectCentres.otherId))
    .where(eq(projectCentres.projectId, id))
    .orderBy(latvianAsc(centres.name));
  const linkedProgrammes = await ctx.tx
    .select({ id: programmes.id, nameLv: programmes.nameLv, nameEn: programmes.nameEn })
    .from(projectProgrammes)
    .innerJoin(programmes, eq(programmes.id, projectProgrammes.otherId))
    .where(eq(projectProgrammes.projectId, id));
  // A handful per project: sorted here, in Latvian order, the same on both engines.
  linkedProgrammes.sort((a, b) => (latvianSortKey(a.nameLv) < latvianSortKey(b.nameLv) ? -1 : 1));
  const managers = await ctx.tx
    .select({ id: users.id, name: sql<string>`${users.givenName} || ' ' || ${users.familyName}` })
    .from(projectManagers)
    .innerJoin(users, eq(users.id, projectManagers.otherId))
    .where(eq(projectManagers.projectId, id))
    .orderBy(latvianAsc(users.familyName));
  const viewers = await ctx.tx
    .select({ id: projectViewers.otherId })
    .from(projectViewers)
    .where(eq(projectViewers.projectId, id));
  const linkedContracts = await ctx.tx
    .select({
      id: contracts.id,
      counterparty: contracts.counterparty,
      number: contracts.number,
      quotaFamilies: contracts.quotaFamilies,
      linkedCases:
        sql<number>`(select count(*) from contract_cases cc where cc.contract_id = contracts.id)`.mapWith(
          Number,
        ),
    })
    .from(contracts)
    .where(eq(contracts.projectId, id))
    .orderBy(asc(contracts.startsOn));
  const funders = await ctx.tx
    .select({
      name: projectFunders.name,
      fundingProgramme: projectFunders.fundingProgramme,
      donorCountries: projectFunders.donorCountries,
    })
    .from(projectFunders)
    .where(eq(projectFunders.projectId, id))
    .orderBy(asc(projectFunders.position));
  const partners = await ctx.tx
    .select({ name: projectPartners.name, role: projectPartners.role })
    .from(projectPartners)
    .where(eq(projectPartners.projectId, id))
    .orderBy(asc(projectPartners.position));
  const targets = await ctx.tx
    .select({
      id: projectTargets.id,
      indicatorKey: projectTargets.indicatorKey,
      label: projectTargets.label,
      plannedValue: projectTargets.plannedValue,
      periodYear: projectTargets.periodYear,
      periodQuarter: projectTargets.periodQuarter,
    })
    .from(projectTargets)
    .where(eq(projectTargets.projectId, id))
    .orderBy(
      asc(projectTargets.periodYear),
      asc(projectTargets.periodQuarter),
      asc(projectTargets.indicatorKey),
    );
  return {
    id: project.id,
    version: project.version,
    code: project.code,
    titleLv: project.titleLv,
    titleEn: project.titleEn,
    descriptionLv: project.descriptionLv,
    descriptionEn: project.descriptionEn,
    startsOn: project.startsOn,
    endsOn: project.endsOn,
    status: project.status,
    places: project.places,
    centres: linkedCentres,
    programmes: linkedProgrammes,
    managers,
    viewerIds: viewers.map((v) => v.id),
    contracts: linkedContracts,
    funders,
    partners,
    targets,
    budget: await budgetOf(ctx.tx, project, ctx.language),
    abilities: {
      manage: canSomewhere(ctx.actor, 'projects.manage'),
      keepMoney: canSomewhere(ctx.actor, 'finance.manage'),
    },
  };
}
