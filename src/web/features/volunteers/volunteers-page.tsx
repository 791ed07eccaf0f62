import { Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { volunteerInput } from '../../../shared/contracts/projects';
import { formatDate } from '../../../shared/i18n';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { volunteersQuery } from '../../queries';

type VolunteerValues = {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  screenedOn: string;
  trainedOn: string;
};

function VolunteerForm({ close }: { close: () => void }) {
  const { t } = useI18n();
  const body = (values: VolunteerValues) => ({
    ...values,
    screenedOn: values.screenedOn || null,
    trainedOn: values.trainedOn || null,
  });
  const form = useEntryForm<VolunteerValues>({
    initialValues: { givenName: '', familyName: '', email: '', phone: '', screenedOn: '', trainedOn: '' },
    contract: volunteerInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: VolunteerValues) => api('POST', '/api/volunteers', body(values)),
    invalidates: () => [volunteersQuery.queryKey],
    saved: t('volunteers.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save} submitLabel={t('common.create')}>
      <Group grow align="flex-start">
        <TextInput label={t('person.givenName')} {...form.getInputProps('givenName')} />
        <TextInput label={t('person.familyName')} {...form.getInputProps('familyName')} />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t('person.email')} {...form.getInputProps('email')} />
        <TextInput label={t('person.phone')} {...form.getInputProps('phone')} />
      </Group>
      <Group grow align="flex-start">
        <DateField label={t('volunteers.screenedOn')} {...form.getInputProps('screenedOn')} />
        <DateField label={t('volunteers.trainedOn')} {...form.getInputProps('trainedOn')} />
      </Group>
    </EntryForm>
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
