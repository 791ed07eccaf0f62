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

/** A family's last contact, or that there was none yet. */
export function useLastContactText(): (lastContact: string | null) => string {
  const { t } = useI18n();
  return (lastContact) => (lastContact ? formatDate(lastContact) : t('family.notYet'));
}
