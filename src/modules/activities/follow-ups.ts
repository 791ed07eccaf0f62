import { type SQL, sql } from 'drizzle-orm';

/**
 * Whether the follow-up of activity `a` (an alias of `activities`) still stands: a follow-up is due from
 * its date until something is held on the case on or after it, and a voided activity's follow-up stands no
 * more. The specialist's dashboard lists those due; the family page shows the next one.
 */
export function followUpStillOpen(a: string): SQL {
  return sql.raw(`${a}.voided_at is null and not exists (select 1 from activities later where later.case_id = ${a}.case_id
    and later.id <> ${a}.id and later.status = 'held' and later.voided_at is null
    and later.occurs_on >= ${a}.follow_up_on)`);
}
