import { Center, Group, Modal, Paper, PasswordInput, Text, TextInput, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import type { MeResponse } from '../../../shared/contracts/auth';
import { api } from '../../api';
import { focusFirstField } from '../../components/dialog-focus';
import { LanguageSwitch } from '../../components/language-switch';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { useSetMe } from '../../session';
import { SetupHint } from './setup';

export function SignInPage() {
  const { t } = useI18n();
  const setMe = useSetMe();
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <SignInForm onSignedIn={setMe}>
          <Group justify="space-between">
            <Title order={1} size="h2">
              {t('signIn.title')}
            </Title>
            <LanguageSwitch signedIn={false} />
          </Group>
          <Text c="gray.7" size="sm">
            {t('app.name')} — {t('app.tagline')}
          </Text>
          <SetupHint />
        </SignInForm>
      </Paper>
    </Center>
  );
}

/**
 * The session ran out while the user was working: she signs in again over the page, which stays as it
 * was (a dialog's typed text included), and saves again. Someone else signing in starts afresh.
 */
export function SessionExpiredDialog({ userId }: { userId: string }) {
  const { t } = useI18n();
  const setMe = useSetMe();
  return (
    <Modal
      opened
      onClose={() => {}}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title={t('signIn.expired')}
      overlayProps={{ backgroundOpacity: 0.97, color: '#fff' }}
      transitionProps={{ duration: 0, onEntered: focusFirstField }}
      zIndex={1000}
    >
      <SignInForm
        onSignedIn={(me) => {
          if (me.user.id === userId) setMe(me);
          else window.location.assign('/');
        }}
      >
        <Text size="sm">{t('signIn.expiredExplained')}</Text>
      </SignInForm>
    </Modal>
  );
}

function SignInForm({ onSignedIn, children }: { onSignedIn: (me: MeResponse) => void; children: ReactNode }) {
  const { t } = useI18n();
  type Credentials = { email: string; password: string; code: string };
  const form = useEntryForm<Credentials>({ initialValues: { email: '', password: '', code: '' } });
  // Two-step sign-in: after a right password, the server asks for a code; the form then shows its field.
  const [needsCode, setNeedsCode] = useState(false);
  const save = useSave({
    form,
    send: ({ email, password, code }: Credentials) =>
      api<MeResponse>('POST', '/api/auth/login', { email, password, ...(needsCode && code ? { code } : {}) }),
    onSaved: (me) => onSignedIn(me),
    onFailed: (error) => {
      form.setFieldValue('code', '');
      if (['MFA_REQUIRED', 'MFA_INVALID_CODE'].includes(error.code)) setNeedsCode(true);
      else {
        setNeedsCode(false);
        form.setFieldValue('password', '');
      }
    },
  });

  return (
    <EntryForm form={form} save={save} submitLabel={t('signIn.submit')}>
      {children}
      <TextInput
        label={t('signIn.email')}
        type="email"
        autoComplete="username"
        required
        {...form.getInputProps('email')}
      />
      <PasswordInput
        visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
        label={t('signIn.password')}
        autoComplete="current-password"
        required
        {...form.getInputProps('password')}
      />
      {needsCode && (
        <TextInput
          label={t('mfa.signInCode')}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          {...form.getInputProps('code')}
          data-autofocus
          autoFocus
        />
      )}
    </EntryForm>
  );
}
