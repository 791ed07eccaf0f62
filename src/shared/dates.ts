/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so that no time zone shifts a day. */

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The last day of a period of `months` calendar months that starts on `iso`: the day before the same day
 * `months` later, or the month's last day when that month has no such day (31.08 + 6 months → 28.02).
 */
export function monthsEndingFrom(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  // Date.UTC rolls a day the month lacks (31 February) over into the next month: its first day is the end + 1.
  const rolled = new Date(Date.UTC(year, month - 1 + months, day));
  const next =
    rolled.getUTCDate() === day
      ? rolled
      : new Date(Date.UTC(rolled.getUTCFullYear(), rolled.getUTCMonth(), 1));
  return addDays(next.toISOString().slice(0, 10), -1);
}

/** The last day of the year that starts on `iso`: the day before its anniversary (29.02 → 28.02 next year). */
export function yearEndingFrom(iso: string): string {
  return monthsEndingFrom(iso, 12);
}

/** How many days `from` to `to` spans, both included (0 when `to` is before `from`); no loop. */
export function dayCount(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 86_400_000) + 1) : 0;
}

/**
 * Every day from `from` to `to`, inclusive, at most `limit` of them: the bound is checked before the list
 * is built, so no range (however it reached here) makes a list of millions of days.
 */
export function daysBetween(from: string, to: string, limit = 366): string[] {
  if (dayCount(from, to) > limit) throw new RangeError(`more than ${limit} days`);
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}
