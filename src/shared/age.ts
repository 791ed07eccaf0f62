/**
 * Ages from birth dates. A child is anyone under 18 on the day in question; whether
 * someone is a child is always computed, never stored.
 */
export const adultAge = 18;

/** Whole years between an ISO birth date and an ISO day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Age on a day when only the birth year may be known: the lowest age the person can
 * have (so a child with an unknown birthday is not counted as an adult too early).
 */
export function ageFromYearOn(birthYear: number, day: string): number {
  return Number(day.slice(0, 4)) - birthYear - 1;
}

export function isChildOn(
  person: { birthDate: string | null; birthYear: number | null },
  day: string,
): boolean | null {
  if (person.birthDate) return ageOn(person.birthDate, day) < adultAge;
  if (person.birthYear) return ageFromYearOn(person.birthYear, day) < adultAge;
  return null;
}
