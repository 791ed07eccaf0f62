import { Alert, PasswordInput, Stack, Title } from '@mantine/core';
import type { MeResponse } from '../../../shared/contracts/auth';
import { api } from '../../api';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { useSetMe } from '../../session';

type PasswordValues = { currentPassword: string; newPassword: string; repeat: string };

/** Changing one's password; `forced` when a one-time password must be replaced first. */
export function ChangePasswordForm({ forced = false }: { forced?: boolean }) {
  const { t } = useI18n();
  const setMe = useSetMe();
  const blank = { currentPassword: '', newPassword: '', repeat: '' };
  const form = useEntryForm<PasswordValues>({
    initialValues: blank,
    validate: (values): Record<string, string> =>
      values.repeat !== values.newPassword ? { repeat: t('account.passwordsDiffer') } : {},
  });
  const save = useSave({
    form,
    send: ({ currentPassword, newPassword }: PasswordValues) =>
      api<MeResponse>('POST', '/api/auth/password', { currentPassword, newPassword }),
    saved: t('account.passwordChanged'),
    onSaved: (me) => {
      form.setValues(blank);
      setMe(me);
    },
  });
  const mismatch = form.values.repeat !== '' && form.values.repeat !== form.values.newPassword;
  const reveal = { visibilityToggleButtonProps: { 'aria-label': t('app.togglePassword') } };
  return (
    <Stack maw={420}>
      <Title order={forced ? 1 : 2} size="h3">
        {t('account.changePassword')}
      </Title>
      {forced && (
        <Alert color="yellow" variant="light">
          {t('account.mustChange')}
        </Alert>
      )}
      <EntryForm
        form={form}
        save={save}
        submitLabel={t('account.changePassword')}
        submitProps={{ disabled: mismatch || !form.values.newPassword }}
      >
        <PasswordInput
          {...reveal}
          label={t('account.currentPassword')}
          autoComplete="current-password"
          {...form.getInputProps('currentPassword')}
          required
        />
        <PasswordInput
          {...reveal}
          label={t('account.newPassword')}
          description={t('account.newPasswordHint')}
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
          required
        />
        <PasswordInput
          {...reveal}
          label={t('account.repeatPassword')}
          autoComplete="new-password"
          {...form.getInputProps('repeat')}
          error={mismatch ? t('account.passwordsDiffer') : form.errors.repeat}
          required
        />
      </EntryForm>
    </Stack>
  );
}
