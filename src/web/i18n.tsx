import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { isLanguage, type Language, type MessageKey, type MessageParams, translate } from '../shared/i18n';
import { setApiLanguage } from './api';

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: MessageParams): string;
}

const I18nContext = createContext<I18n | null>(null);
const storageKey = 'atbalsts.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  return isLanguage(stored) ? stored : 'lv';
}

/** The interface language: Latvian unless the user chose otherwise (saved per user once signed in). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const language = initialLanguage();
    setApiLanguage(language);
    return language;
  });
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage: (next) => {
        localStorage.setItem(storageKey, next);
        setApiLanguage(next);
        document.documentElement.lang = next;
        setLanguageState(next);
      },
      t: (key, params) => translate(language, key, params),
    }),
    [language],
  );
  document.documentElement.lang = language;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
