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

/**
 * Consonant changes of the Latvian plural genitive in the 2nd declension (-is) and 5th (-e), longest
 * cluster first: Briedis → Briežu, Lācis → Lāču, Zvirbule → Zvirbuļu, Eglīte → Eglīšu, Gulbis → Gulbju.
 */
const genitiveChanges: [string, string][] = [
  ['dz', 'dž'],
  ['ln', 'ļņ'],
  ['ll', 'ļļ'],
  ['sn', 'šņ'],
  ['zn', 'žņ'],
  ['sl', 'šl'],
  ['zl', 'žl'],
  ['d', 'ž'],
  ['t', 'š'],
  ['s', 'š'],
  ['z', 'ž'],
  ['c', 'č'],
  ['l', 'ļ'],
  ['n', 'ņ'],
  ['p', 'pj'],
  ['b', 'bj'],
  ['m', 'mj'],
  ['v', 'vj'],
  ['f', 'fj'],
];

function withChange(stem: string): string {
  const lower = stem.toLowerCase();
  for (const [from, to] of genitiveChanges) {
    if (!lower.endsWith(from)) continue;
    const kept = stem.slice(0, stem.length - from.length);
    const upper = stem.slice(-from.length) === stem.slice(-from.length).toUpperCase();
    return kept + (upper ? to.toUpperCase() : to);
  }
  return stem;
}

/**
 * A surname in the plural genitive, as a family is named in Latvian ("Ozolu ģimene"), from either the
 * masculine or the feminine form: -s, -š and -a drop their ending (Ozols, Ozola → Ozolu; Bērziņš → Bērziņu),
 * -is and -e change their last consonant (Briedis → Briežu, Zvirbule → Zvirbuļu), except after -st- (Čakste
 * → Čakstu) and in -one, the feminine of the -sons names (Pētersone → Pētersonu); definite
 * adjectives take -o (Baltais, Baltā → Balto). Each part of a double surname is declined. A name with no
 * Latvian ending is kept as it is.
 */
export function surnamePluralGenitive(surname: string): string {
  const trimmed = surname.trim();
  if (trimmed.includes('-'))
    return trimmed
      .split('-')
      .map((part) => surnamePluralGenitive(part))
      .join('-');
  const lower = trimmed.toLowerCase();
  const stem = (length: number) => trimmed.slice(0, trimmed.length - length);
  const u = trimmed === trimmed.toUpperCase() && trimmed.length > 1 ? 'U' : 'u';
  if (lower.endsWith('ais')) return `${stem(3)}${u === 'U' ? 'O' : 'o'}`;
  if (lower.endsWith('ā') && lower.length > 2) return `${stem(1)}${u === 'U' ? 'O' : 'o'}`;
  if (lower.endsWith('is') || lower.endsWith('e')) {
    const base = stem(lower.endsWith('is') ? 2 : 1);
    const plain = /st$/i.test(base) || /on$/i.test(base) || /[aeiouāēīū]$/i.test(base);
    return `${plain ? base : withChange(base)}${u}`;
  }
  if (lower.endsWith('us')) return `${stem(2)}${u}`;
  if (/[sš]$/.test(lower) && lower.length > 2) return `${stem(1)}${u}`;
  if (lower.endsWith('a') && lower.length > 2) return `${stem(1)}${u}`;
  return trimmed;
}

/** The name a family gets from its first member's surname: "Kalniņu ģimene". */
export const familyNameFromSurname = (surname: string) => `${surnamePluralGenitive(surname)} ģimene`;
