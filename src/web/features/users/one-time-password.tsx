import { Alert, Code, Text } from '@mantine/core';
import { useI18n } from '../../i18n';

/** Shown once after creating a user or resetting a password. */
export function OneTimePassword({ password }: { password: string }) {
  const { t } = useI18n();
  return (
    <Alert color="yellow" title={t('users.oneTimePassword')} role="status">
      <Code fz="lg" data-testid="one-time-password">
        {password}
      </Code>
      <Text size="sm" mt="xs">
        {t('users.oneTimePasswordHint')}
      </Text>
    </Alert>
  );
}
