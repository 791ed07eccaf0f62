import { describe, expect, it } from 'vitest';
import { auditActions } from '../contracts/audit';
import { en } from './en';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  languageFromHeader,
  parseDisplayDate,
  translate,
} from './index';
import { lv } from './lv';

describe('translations', () => {
  it('has every Latvian key in English and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(lv).sort());
  });

  it('names every audited action in both languages (the audit page shows names, never codes)', () => {
    const unnamed = auditActions.filter(
      (action) => !(`action.${action}` in lv) || !(`action.${action}` in en),
    );
    expect(unnamed).toEqual([]);
  });

  it('gives every plural message an "other" form and uses only forms the language has', () => {
    const forms = { lv: new Intl.PluralRules('lv').resolvedOptions().pluralCategories, en: ['one', 'other'] };
    for (const [language, catalogue] of [
      ['lv', lv],
      ['en', en],
    ] as const) {
      for (const value of Object.values(catalogue)) {
        if (typeof value === 'string') continue;
        expect(value).toHaveProperty('other');
        for (const form of Object.keys(value)) expect(forms[language]).toContain(form);
      }
    }
  });

  it('chooses Latvian plural forms from Intl.PluralRules, not from n === 1', () => {
    expect(translate('lv', 'users.count', { count: 1 })).toBe('1 lietotājs');
    expect(translate('lv', 'users.count', { count: 21 })).toBe('21 lietotājs');
    expect(translate('lv', 'users.count', { count: 271 })).toBe('271 lietotājs');
    expect(translate('lv', 'users.count', { count: 11 })).toBe('11 lietotāju');
    expect(translate('lv', 'users.count', { count: 0 })).toBe('0 lietotāju');
    expect(translate('lv', 'users.count', { count: 3 })).toBe('3 lietotāji');
    expect(translate('en', 'users.count', { count: 21 })).toBe('21 users');
  });

  it('fills parameters', () => {
    expect(translate('lv', 'home.title', { name: 'Irēna' })).toBe('Sveicināti, Irēna!');
  });
});

describe('formats', () => {
  it('writes dates as dd.mm.yyyy in Riga time', () => {
    expect(formatDate('2015-07-21')).toBe('21.07.2015');
    // 22:30 UTC on 31 December is already 1 January in Riga.
    expect(formatDate(new Date('2025-12-31T22:30:00Z'))).toBe('01.01.2026');
    expect(formatDateTime('2026-06-30T21:05:00Z')).toBe('01.07.2026 00:05');
  });

  it('reads dates typed as dd.mm.yyyy and refuses impossible ones', () => {
    expect(parseDisplayDate('21.07.2015')).toBe('2015-07-21');
    expect(parseDisplayDate(' 1.2.2024 ')).toBe('2024-02-01');
    expect(parseDisplayDate('29.02.2024')).toBe('2024-02-29');
    expect(parseDisplayDate('29.02.2023')).toBeNull();
    expect(parseDisplayDate('2015-07-21')).toBeNull();
    expect(parseDisplayDate('31.13.2020')).toBeNull();
  });

  it('writes money from cents the Latvian way', () => {
    expect(formatMoney(123450, 'lv').replace(/\s/g, ' ')).toBe('1 234,50 €');
    expect(formatMoney(89850000, 'lv').replace(/\s/g, ' ')).toBe('898 500,00 €');
    expect(formatMoney(123450, 'en')).toBe('€1,234.50');
  });

  it('picks the language from Accept-Language, Latvian by default', () => {
    expect(languageFromHeader('en-GB,en;q=0.9')).toBe('en');
    expect(languageFromHeader('de-DE,lv;q=0.5')).toBe('lv');
    expect(languageFromHeader('de-DE')).toBe('lv');
    expect(languageFromHeader(undefined)).toBe('lv');
  });
});
