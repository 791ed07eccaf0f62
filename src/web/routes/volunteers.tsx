import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '../../shared/i18n';
import { api } from '../api';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { ModalButton } from '../components/modal-button';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import { volunteersQuery } from '../queries';

function VolunteerForm({ close }: { close: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    givenName: '',
    familyName: '',
    email: '',
    phone: '',
    screenedOn: '',
    trainedOn: '',
  });
  const failure = useApiError();
  const save = async () => {
    const body = { ...draft, screenedOn: draft.screenedOn || null, trainedOn: draft.trainedOn || null };
    if (!(await failure.run(() => api('POST', '/api/volunteers', body)))) return;
    await queryClient.invalidateQueries({ queryKey: volunteersQuery.queryKey });
    close();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Group grow align="flex-start">
        <TextInput
          label={t('person.givenName')}
          value={draft.givenName}
          onChange={(e) => setDraft({ ...draft, givenName: e.currentTarget.value })}
          error={failure.field('givenName')}
        />
        <TextInput
          label={t('person.familyName')}
          value={draft.familyName}
          onChange={(e) => setDraft({ ...draft, familyName: e.currentTarget.value })}
          error={failure.field('familyName')}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('person.email')}
          value={draft.email}
          onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })}
        />
        <TextInput
          label={t('person.phone')}
          value={draft.phone}
          onChange={(e) => setDraft({ ...draft, phone: e.currentTarget.value })}
        />
      </Group>
      <Group grow align="flex-start">
        <DateField
          label={t('volunteers.screenedOn')}
          value={draft.screenedOn}
          onChange={(screenedOn) => setDraft({ ...draft, screenedOn })}
        />
        <DateField
          label={t('volunteers.trainedOn')}
          value={draft.trainedOn}
          onChange={(trainedOn) => setDraft({ ...draft, trainedOn })}
        />
      </Group>
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.create')}
      </Button>
    </Stack>
  );
}

export function VolunteersPage() {
  const { t } = useI18n();
  const list = useQuery(volunteersQuery).data?.volunteers ?? [];
  return (
    <Stack>
      <PageHeader title={t('volunteers.title')}>
        <ModalButton
          label={t('volunteers.new')}
          title={t('volunteers.new')}
          buttonProps={{ variant: 'filled', size: 'sm' }}
        >
          {(close) => <VolunteerForm close={close} />}
        </ModalButton>
      </PageHeader>
      {list.length === 0 ? (
        <Text>{t('volunteers.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.name')}</Table.Th>
              <Table.Th>{t('person.email')}</Table.Th>
              <Table.Th>{t('volunteers.screenedOn')}</Table.Th>
              <Table.Th>{t('volunteers.trainedOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  {v.familyName} {v.givenName}
                </Table.Td>
                <Table.Td>{v.email}</Table.Td>
                <Table.Td>{v.screenedOn ? formatDate(v.screenedOn) : ''}</Table.Td>
                <Table.Td>{v.trainedOn ? formatDate(v.trainedOn) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
