import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { BackupStatusView } from '../../../shared/contracts/backups';
import { formatDateTime, formatNumber } from '../../../shared/i18n';
import { api } from '../../api';
import { useI18n } from '../../i18n';

/** The administrator's view of the server's scheduled backups: the last one, or a warning. */
export function BackupStatus() {
  const { t, language } = useI18n();
  const status = useQuery({
    queryKey: ['backups', 'status'],
    queryFn: () => api<BackupStatusView>('GET', '/api/backups/status'),
  });
  if (!status.data) return null;
  const { scheduled, last, stale } = status.data;
  const lastText = last
    ? t('backups.last', {
        at: formatDateTime(last.at),
        size: formatNumber(Math.max(0.1, Math.round(last.bytes / 100_000) / 10), language),
      })
    : null;
  if (!stale) return <Text size="sm">{lastText}</Text>;
  return (
    <Alert color="orange" variant="light" role="status" title={t('backups.staleTitle')}>
      {!scheduled ? t('backups.off') : lastText ? `${lastText} ${t('backups.stale')}` : t('backups.none')}
    </Alert>
  );
}
