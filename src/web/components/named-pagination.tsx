import { Pagination } from '@mantine/core';
import { useI18n } from '../i18n';

/** Pages of a list, every button named for a screen reader ("Lapa 3", "Nākamā"), not just a number or an arrow. */
export function NamedPagination({
  total,
  value,
  onChange,
}: {
  total: number;
  value: number;
  onChange: (page: number) => void;
}) {
  const { t } = useI18n();
  return (
    <Pagination
      total={total}
      value={value}
      onChange={onChange}
      getControlProps={(control) => ({
        'aria-label': control === 'previous' || control === 'first' ? t('common.previous') : t('common.next'),
      })}
      getItemProps={(page) => ({ 'aria-label': t('common.page', { page }) })}
    />
  );
}
