import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import { canInOrganisation, canSomewhere } from '../../shared/access';
import { contracts } from './tables';

/*
 * Who may see and change contracts. Writing needs \`projects.manage\` or \`finance.manage\` (declared
 * on the routes); linking a case needs \`cases.supervise\` at the case's centre
 * (\`findCase(ctx, caseId, 'supervise')\`). A contract names no family: the number of linked cases only.
 */

/** Contracts are organisation metadata: staff who read projects or supervise centres see all; partners only theirs. */
export function contractVisible(actor: Actor): SQL {
  const org = eq(contracts.organisationId, actor.organisationId);
  if (canInOrganisation(actor, 'projects.read') || canSomewhere(actor, 'cases.supervise')) return org;
  return and(
    org,
    sql`exists (select 1 from contract_viewers v where v.contract_id = contracts.id and v.user_id = ${actor.userId})`,
  )!;
}
