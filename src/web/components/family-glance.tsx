import { formatDate } from '../../shared/i18n';
import { useI18n } from '../i18n';

/** The members as lists show them: "2 pieaugušie, bērni: 10, 8 g." */
export function useMembersText(): (adults: number, childAges: number[]) => string {
  const { t } = useI18n();
  return (adults, childAges) =>
    [
      t('quickSearch.adults', { count: adults }),
      ...(childAges.length ? [t('quickSearch.children', { ages: childAges.join(', ') })] : []),
    ].join(', ');
}

/** A day (a family's last contact, its next follow-up), or that there is none yet. */
export function useDayOrNotYet(): (day: string | null) => string {
  const { t } = useI18n();
  return (day) => (day ? formatDate(day) : t('family.notYet'));
}
