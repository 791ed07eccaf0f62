import { describe, expect, it } from 'vitest';
import { dayCount, daysBetween, monthsEndingFrom, yearEndingFrom } from './dates';

describe('calendar arithmetic', () => {
  it('ends a year from a day on the day before its anniversary, by the calendar, across leap years', () => {
    expect(yearEndingFrom('2025-03-20')).toBe('2026-03-19');
    expect(yearEndingFrom('2024-01-10')).toBe('2025-01-09');
    expect(yearEndingFrom('2023-03-01')).toBe('2024-02-29');
    expect(yearEndingFrom('2024-02-29')).toBe('2025-02-28');
  });

  it('ends a period of months on the day before the same day, or on the last day of a shorter month', () => {
    expect(monthsEndingFrom('2025-03-01', 6)).toBe('2025-08-31');
    expect(monthsEndingFrom('2025-08-15', 6)).toBe('2026-02-14');
    expect(monthsEndingFrom('2025-08-31', 6)).toBe('2026-02-28');
    expect(monthsEndingFrom('2026-01-31', 1)).toBe('2026-02-28');
    expect(monthsEndingFrom('2023-08-31', 6)).toBe('2024-02-29');
  });

  it('counts the days of a range without walking it, across months and leap years', () => {
    expect(dayCount('2026-07-10', '2026-07-12')).toBe(3);
    expect(dayCount('2024-02-28', '2024-03-01')).toBe(3);
    expect(dayCount('2026-07-12', '2026-07-10')).toBe(0);
    expect(dayCount('1900-01-01', '2100-12-31')).toBe(73_414);
  });

  it('lists the days of a short range, and refuses a long one before building anything', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(() => daysBetween('0001-01-01', '9999-12-31')).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', '2026-02-15', 31)).toThrow(RangeError);
  });
});
