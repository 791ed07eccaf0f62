import { Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ContractView, contractInput, contractKinds } from '../../../shared/contracts/agreements';
import { formatDate, formatNumber } from '../../../shared/i18n';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';

type ContractValues = {
  counterparty: string;
  number: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  service: string;
  quotaFamilies: number | string;
  budgetProgramme: string;
  projectId: string;
};

function ContractForm({ contract, close }: { contract: ContractView | null; close: () => void }) {
  const { t } = useI18n();
  const projects =
    useQuery({
      queryKey: ['projects'],
      queryFn: () => api<{ projects: { id: string; code: string }[] }>('GET', '/api/projects'),
    }).data?.projects ?? [];
  const kindOptions = useOptions(contractKinds, 'contracts.kind');
  const body = (values: ContractValues) => ({
    ...values,
    projectId: values.projectId || null,
    endsOn: values.endsOn || null,
    quotaFamilies: values.quotaFamilies === '' ? null : Number(values.quotaFamilies),
  });
  const form = useEntryForm<ContractValues>({
    initialValues: {
      counterparty: contract?.counterparty ?? '',
      number: contract?.number ?? '',
      kind: contract?.kind ?? 'delegation',
      startsOn: contract?.startsOn ?? '',
      endsOn: contract?.endsOn ?? '',
      service: contract?.service ?? '',
      quotaFamilies: contract?.quotaFamilies ?? '',
      budgetProgramme: contract?.budgetProgramme ?? '',
      projectId: contract?.projectId ?? '',
    },
    contract: contractInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: ContractValues) =>
      contract
        ? api('PUT', `/api/contracts/${contract.id}`, body(values))
        : api('POST', '/api/contracts', body(values)),
    invalidates: () => [['contracts']],
    saved: t('contracts.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save} submitLabel={contract ? t('common.save') : t('common.create')}>
      <TextInput label={t('contracts.counterparty')} {...form.getInputProps('counterparty')} />
      <Group grow align="flex-start">
        <TextInput label={t('contracts.number')} {...form.getInputProps('number')} />
        <Select
          label={t('contracts.kind')}
          data={kindOptions}
          {...form.getInputProps('kind')}
          allowDeselect={false}
        />
      </Group>
      <Group grow align="flex-start">
        <DateField label={t('projects.startsOn')} {...form.getInputProps('startsOn')} />
        <DateField label={t('projects.endsOn')} {...form.getInputProps('endsOn')} />
      </Group>
      <TextInput label={t('contracts.service')} {...form.getInputProps('service')} />
      <Group grow align="flex-start">
        <NumberInput label={t('contracts.quota')} {...form.getInputProps('quotaFamilies')} min={1} />
        <TextInput label={t('contracts.budgetProgramme')} {...form.getInputProps('budgetProgramme')} />
      </Group>
      <Select
        label={t('contracts.project')}
        data={[{ value: '', label: '—' }, ...projects.map((p) => ({ value: p.id, label: p.code }))]}
        {...form.getInputProps('projectId')}
        allowDeselect={false}
      />
    </EntryForm>
  );
}

export function ContractsPage() {
  const { t, language } = useI18n();
  const perms = useMe().data?.permissions ?? [];
  const canEdit = perms.includes('projects.manage') || perms.includes('finance.manage');
  const list =
    useQuery({
      queryKey: ['contracts'],
      queryFn: () => api<{ contracts: ContractView[] }>('GET', '/api/contracts'),
    }).data?.contracts ?? [];
  return (
    <Stack>
      <PageHeader title={t('contracts.title')}>
        {canEdit && (
          <ModalButton
            label={t('contracts.new')}
            title={t('contracts.new')}
            buttonProps={{ variant: 'filled', size: 'sm' }}
            size="lg"
          >
            {(close) => <ContractForm contract={null} close={close} />}
          </ModalButton>
        )}
      </PageHeader>
      {list.length === 0 ? (
        <Text>{t('contracts.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contracts.counterparty')}</Table.Th>
                <Table.Th>{t('contracts.number')}</Table.Th>
                <Table.Th>{t('projects.period')}</Table.Th>
                <Table.Th>{t('contracts.service')}</Table.Th>
                <Table.Th ta="right">{t('contracts.quota')}</Table.Th>
                <Table.Th ta="right">{t('contracts.linkedCases')}</Table.Th>
                {canEdit && (
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.counterparty}</Table.Td>
                  <Table.Td>{c.number}</Table.Td>
                  <Table.Td>
                    {formatDate(c.startsOn)} – {c.endsOn ? formatDate(c.endsOn) : ''}
                  </Table.Td>
                  <Table.Td>
                    {c.service}
                    {c.budgetProgramme ? <Text size="xs">{c.budgetProgramme}</Text> : null}
                  </Table.Td>
                  <Table.Td ta="right">
                    {c.quotaFamilies === null ? '' : formatNumber(c.quotaFamilies, language)}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(c.linkedCases, language)}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <ModalButton
                        label={t('common.edit')}
                        title={t('contracts.edit')}
                        ariaLabel={`${t('common.edit')}: ${c.number}`}
                        size="lg"
                      >
                        {(close) => <ContractForm contract={c} close={close} />}
                      </ModalButton>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
