import { describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n';
import { suppressSmall } from './reports';

describe('public figures', () => {
  it('shows counts from 1 to 4 as "<5" and leaves 0 and 5 and above as they are', () => {
    expect([0, 1, 2, 3, 4, 5, 129].map(suppressSmall)).toEqual(['0', '<5', '<5', '<5', '<5', '5', '129']);
  });

  it('chooses Latvian forms by Intl.PluralRules, never by n === 1', () => {
    const families = (n: number) => translate('lv', 'summary.families', { count: n, n, planned: 116 });
    const children = (n: number) => translate('lv', 'summary.children', { count: n, n, planned: 250 });
    expect(families(129)).toBe(
      'Projekta aktivitāšu nodrošināto atbalstu saņēmušas 129 ģimenes (plānots 116), kurās ir',
    );
    expect(families(21)).toBe(
      'Projekta aktivitāšu nodrošināto atbalstu saņēmusi 21 ģimene (plānots 116), kurā ir',
    );
    expect(children(271)).toBe('271 bērns (plānots 250).');
    expect(children(11)).toBe('11 bērnu (plānots 250).');
    expect(children(272)).toBe('272 bērni (plānots 250).');
    expect(translate('en', 'summary.children', { count: 271, n: 271, planned: 250 })).toBe(
      '271 children (initially planned 250).',
    );
  });
});
