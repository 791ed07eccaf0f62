import { Text, Title } from '@mantine/core';
import { useI18n } from '../i18n';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <Title order={1}>404</Title>
      <Text>{t('app.notFound')}</Text>
    </>
  );
}
