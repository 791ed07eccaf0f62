import { Button, Group, Select, TextInput } from '@mantine/core';
import { type Specialty, specialties } from '../../../shared/access';
import { createUserInput, type UserView, updateUserInput } from '../../../shared/contracts/users';
import type { Language } from '../../../shared/i18n';
import { api } from '../../api';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';

interface Values extends Record<string, unknown> {
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
  const form = useEntryForm<Values>({
    initialValues: {
      email: user?.email ?? '',
      givenName: user?.givenName ?? '',
      familyName: user?.familyName ?? '',
      specialty: user?.specialty ?? null,
      language: user?.language ?? 'lv',
    },
    contract: user ? updateUserInput : createUserInput,
  });
  const save = useSave({
    form,
    send: (values: Values) =>
      user
        ? api<{ oneTimePassword?: string }>('PATCH', `/api/users/${user.id}`, values)
        : api<{ oneTimePassword?: string }>('POST', '/api/users', values),
    invalidates: () => [['users']],
    // The page says it (with the one-time password of a new user).
    onSaved: (result) => onSaved(result.oneTimePassword),
  });

  return (
    <EntryForm
      form={form}
      save={save}
      submitLabel={user ? t('common.save') : t('common.create')}
      actions={
        onCancel && (
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )
      }
    >
      <TextInput label={t('users.email')} type="email" required {...form.getInputProps('email')} />
      <Group grow>
        <TextInput label={t('users.givenName')} required {...form.getInputProps('givenName')} />
        <TextInput label={t('users.familyName')} required {...form.getInputProps('familyName')} />
      </Group>
      <Group grow>
        <Select
          label={t('users.specialty')}
          value={form.values.specialty ?? ''}
          onChange={(value) => form.setFieldValue('specialty', (value || null) as Specialty | null)}
          error={form.errors.specialty}
          data={[
            { value: '', label: t('users.noSpecialty') },
            ...specialties.map((s) => ({ value: s, label: t(`specialty.${s}`) })),
          ]}
          allowDeselect={false}
        />
        <Select
          label={t('users.language')}
          {...form.getInputProps('language')}
          data={[
            { value: 'lv', label: t('app.language.lv') },
            { value: 'en', label: t('app.language.en') },
          ]}
          allowDeselect={false}
        />
      </Group>
    </EntryForm>
  );
}
