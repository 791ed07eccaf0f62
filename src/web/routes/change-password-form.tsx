import { Alert, Button, PasswordInput, Stack, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { MeResponse } from '../../shared/contracts/auth';
import { api } from '../api';
import { FormError, useApiError } from '../components/form-error';
import { useI18n } from '../i18n';
import { useSetMe } from '../session';

/** Changing one's password; `forced` when a one-time password must be replaced first. */
export function ChangePasswordForm({ forced = false }: { forced?: boolean }) {
  const { t } = useI18n();
  const setMe = useSetMe();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const failure = useApiError();
  const mismatch = repeat !== '' && repeat !== newPassword;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    setDone(false);
    const me = await failure.run(() =>
      api<MeResponse>('POST', '/api/auth/password', { currentPassword, newPassword }),
    );
    if (!me) return;
    setCurrent('');
    setNew('');
    setRepeat('');
    setDone(true);
    setMe(me);
  };

  return (
    <form onSubmit={submit} noValidate style={{ maxWidth: 420 }}>
      <Stack>
        <Title order={forced ? 1 : 2} size="h3">
          {t('account.changePassword')}
        </Title>
        {forced && (
          <Alert color="yellow" variant="light">
            {t('account.mustChange')}
          </Alert>
        )}
        {done && (
          <Alert color="green" role="status">
            {t('account.passwordChanged')}
          </Alert>
        )}
        <FormError error={failure.error} />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
          label={t('account.currentPassword')}
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={failure.field('currentPassword')}
          required
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
          label={t('account.newPassword')}
          description={t('account.newPasswordHint')}
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={failure.field('newPassword')}
          required
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
          label={t('account.repeatPassword')}
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={mismatch ? t('account.passwordsDiffer') : undefined}
          required
        />
        <Button type="submit" disabled={mismatch || !newPassword}>
          {t('account.changePassword')}
        </Button>
      </Stack>
    </form>
  );
}
