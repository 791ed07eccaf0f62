import { Alert, Button, Code, Image, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { type MeResponse, type MfaSetup, mfaConfirmInput } from '../../../shared/contracts/auth';
import { api } from '../../api';
import { FormError } from '../../components/form-error';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { useSetMe } from '../../session';

/**
 * Two-step sign-in on the account page (and, when the organisation requires it, the only thing shown until
 * it is set up): the QR code and key, a first code to confirm, then the recovery codes, once.
 */
export function TwoStepPanel({ me, forced = false }: { me: MeResponse; forced?: boolean }) {
  const { t } = useI18n();
  const setMe = useSetMe();
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const start = useSave({
    send: () => api<MfaSetup>('POST', '/api/auth/mfa/setup'),
    onSaved: (started) => setSetup(started),
  });
  const form = useEntryForm({ initialValues: { code: '' }, contract: mfaConfirmInput });
  const confirm = useSave({
    form,
    send: (values: { code: string }) =>
      api<{ recoveryCodes: string[] }>('POST', '/api/auth/mfa/confirm', values),
    onSaved: (done) => {
      setRecovery(done.recoveryCodes);
      setSetup(null);
      form.reset();
    },
  });
  const finish = async () => {
    setRecovery(null);
    setMe(await api<MeResponse>('GET', '/api/auth/me'));
  };

  return (
    <Stack maw={560}>
      <Title order={forced ? 1 : 2} size={forced ? 'h2' : 'h3'}>
        {t('mfa.title')}
      </Title>
      {forced && <Text>{t('mfa.required')}</Text>}
      {!forced && !recovery && <Text>{me.mfaEnabled ? t('mfa.on') : t('mfa.off')}</Text>}
      <FormError error={start.error} />
      {recovery ? (
        <Alert color="yellow" title={t('mfa.recoveryTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('mfa.recoveryHelp')}</Text>
            <List spacing={2} aria-label={t('mfa.recoveryTitle')}>
              {recovery.map((c) => (
                <List.Item key={c}>
                  <Code>{c}</Code>
                </List.Item>
              ))}
            </List>
            <Button w="fit-content" onClick={finish}>
              {t('mfa.recoveryKept')}
            </Button>
          </Stack>
        </Alert>
      ) : setup ? (
        <EntryForm form={form} save={confirm} submitLabel={t('mfa.confirm')}>
          <Text size="sm">{t('mfa.scan')}</Text>
          <Image
            src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`}
            alt={t('mfa.qrAlt')}
            w={200}
            h={200}
          />
          <Code data-testid="mfa-secret">{setup.secret}</Code>
          <TextInput
            label={t('mfa.code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            {...form.getInputProps('code')}
            maw={200}
          />
        </EntryForm>
      ) : (
        <Button
          w="fit-content"
          variant={me.mfaEnabled ? 'default' : 'filled'}
          onClick={() => start.run()}
          loading={start.pending}
        >
          {me.mfaEnabled ? t('mfa.replace') : t('mfa.start')}
        </Button>
      )}
    </Stack>
  );
}
