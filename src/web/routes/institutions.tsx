import { Button, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type InstitutionType, institutionTypes } from '../../shared/activities';
import { api } from '../api';
import { FormError, useApiError } from '../components/form-error';
import { useOptions } from '../components/labels';
import { ModalButton } from '../components/modal-button';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import { institutionsQuery } from '../queries';

function InstitutionForm({ close }: { close: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    type: 'kindergarten' as InstitutionType,
    name: '',
    address: '',
    contactPerson: '',
  });
  const failure = useApiError();
  const typeOptions = useOptions(institutionTypes, 'institutionType');
  const save = async () => {
    if (!(await failure.run(() => api('POST', '/api/institutions', draft)))) return;
    await queryClient.invalidateQueries({ queryKey: institutionsQuery.queryKey });
    close();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Select
        label={t('institutions.type')}
        data={typeOptions}
        value={draft.type}
        onChange={(v) => setDraft({ ...draft, type: (v ?? 'other') as InstitutionType })}
        allowDeselect={false}
      />
      <TextInput
        label={t('institutions.name')}
        value={draft.name}
        onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        error={failure.field('name')}
      />
      <TextInput
        label={t('institutions.address')}
        value={draft.address}
        onChange={(e) => setDraft({ ...draft, address: e.currentTarget.value })}
      />
      <TextInput
        label={t('institutions.contact')}
        value={draft.contactPerson}
        onChange={(e) => setDraft({ ...draft, contactPerson: e.currentTarget.value })}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.create')}
      </Button>
    </Stack>
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
