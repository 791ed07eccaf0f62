import { Button, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ContractView, contractKinds } from '../../shared/contracts/agreements';
import { formatDate, formatNumber } from '../../shared/i18n';
import { api } from '../api';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { useOptions } from '../components/labels';
import { ModalButton } from '../components/modal-button';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import { useMe } from '../session';

function ContractForm({ contract, close }: { contract: ContractView | null; close: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    counterparty: contract?.counterparty ?? '',
    number: contract?.number ?? '',
    kind: contract?.kind ?? 'delegation',
    startsOn: contract?.startsOn ?? '',
    endsOn: contract?.endsOn ?? '',
    service: contract?.service ?? '',
    quotaFamilies: (contract?.quotaFamilies ?? '') as number | string,
    budgetProgramme: contract?.budgetProgramme ?? '',
    projectId: contract?.projectId ?? '',
  });
  const projects =
    useQuery({
      queryKey: ['projects'],
      queryFn: () => api<{ projects: { id: string; code: string }[] }>('GET', '/api/projects'),
    }).data?.projects ?? [];
  const failure = useApiError();
  const kindOptions = useOptions(contractKinds, 'contracts.kind');
  const save = async () => {
    const body = {
      ...draft,
      projectId: draft.projectId || null,
      endsOn: draft.endsOn || null,
      quotaFamilies: draft.quotaFamilies === '' ? null : Number(draft.quotaFamilies),
    };
    const ok = await failure.run(() =>
      contract ? api('PUT', `/api/contracts/${contract.id}`, body) : api('POST', '/api/contracts', body),
    );
    if (!ok) return;
    await queryClient.invalidateQueries({ queryKey: ['contracts'] });
    close();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <TextInput
        label={t('contracts.counterparty')}
        value={draft.counterparty}
        onChange={(e) => setDraft({ ...draft, counterparty: e.currentTarget.value })}
        error={failure.field('counterparty')}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('contracts.number')}
          value={draft.number}
          onChange={(e) => setDraft({ ...draft, number: e.currentTarget.value })}
          error={failure.field('number')}
        />
        <Select
          label={t('contracts.kind')}
          data={kindOptions}
          value={draft.kind}
          onChange={(v) => setDraft({ ...draft, kind: (v ?? 'delegation') as typeof draft.kind })}
          allowDeselect={false}
        />
      </Group>
      <Group grow align="flex-start">
        <DateField
          label={t('projects.startsOn')}
          value={draft.startsOn}
          onChange={(startsOn) => setDraft({ ...draft, startsOn })}
          error={failure.field('startsOn')}
        />
        <DateField
          label={t('projects.endsOn')}
          value={draft.endsOn}
          onChange={(endsOn) => setDraft({ ...draft, endsOn })}
          error={failure.field('endsOn')}
        />
      </Group>
      <TextInput
        label={t('contracts.service')}
        value={draft.service}
        onChange={(e) => setDraft({ ...draft, service: e.currentTarget.value })}
      />
      <Group grow align="flex-start">
        <NumberInput
          label={t('contracts.quota')}
          value={draft.quotaFamilies}
          onChange={(quotaFamilies) => setDraft({ ...draft, quotaFamilies })}
          min={1}
          error={failure.field('quotaFamilies')}
        />
        <TextInput
          label={t('contracts.budgetProgramme')}
          value={draft.budgetProgramme}
          onChange={(e) => setDraft({ ...draft, budgetProgramme: e.currentTarget.value })}
        />
      </Group>
      <Select
        label={t('contracts.project')}
        data={[{ value: '', label: '—' }, ...projects.map((p) => ({ value: p.id, label: p.code }))]}
        value={draft.projectId}
        onChange={(v) => setDraft({ ...draft, projectId: v ?? '' })}
        error={failure.field('projectId')}
        allowDeselect={false}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {contract ? t('common.save') : t('common.create')}
      </Button>
    </Stack>
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
