import { describe, expect, it } from 'vitest';
import { ageOn, isChildOn } from './age';

describe('ages', () => {
  it('counts whole years, turning a year older on the birthday', () => {
    expect(ageOn('2000-07-21', '2018-07-20')).toBe(17);
    expect(ageOn('2000-07-21', '2018-07-21')).toBe(18);
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
  });

  it('computes childhood from the birth date, or cautiously from the year alone', () => {
    expect(isChildOn({ birthDate: '2000-07-21', birthYear: null }, '2018-07-20')).toBe(true);
    expect(isChildOn({ birthDate: '2000-07-21', birthYear: null }, '2018-07-21')).toBe(false);
    expect(isChildOn({ birthDate: null, birthYear: 2000 }, '2018-12-31')).toBe(true);
    expect(isChildOn({ birthDate: null, birthYear: 2000 }, '2019-01-01')).toBe(false);
    expect(isChildOn({ birthDate: null, birthYear: null }, '2019-01-01')).toBeNull();
  });
});
