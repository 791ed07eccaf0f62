import { asc } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { newId } from '../../platform/ids';
import { organisations } from './tables';

/**
 * One organisation per installation for now: made on first start with the configured
 * name, found on every later one. Every organisation table still carries its id.
 */
export async function ensureOrganisation(db: Db, name: string, now: Date): Promise<string> {
  const [existing] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .orderBy(asc(organisations.createdAt))
    .limit(1);
  if (existing) return existing.id;
  const id = newId(now.getTime());
  await db.insert(organisations).values({ id, name, createdAt: now });
  return id;
}
