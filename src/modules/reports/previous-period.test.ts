import { describe, expect, it } from 'vitest';
import { previousPeriod } from './reports';

/* Issue 18, rule 6: the previous period follows the calendar. */
describe('the period a report compares with', () => {
  it.each([
    ['a quarter: the quarter before', '2025-01-01', '2025-03-31', '2024-10-01', '2024-12-31'],
    [
      'a month: the month before, whatever its length',
      '2025-03-01',
      '2025-03-31',
      '2025-02-01',
      '2025-02-28',
    ],
    ['a month in a leap year', '2024-03-01', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['a year: the year before', '2018-01-01', '2018-12-31', '2017-01-01', '2017-12-31'],
    ['two years: the two before', '2017-01-01', '2018-12-31', '2015-01-01', '2016-12-31'],
    ['a half year across years', '2024-10-01', '2025-03-31', '2024-04-01', '2024-09-30'],
    ['a project period in whole months', '2013-11-01', '2015-07-31', '2012-02-01', '2013-10-31'],
    [
      'days that are not whole months: as many days before',
      '2025-03-10',
      '2025-03-16',
      '2025-03-03',
      '2025-03-09',
    ],
  ])('%s', (_, from, to, previousFrom, previousTo) => {
    expect(previousPeriod({ from, to })).toEqual({ from: previousFrom, to: previousTo });
  });
});
