import { DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** Calendars in the interface language, weeks starting on Monday. */
export function LocalisedDates({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  return <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}
