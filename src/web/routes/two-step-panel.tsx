import { Alert, Button, Code, Image, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { MeResponse, MfaSetup } from '../../shared/contracts/auth';
import { api } from '../api';
import { FormError, useApiError } from '../components/form-error';
import { useI18n } from '../i18n';
import { useSetMe } from '../session';

/**
 * Two-step sign-in on the account page (and, when the organisation requires it, the only thing shown until
 * it is set up): the QR code and key, a first code to confirm, then the recovery codes, once.
 */
export function TwoStepPanel({ me, forced = false }: { me: MeResponse; forced?: boolean }) {
  const { t } = useI18n();
  const setMe = useSetMe();
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const failure = useApiError();

  const start = async () => {
    const started = await failure.run(() => api<MfaSetup>('POST', '/api/auth/mfa/setup'));
    if (started) setSetup(started);
  };
  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    const done = await failure.run(() =>
      api<{ recoveryCodes: string[] }>('POST', '/api/auth/mfa/confirm', { code }),
    );
    if (!done) return;
    setRecovery(done.recoveryCodes);
    setSetup(null);
    setCode('');
  };
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
      <FormError error={failure.error} />
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
        <form onSubmit={confirm}>
          <Stack>
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
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={failure.field('code')}
              maw={200}
            />
            <Button type="submit" w="fit-content" loading={failure.pending}>
              {t('mfa.confirm')}
            </Button>
          </Stack>
        </form>
      ) : (
        <Button
          w="fit-content"
          variant={me.mfaEnabled ? 'default' : 'filled'}
          onClick={start}
          loading={failure.pending}
        >
          {me.mfaEnabled ? t('mfa.replace') : t('mfa.start')}
        </Button>
      )}
    </Stack>
  );
}
