import { Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { institutionTypes } from '../../../shared/activities';
import type { InstitutionView } from '../../../shared/contracts/activities';
import { institutionInput } from '../../../shared/contracts/activities';
import { api } from '../../api';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { institutionsQuery } from '../../queries';

type InstitutionValues = {
  type: string;
  name: string;
  address: string;
  contactPerson: string;
  contactPhone: string;
  contactEmail: string;
};

/** Adds a partner institution, or edits one (`editing`) at the version shown. */
function InstitutionForm({ close, editing }: { close: () => void; editing?: InstitutionView }) {
  const { t } = useI18n();
  const typeOptions = useOptions(institutionTypes, 'institutionType');
  const form = useEntryForm<InstitutionValues>({
    initialValues: editing
      ? {
          type: editing.type,
          name: editing.name,
          address: editing.address,
          contactPerson: editing.contactPerson,
          contactPhone: editing.contactPhone,
          contactEmail: editing.contactEmail,
        }
      : {
          type: 'kindergarten',
          name: '',
          address: '',
          contactPerson: '',
          contactPhone: '',
          contactEmail: '',
        },
    contract: institutionInput,
  });
  const save = useSave({
    form,
    send: (values: InstitutionValues) =>
      editing
        ? api('PUT', `/api/institutions/${editing.id}`, { ...values, version: editing.version })
        : api('POST', '/api/institutions', values),
    invalidates: () => [institutionsQuery.queryKey],
    saved: editing ? t('institutions.edited') : t('institutions.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save} submitLabel={editing ? t('common.save') : t('common.create')}>
      <Select
        label={t('institutions.type')}
        data={typeOptions}
        {...form.getInputProps('type')}
        allowDeselect={false}
      />
      <TextInput label={t('institutions.name')} {...form.getInputProps('name')} />
      <TextInput label={t('institutions.address')} {...form.getInputProps('address')} />
      <TextInput label={t('institutions.contact')} {...form.getInputProps('contactPerson')} />
      <TextInput label={t('person.phone')} {...form.getInputProps('contactPhone')} />
      <TextInput label={t('person.email')} {...form.getInputProps('contactEmail')} />
    </EntryForm>
  );
}

export function InstitutionsPage() {
  const { t } = useI18n();
  const data = useQuery(institutionsQuery).data;
  const list = data?.institutions ?? [];
  const abilities = data?.abilities ?? { edit: false };
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
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.name}</Table.Td>
                <Table.Td>{t(`institutionType.${i.type}`)}</Table.Td>
                <Table.Td>{i.address}</Table.Td>
                <Table.Td>{i.contactPerson}</Table.Td>
                <Table.Td>
                  {abilities.edit && (
                    <ModalButton
                      label={t('common.edit')}
                      title={`${t('common.edit')}: ${i.name}`}
                      ariaLabel={`${t('common.edit')}: ${i.name}`}
                      buttonProps={{ size: 'xs', variant: 'default' }}
                    >
                      {(close) => <InstitutionForm close={close} editing={i} />}
                    </ModalButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
