import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { maxPasswordLength, minPasswordLength } from '../../shared/password-policy';

/**
 * Why a new password is refused. The strength check is zxcvbn-ts (maintained, MIT):
 * its list of about 49,000 passwords from public breaches, English words and names,
 * and our own words below, each matched inside a longer password, reversed and with
 * l33t substitutions; keyboard rows, repeats, sequences and dates. A password that
 * contains the user's own name or e-mail name (4 letters or more, diacritics ignored) is
 * refused outright. A password it would guess in under 10^8 tries (score below 3; against
 * our argon2 hashes that is years of offline work) is refused, with the reason it found,
 * and so is one common word padded only with digits and signs (`parole123456!`).
 */
export type PasswordProblem =
  | 'tooShort'
  | 'tooLong'
  | 'breached'
  | 'personal'
  | 'pattern'
  | 'dates'
  | 'words'
  | 'guessable';

/** Words people here pad with digits: the product, the country, the city, "password". */
const localWords = [
  'parole',
  'manaparole',
  'atbalsts',
  'latvija',
  'riga',
  'rīga',
  'sos',
  'ciemati',
  'bērni',
  'berni',
  'ģimene',
  'gimene',
  'mamma',
  'saule',
  'mīlestība',
  'milestiba',
];

const checker = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary, local: localWords },
  graphs: common.adjacencyGraphs,
  maxLength: maxPasswordLength,
});

const byWarning: Record<string, PasswordProblem> = {
  topTen: 'breached',
  topHundred: 'breached',
  common: 'breached',
  similarToCommon: 'breached',
  pwned: 'breached',
  userInputs: 'personal',
  straightRow: 'pattern',
  keyPattern: 'pattern',
  simpleRepeat: 'pattern',
  extendedRepeat: 'pattern',
  sequences: 'pattern',
  recentYears: 'dates',
  dates: 'dates',
  wordByItself: 'words',
  namesByThemselves: 'words',
  commonNames: 'words',
};

const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '');

/** The person's names and e-mail, whole and in parts, with and without diacritics. */
function personalWords(person: PasswordOwner): string[] {
  const local = person.email.toLowerCase().split('@')[0] ?? '';
  const parts = [local, ...local.split(/[._+-]/)];
  for (const name of [person.givenName, person.familyName]) {
    if (name) parts.push(...name.toLowerCase().split(/[\s-]+/));
  }
  return [...new Set([...parts, ...parts.map(fold)])].filter((word) => word.length >= 3);
}

export type PasswordOwner = { email: string; givenName?: string; familyName?: string };

/** What is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner): PasswordProblem | null {
  if (password.length < minPasswordLength) return 'tooShort';
  if (password.length > maxPasswordLength) return 'tooLong';
  const own = personalWords(owner);
  const folded = fold(password);
  if (own.some((word) => word.length >= 4 && folded.includes(fold(word)))) return 'personal';
  // The organisation's domain is no secret either, but is not the user's own name.
  const domain = owner.email.toLowerCase().split('@')[1]?.split('.')[0] ?? '';
  const result = checker.check(password, [...own, domain]);
  if (result.score < 3) return byWarning[result.feedback.warning ?? ''] ?? 'guessable';
  const withLetters = result.sequence.filter((match) => /\p{L}/u.test(match.token));
  if (withLetters.length === 1 && withLetters[0]?.pattern === 'dictionary') return 'words';
  return null;
}
