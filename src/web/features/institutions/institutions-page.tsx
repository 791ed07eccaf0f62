import { Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { institutionTypes } from '../../../shared/activities';
import { institutionInput } from '../../../shared/contracts/activities';
import { api } from '../../api';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { institutionsQuery } from '../../queries';

type InstitutionValues = { type: string; name: string; address: string; contactPerson: string };

function InstitutionForm({ close }: { close: () => void }) {
  const { t } = useI18n();
  const typeOptions = useOptions(institutionTypes, 'institutionType');
  const form = useEntryForm<InstitutionValues>({
    initialValues: { type: 'kindergarten', name: '', address: '', contactPerson: '' },
    contract: institutionInput,
  });
  const save = useSave({
    form,
    send: (values: InstitutionValues) => api('POST', '/api/institutions', values),
    invalidates: () => [institutionsQuery.queryKey],
    saved: t('institutions.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save} submitLabel={t('common.create')}>
      <Select
        label={t('institutions.type')}
        data={typeOptions}
        {...form.getInputProps('type')}
        allowDeselect={false}
      />
      <TextInput label={t('institutions.name')} {...form.getInputProps('name')} />
      <TextInput label={t('institutions.address')} {...form.getInputProps('address')} />
      <TextInput label={t('institutions.contact')} {...form.getInputProps('contactPerson')} />
    </EntryForm>
  );
}

export function InstitutionsPage() {
  const { t } = useI18n();
  const list = useQuery(institutionsQuery).data?.institutions ?? [];
  return (
    <Stack>
      <PageHeader title={t('institutions.title')}>
        <ModalButton
          label={t('institutions.new')}
          title={t('institutions.new')}
          buttonProps={{ variant: 'filled', size: 'sm' }}
        >
          {(close) => <InstitutionForm close={close} />}
        </ModalButton>
      </PageHeader>
      {list.length === 0 ? (
        <Text>{t('institutions.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('institutions.name')}</Table.Th>
              <Table.Th>{t('institutions.type')}</Table.Th>
              <Table.Th>{t('institutions.address')}</Table.Th>
              <Table.Th>{t('institutions.contact')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.name}</Table.Td>
                <Table.Td>{t(`institutionType.${i.type}`)}</Table.Td>
                <Table.Td>{i.address}</Table.Td>
                <Table.Td>{i.contactPerson}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
