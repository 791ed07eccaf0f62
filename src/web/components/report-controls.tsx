import { Button, Group, Loader, Text } from '@mantine/core';
import { useI18n } from '../i18n';

/** The report's files: one link per format, each a download of `href(format)`. */
export function DownloadLinks({ href }: { href: (format: string) => string }) {
  const { t } = useI18n();
  return (
    <Group gap="xs">
      {(['xlsx', 'pdf', 'csv'] as const).map((format) => (
        <Button key={format} component="a" href={href(format)} download variant="default">
          {t('results.download', { format: format.toUpperCase() })}
        </Button>
      ))}
    </Group>
  );
}

/** Said (and shown) while a report is being computed. */
export function ComputingStatus({ shown }: { shown: boolean }) {
  const { t } = useI18n();
  if (!shown) return null;
  return (
    <Group gap="xs" role="status">
      <Loader size="sm" />
      <Text size="sm">{t('results.computing')}</Text>
    </Group>
  );
}
