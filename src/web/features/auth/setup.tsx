import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api';
import { LanguageSwitch } from '../../components/language-switch';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';

export const setupQuery = {
  queryKey: ['setup'],
  queryFn: () => api<{ needed: boolean }>('GET', '/api/setup'),
};

/**
 * The first run without the command line: the link the server printed (with its one-time token) opens
 * this page, which creates the first administrator; then she signs in as usual.
 */
export function SetupPage() {
  const { t } = useI18n();
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const setup = useQuery(setupQuery);
  const [created, setCreated] = useState<string | null>(null);
  type Fields = { email: string; givenName: string; familyName: string; password: string };
  const form = useEntryForm<Fields>({
    initialValues: { email: '', givenName: '', familyName: '', password: '' },
  });
  const save = useSave({
    form,
    send: (fields: Fields) => api<{ email: string }>('POST', '/api/setup', { ...fields, token }),
    onSaved: (answer) => setCreated(answer.email),
  });
  const field = (name: keyof Fields) => form.getInputProps(name);
  const toSignIn = () => window.location.assign('/');
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={480}>
        <Stack>
          <Group justify="space-between">
            <Title order={1} size="h2">
              {t('setup.title')}
            </Title>
            <LanguageSwitch signedIn={false} />
          </Group>
          {created ? (
            <>
              <Alert color="teal" role="status">
                {t('setup.created', { email: created })}
              </Alert>
              <Button onClick={toSignIn}>{t('signIn.submit')}</Button>
            </>
          ) : setup.data && !setup.data.needed ? (
            <>
              <Alert color="blue" role="status">
                {t('error.SETUP_DONE')}
              </Alert>
              <Button onClick={toSignIn}>{t('signIn.submit')}</Button>
            </>
          ) : !token ? (
            <Alert color="orange" role="alert">
              {t('setup.noToken')}
            </Alert>
          ) : (
            <EntryForm form={form} save={save} submitLabel={t('setup.create')}>
              <Text>{t('setup.intro')}</Text>
              <TextInput
                label={t('users.email')}
                type="email"
                required
                autoComplete="username"
                data-autofocus
                {...field('email')}
              />
              <TextInput label={t('users.givenName')} required {...field('givenName')} />
              <TextInput label={t('users.familyName')} required {...field('familyName')} />
              <PasswordInput
                label={t('setup.password')}
                required
                autoComplete="new-password"
                {...field('password')}
              />
            </EntryForm>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

/** On the sign-in page while nobody exists: where to go instead. */
export function SetupHint() {
  const { t } = useI18n();
  const setup = useQuery(setupQuery);
  if (!setup.data?.needed) return null;
  return (
    <Alert color="blue" role="status">
      {t('setup.signInHint')}
    </Alert>
  );
}
