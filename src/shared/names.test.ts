import { describe, expect, it } from 'vitest';
import { foldForSearch, latvianSortKey } from './names';

describe('Latvian names', () => {
  it('folds case and diacritics for search', () => {
    expect(foldForSearch('Kalniņa')).toBe('kalnina');
    expect(foldForSearch('BĒRZIŅŠ')).toBe('berzins');
    expect(foldForSearch('  Žagars   Ģirts ')).toBe('zagars girts');
  });

  it('sorts like Intl.Collator("lv") does', () => {
    const names = [
      'Žagars',
      'Zariņš',
      'Šmits',
      'Sala',
      'Ģirts',
      'Gints',
      'Čakste',
      'Cīrulis',
      'Ābele',
      'Abols',
    ];
    const expected = [
      'Abols',
      'Ābele',
      'Cīrulis',
      'Čakste',
      'Gints',
      'Ģirts',
      'Sala',
      'Šmits',
      'Zariņš',
      'Žagars',
    ];
    const byKey = [...names].sort((a, b) => (latvianSortKey(a) < latvianSortKey(b) ? -1 : 1));
    expect(byKey).toEqual(expected);
    expect([...names].sort(new Intl.Collator('lv').compare)).toEqual(expected);
  });

  it('puts a name before its longer continuation and handles ķ, ļ, ņ', () => {
    const names = ['Ķiņķēns', 'Kalns', 'Kalniņa', 'Kalnina', 'Ļaudis', 'Lapa', 'Ņikitins', 'Nams'];
    const sorted = [...names].sort((a, b) => (latvianSortKey(a) < latvianSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['Kalnina', 'Kalniņa', 'Kalns', 'Ķiņķēns', 'Lapa', 'Ļaudis', 'Nams', 'Ņikitins']);
    expect([...names].sort(new Intl.Collator('lv').compare)).toEqual(sorted);
  });
});
