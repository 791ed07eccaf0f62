import { Divider, Stack, Text, Title } from '@mantine/core';
import { LanguageSwitch } from '../components/language-switch';
import { ChangePasswordForm } from '../features/account/change-password-form';
import { TwoStepPanel } from '../features/account/two-step-panel';
import { useI18n } from '../i18n';
import { useMe } from '../session';

export function AccountPage() {
  const { t } = useI18n();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>{t('account.title')}</Title>
      <Text>
        {me.user.givenName} {me.user.familyName} · {me.user.email}
      </Text>
      <Stack gap={4} align="flex-start">
        <Text fw={500}>{t('app.language')}</Text>
        <LanguageSwitch signedIn />
      </Stack>
      <Divider />
      <ChangePasswordForm />
      <Divider />
      <TwoStepPanel me={me} />
    </Stack>
  );
}
