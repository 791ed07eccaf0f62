import { AppError, type FieldProblem, invalid } from '../../platform/errors';
import type { PersonFields } from '../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { foldForSearch, personSortKey } from '../../shared/names';
import { parsePersonalCode } from '../../shared/personal-code';

/** A person's fields checked and completed: normalised code, birth year, search and sort keys. */
export interface CheckedPerson extends PersonFields {
  searchName: string;
  sortKey: string;
}

/**
 * Checks a person's fields: personal code shape, date, century and checksum; a birth
 * date that is not in the future and agrees with the code and the year. Problems are
 * reported for every field at once, named with `prefix` (e.g. `members.2.person.`).
 */
export function checkPerson(input: PersonFields, now: Date, prefix = ''): CheckedPerson {
  const problems: FieldProblem[] = [];
  const today = toIsoDate(now);
  let personalCode: string | null = null;
  let birthDate = input.birthDate;
  let birthYear = input.birthYear;

  if (input.personalCode) {
    const parsed = parsePersonalCode(input.personalCode);
    if (!parsed.ok) {
      problems.push({ field: `${prefix}personalCode`, key: `validation.personalCode.${parsed.problem}` });
    } else {
      personalCode = parsed.code;
      if (parsed.birthDate && birthDate && parsed.birthDate !== birthDate) {
        problems.push({
          field: `${prefix}birthDate`,
          key: 'validation.personalCode.birthDate',
          params: { date: formatDate(parsed.birthDate) },
        });
      }
      birthDate ??= parsed.birthDate;
    }
  }
  if (birthDate && birthDate > today)
    problems.push({ field: `${prefix}birthDate`, key: 'validation.birthDateFuture' });
  if (birthDate) {
    const year = Number(birthDate.slice(0, 4));
    if (birthYear !== null && birthYear !== year) {
      problems.push({ field: `${prefix}birthYear`, key: 'validation.birthYearMismatch' });
    }
    birthYear = year;
  } else if (birthYear !== null && birthYear > Number(today.slice(0, 4))) {
    problems.push({ field: `${prefix}birthYear`, key: 'validation.birthDateFuture' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });

  return {
    ...input,
    personalCode,
    birthDate,
    birthYear,
    searchName: foldForSearch(`${input.givenName} ${input.familyName} ${input.givenName}`),
    sortKey: personSortKey(input.familyName, input.givenName),
  };
}

export { invalid };
