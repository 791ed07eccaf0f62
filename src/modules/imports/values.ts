import { type Language, type MessageKey, type MessageParams, translate } from '../../shared/i18n';
import { foldForSearch } from '../../shared/names';

/** What is wrong with one cell, as a message key; the importer adds the row and the column. */
export class CellProblem extends Error {
  constructor(
    readonly key: MessageKey,
    /** Parameters of the message, in the reader's language. */
    readonly params?: (language: Language) => MessageParams,
  ) {
    super(key);
  }
}

/** Latvian spreadsheets write dates as dd.mm.yyyy (or d.m.yyyy), others as ISO yyyy-mm-dd. */
export function parseDate(text: string): string {
  const latvian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = latvian
    ? [latvian[3]!, latvian[2]!.padStart(2, '0'), latvian[1]!.padStart(2, '0')]
    : iso
      ? [iso[1]!, iso[2]!, iso[3]!]
      : [];
  if (!year) throw new CellProblem('validation.importDate');
  const value = `${year}-${month}-${day}`;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw new CellProblem('validation.importDate');
  return value;
}

/** A birth date, or only a year. */
export function parseBirth(text: string): { birthDate: string | null; birthYear: number | null } {
  if (text === '') return { birthDate: null, birthYear: null };
  if (/^\d{4}$/.test(text)) return { birthDate: null, birthYear: Number(text) };
  try {
    return { birthDate: parseDate(text), birthYear: null };
  } catch {
    throw new CellProblem('validation.importBirth');
  }
}

/**
 * One of a list of codes, written as the code, as its label in Latvian or English (`labelPrefix` + code),
 * or as one of the other words people use for it; case and diacritics do not matter.
 */
export function codeFromWords<T extends string>(
  text: string,
  codes: readonly T[],
  labelPrefix: string,
  otherWords: Partial<Record<T, string[]>> = {},
): T {
  const folded = foldForSearch(text);
  const label = (language: Language, code: T) => translate(language, `${labelPrefix}${code}` as MessageKey);
  for (const code of codes) {
    const words = [
      code.replace(/_/g, ' '),
      label('lv', code),
      label('en', code),
      ...(otherWords[code] ?? []),
    ];
    // A label may name two ("brālis / māsa"): each part counts.
    if (words.flatMap((word) => word.split('/')).some((word) => foldForSearch(word) === folded)) return code;
  }
  throw new CellProblem('validation.importChoice', (language) => ({
    allowed: codes.map((code) => label(language, code)).join(', '),
  }));
}
