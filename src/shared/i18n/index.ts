import { en } from './en';
import { lv } from './lv';
import type { Language, MessageKey, Messages, PluralForms } from './messages';

export * from './messages';

const catalogues: Record<Language, Messages> = { lv, en };
const pluralRules: Record<Language, Intl.PluralRules> = {
  lv: new Intl.PluralRules('lv'),
  en: new Intl.PluralRules('en'),
};

export type MessageParams = Record<string, string | number>;

function fill(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Translates a key. Plural messages take their form from `Intl.PluralRules` of the
 * language with `params.count` (Latvian: 1, 21, 271 are "one"; 0, 11, 20 are "zero").
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const message: string | PluralForms = catalogues[language][key];
  if (typeof message === 'string') return fill(message, params);
  const count = Number(params?.count ?? 0);
  const form = pluralRules[language].select(count);
  return fill(message[form] ?? message.other, params);
}

export function isMessageKey(key: string): key is MessageKey {
  return key in lv;
}

/** dd.mm.yyyy in both languages (the organisation's convention), from a Date or an ISO date. */
export function formatDate(value: Date | string): string {
  const iso = typeof value === 'string' ? value.slice(0, 10) : toIsoDate(value);
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** Reads `dd.mm.yyyy` (also `d.m.yyyy`) as `YYYY-MM-DD`; null when it is not a real date. */
export function parseDisplayDate(text: string): string | null {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** The calendar date of an instant in Europe/Riga as YYYY-MM-DD. */
export function toIsoDate(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Riga' }).format(instant);
}

/** dd.mm.yyyy hh:mm in Europe/Riga. */
export function formatDateTime(value: Date | string): string {
  const instant = typeof value === 'string' ? new Date(value) : value;
  const time = new Intl.DateTimeFormat('lv', {
    timeZone: 'Europe/Riga',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${formatDate(toIsoDate(instant))} ${time}`;
}

const localeOf: Record<Language, string> = { lv: 'lv-LV', en: 'en-GB' };

/**
 * Money from integer cents: `1 234,50 €` in Latvian, `€1,234.50` in English. Grouping
 * is forced: CLDR's Latvian would write `1234,50 €` for four-digit amounts.
 */
export function formatMoney(cents: number, language: Language): string {
  return new Intl.NumberFormat(localeOf[language], {
    style: 'currency',
    currency: 'EUR',
    useGrouping: 'always',
  }).format(cents / 100);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(localeOf[language], { useGrouping: 'always' }).format(value);
}

/** A share as a percentage with at most one decimal: `4,5 %` in Latvian, `4.5%` in English. */
export function formatPercent(share: number, language: Language): string {
  return new Intl.NumberFormat(localeOf[language], { style: 'percent', maximumFractionDigits: 1 }).format(
    share,
  );
}
