import { Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { MeResponse } from '../../shared/contracts/auth';
import { api } from '../api';
import { FormError, useApiError } from '../components/form-error';
import { LanguageSwitch } from '../components/language-switch';
import { useI18n } from '../i18n';
import { useSetMe } from '../session';

export function SignInPage() {
  const { t } = useI18n();
  const setMe = useSetMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const failure = useApiError();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const me = await failure.run(() => api<MeResponse>('POST', '/api/auth/login', { email, password }));
    setBusy(false);
    if (me) setMe(me);
    else setPassword('');
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={1} size="h2">
                {t('signIn.title')}
              </Title>
              <LanguageSwitch signedIn={false} />
            </Group>
            <Text c="gray.7" size="sm">
              {t('app.name')} — {t('app.tagline')}
            </Text>
            <FormError error={failure.error} />
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={failure.field('email')}
            />
            <PasswordInput
              visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={failure.field('password')}
            />
            <Button type="submit" loading={busy}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
