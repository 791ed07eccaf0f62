import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '../../shared/contracts/auth';
import { isLanguage, type Language, languages } from '../../shared/i18n';
import { api } from '../api';
import { useSave } from '../data-entry/save';
import { useI18n } from '../i18n';
import { meQueryKey } from '../session';

/** Switches the interface language; for a signed-in user it is saved on the server too. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { t, language, setLanguage } = useI18n();
  const queryClient = useQueryClient();
  // Saved for the user; a failure leaves the language switched on this page only.
  const save = useSave({
    send: (value: Language) => api<MeResponse>('PATCH', '/api/auth/me', { language: value }),
    onSaved: (me) => {
      queryClient.setQueryData(meQueryKey, me);
    },
  });
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('app.language')}
      value={language}
      onChange={(value) => {
        if (!isLanguage(value)) return;
        setLanguage(value);
        if (signedIn) save.run(value);
      }}
      data={languages.map((code) => ({ value: code, label: code === 'lv' ? 'LV' : 'EN' }))}
      title={t('app.language')}
    />
  );
}
