import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '../../shared/contracts/auth';
import { isLanguage, languages } from '../../shared/i18n';
import { api } from '../api';
import { useI18n } from '../i18n';
import { meQueryKey } from '../session';

/** Switches the interface language; for a signed-in user it is saved on the server too. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { t, language, setLanguage } = useI18n();
  const queryClient = useQueryClient();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('app.language')}
      value={language}
      onChange={async (value) => {
        if (!isLanguage(value)) return;
        setLanguage(value);
        if (signedIn) {
          const me = await api<MeResponse>('PATCH', '/api/auth/me', { language: value });
          queryClient.setQueryData(meQueryKey, me);
        }
      }}
      data={languages.map((code) => ({ value: code, label: code === 'lv' ? 'LV' : 'EN' }))}
      title={t('app.language')}
    />
  );
}
