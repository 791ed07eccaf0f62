import type { lv, MessageKey } from './lv';

export type { MessageKey };

export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** The shape every language must fill: the same keys as Latvian, plurals where Latvian has them. */
export type Messages = {
  [K in MessageKey]: (typeof lv)[K] extends string ? string : PluralForms;
};

export const languages = ['lv', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'lv';

export function isLanguage(value: unknown): value is Language {
  return value === 'lv' || value === 'en';
}

/** Picks the best supported language from an Accept-Language header; Latvian when none fits. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return defaultLanguage;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().slice(0, 2);
    if (isLanguage(tag)) return tag;
  }
  return defaultLanguage;
}
