import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type Specialty, specialties } from '../../shared/access';
import type { UserView } from '../../shared/contracts/users';
import type { Language } from '../../shared/i18n';
import { api } from '../api';
import { FormError, useApiError } from '../components/form-error';
import { useI18n } from '../i18n';

interface Values {
  email: string;
  givenName: string;
  familyName: string;
  specialty: Specialty | null;
  language: Language;
}

/** A user's details: creates a user when `user` is null, edits otherwise. */
export function UserForm({
  user,
  onSaved,
  onCancel,
}: {
  user: UserView | null;
  onSaved: (oneTimePassword?: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(
    user ?? { email: '', givenName: '', familyName: '', specialty: null, language: 'lv' },
  );
  const failure = useApiError();
  const set = (patch: Partial<Values>) => setValues({ ...values, ...patch });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      email: values.email,
      givenName: values.givenName,
      familyName: values.familyName,
      specialty: values.specialty,
      language: values.language,
    };
    const save = user
      ? () => api<{ oneTimePassword?: string }>('PATCH', `/api/users/${user.id}`, body)
      : () => api<{ oneTimePassword: string }>('POST', '/api/users', body);
    const result = await failure.run(save);
    if (!result) return;
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    onSaved(result.oneTimePassword);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={failure.error} />
        <TextInput
          label={t('users.email')}
          type="email"
          required
          value={values.email}
          onChange={(e) => set({ email: e.currentTarget.value })}
          error={failure.field('email')}
        />
        <Group grow>
          <TextInput
            label={t('users.givenName')}
            required
            value={values.givenName}
            onChange={(e) => set({ givenName: e.currentTarget.value })}
            error={failure.field('givenName')}
          />
          <TextInput
            label={t('users.familyName')}
            required
            value={values.familyName}
            onChange={(e) => set({ familyName: e.currentTarget.value })}
            error={failure.field('familyName')}
          />
        </Group>
        <Group grow>
          <Select
            label={t('users.specialty')}
            value={values.specialty ?? ''}
            onChange={(value) => set({ specialty: (value || null) as Specialty | null })}
            data={[
              { value: '', label: t('users.noSpecialty') },
              ...specialties.map((s) => ({ value: s, label: t(`specialty.${s}`) })),
            ]}
            error={failure.field('specialty')}
            allowDeselect={false}
          />
          <Select
            label={t('users.language')}
            value={values.language}
            onChange={(value) => set({ language: (value ?? 'lv') as Language })}
            data={[
              { value: 'lv', label: t('app.language.lv') },
              { value: 'en', label: t('app.language.en') },
            ]}
            allowDeselect={false}
          />
        </Group>
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit">{user ? t('common.save') : t('common.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
