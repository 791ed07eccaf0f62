/**
 * Name handling for search and sorting in Latvian.
 *
 * Search folds case and diacritics, so "kalnina" finds "Kalniņa" and "berzins" finds
 * "Bērziņš". Sorting follows `Intl.Collator('lv')` (ICU's Latvian): every letter with a
 * diacritic is a letter of its own after its base letter (ā after a, č after c, … ž after z),
 * so "Abols" < "Ābele" < "Cīrulis" < "Čakste". DOMAIN.md calls ā ē ī ū equal to a e i u at
 * the first level, but its own example (Abols before Ābele) is ICU's order, which we follow.
 * The key is made here and stored, because PGlite has no ICU collations and both databases
 * must agree: it compares byte by byte (`COLLATE "C"`).
 */

const foldMap: Record<string, string> = {
  ā: 'a',
  č: 'c',
  ē: 'e',
  ģ: 'g',
  ī: 'i',
  ķ: 'k',
  ļ: 'l',
  ņ: 'n',
  š: 's',
  ū: 'u',
  ž: 'z',
  ō: 'o',
  ŗ: 'r',
};

/** Lower case without diacritics; other letters lose their marks through Unicode decomposition. */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[āčēģīķļņšūžōŗ]/g, (ch) => foldMap[ch] ?? ch)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Latvian letters with diacritics: each sorts as a letter of its own right after its base. */
const separateLetters: Record<string, string> = {
  ā: 'a~',
  č: 'c~',
  ē: 'e~',
  ģ: 'g~',
  ī: 'i~',
  ķ: 'k~',
  ļ: 'l~',
  ņ: 'n~',
  š: 's~',
  ū: 'u~',
  ž: 'z~',
};

/** A key whose byte order is Latvian alphabetical order. */
export function latvianSortKey(text: string): string {
  let key = '';
  for (const ch of text.toLowerCase().normalize('NFC')) {
    key += separateLetters[ch] ?? (foldForSearch(ch) || ch);
  }
  // '!' sorts below letters and '~', so a name comes before its longer continuations.
  return `${key}!`;
}

/** The key of a person's full name for lists sorted by family name, then given name. */
export function personSortKey(familyName: string, givenName: string): string {
  return `${latvianSortKey(familyName)} ${latvianSortKey(givenName)}`;
}
