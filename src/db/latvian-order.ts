import { asc, desc, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** As `latvianSortKey` in src/shared/names.ts: each letter with a diacritic sorts right after its base. */
const letters: [string, string][] = [
  ['ā', 'a~'],
  ['č', 'c~'],
  ['ē', 'e~'],
  ['ģ', 'g~'],
  ['ī', 'i~'],
  ['ķ', 'k~'],
  ['ļ', 'l~'],
  ['ņ', 'n~'],
  ['š', 's~'],
  ['ū', 'u~'],
  ['ž', 'z~'],
];

/**
 * A name's Latvian alphabetical sort key, computed in SQL and compared byte by byte (collation "C"), so
 * that every list sorted by a name is in Latvian order on both engines, whatever the database's locale:
 * Ābele after Abele and before B, Čakste after every C, Zvirbule last (issue 17, item 4).
 */
export function latvianKey(column: SQLWrapper): SQL {
  let key = sql`lower(${column})`;
  for (const [letter, replacement] of letters)
    key = sql`replace(${key}, ${sql.raw(`'${letter}'`)}, ${sql.raw(`'${replacement}'`)})`;
  return sql`((${key}) || '!') collate "C"`;
}

export const latvianAsc = (column: SQLWrapper) => asc(latvianKey(column));
export const latvianDesc = (column: SQLWrapper) => desc(latvianKey(column));
