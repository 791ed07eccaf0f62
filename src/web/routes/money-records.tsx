import { Button, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ExpenditureView, ProjectView, VolunteerHoursView } from '../../shared/contracts/projects';
import { formatDate, formatMoney, formatNumber, toIsoDate } from '../../shared/i18n';
import { api } from '../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../components/corrections';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { Panel } from '../components/panel';
import { useI18n } from '../i18n';
import { LogHoursForm } from './volunteers';

export const toCents = (euro: number | string) => Math.round(Number(euro) * 100);
export const money = { decimalSeparator: ',', thousandSeparator: ' ', decimalScale: 2, min: 0 } as const;

/*
 * The money and volunteer hours recorded on a project, one row each, corrected or voided where they were
 * recorded wrongly: a voided row stays, struck through, and counts in no sum.
 */

/** Records money spent, or corrects a record of it (`editing`), with the version read and a reason. */
export function ExpenditureForm({
  project,
  close,
  onDone,
  editing,
}: {
  project: ProjectView;
  close: () => void;
  onDone: () => void;
  editing?: ExpenditureView;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({
    budgetLineId: editing?.budgetLineId ?? project.budget.lines[0]?.id ?? '',
    fundingSourceId: editing?.fundingSourceId ?? '',
    spentOn: editing?.spentOn ?? toIsoDate(new Date()),
    amount: (editing ? editing.amountCents / 100 : '') as number | string,
    description: editing?.description ?? '',
  });
  const [reason, setReason] = useState('');
  const failure = useApiError();
  const save = async () => {
    const body = {
      budgetLineId: draft.budgetLineId,
      fundingSourceId: draft.fundingSourceId || null,
      spentOn: draft.spentOn,
      amountCents: toCents(draft.amount),
      description: draft.description,
    };
    const url = `/api/projects/${project.id}/expenditures`;
    const send = () =>
      editing
        ? api('PATCH', `${url}/${editing.id}`, { ...body, version: editing.version, reason })
        : api('POST', url, body);
    if (await failure.run(send)) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Select
        label={t('budget.category')}
        data={project.budget.lines.map((l) => ({ value: l.id, label: l.category }))}
        value={draft.budgetLineId}
        onChange={(v) => setDraft({ ...draft, budgetLineId: v ?? '' })}
        error={failure.field('budgetLineId')}
        allowDeselect={false}
      />
      <Select
        label={t('budget.source')}
        data={[
          { value: '', label: '—' },
          ...project.budget.sources.map((s) => ({ value: s.id, label: s.name })),
        ]}
        value={draft.fundingSourceId}
        onChange={(v) => setDraft({ ...draft, fundingSourceId: v ?? '' })}
        allowDeselect={false}
      />
      <DateField
        label={t('budget.spentOn')}
        value={draft.spentOn}
        onChange={(spentOn) => setDraft({ ...draft, spentOn })}
        error={failure.field('spentOn')}
      />
      <NumberInput
        label={t('budget.amount')}
        value={draft.amount}
        onChange={(amount) => setDraft({ ...draft, amount })}
        {...money}
        error={failure.field('amountCents')}
      />
      <TextInput
        label={t('budget.description')}
        value={draft.description}
        onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
      />
      {editing && (
        <ReasonField
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={failure.field('reason')}
        />
      )}
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

/** Expenditures and volunteer hours of a project, with correcting and voiding for those who keep them. */
export function MoneyRecordsPanel({
  project,
  canEdit,
  onChange,
}: {
  project: ProjectView;
  canEdit: boolean;
  onChange: () => void;
}) {
  const { t, language } = useI18n();
  const spending = useQuery({
    queryKey: ['expenditures', project.id],
    queryFn: () =>
      api<{ expenditures: ExpenditureView[] }>('GET', `/api/projects/${project.id}/expenditures`),
  });
  const hours = useQuery({
    queryKey: ['volunteer-hours', project.id],
    queryFn: () => api<{ hours: VolunteerHoursView[] }>('GET', `/api/projects/${project.id}/volunteer-hours`),
    enabled: canEdit,
  });
  const changed = () => {
    spending.refetch();
    hours.refetch();
    onChange();
  };
  const expenditures = spending.data?.expenditures ?? [];
  const logged = hours.data?.hours ?? [];
  if (expenditures.length === 0 && logged.length === 0) return null;
  return (
    <Panel title={t('money.records')}>
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Tbody>
            {expenditures.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td w={110}>{formatDate(e.spentOn)}</Table.Td>
                <Table.Td style={e.voided ? { opacity: 0.7 } : undefined}>
                  <VoidedNote voided={e.voided} />
                  <Text size="sm" td={e.voided ? 'line-through' : undefined}>
                    {e.category}: {formatMoney(e.amountCents, language)}
                    {e.description ? ` · ${e.description}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td w={1}>
                  {canEdit && !e.voided && (
                    <CorrectionActions
                      title={t('money.correctExpenditure')}
                      subject={`${formatDate(e.spentOn)} ${e.category}`}
                      voidUrl={`/api/projects/${project.id}/expenditures/${e.id}/void`}
                      version={e.version}
                      onVoided={changed}
                    >
                      {(close) => (
                        <ExpenditureForm project={project} close={close} onDone={changed} editing={e} />
                      )}
                    </CorrectionActions>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {logged.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td w={110}>{formatDate(h.workedOn)}</Table.Td>
                <Table.Td style={h.voided ? { opacity: 0.7 } : undefined}>
                  <VoidedNote voided={h.voided} />
                  <Text size="sm" td={h.voided ? 'line-through' : undefined}>
                    {t('money.hours', { name: h.volunteerName, hours: formatNumber(h.hours, language) })}
                    {h.description ? ` · ${h.description}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td w={1}>
                  {canEdit && !h.voided && (
                    <CorrectionActions
                      title={t('money.correctHours')}
                      subject={`${formatDate(h.workedOn)} ${h.volunteerName}`}
                      voidUrl={`/api/projects/${project.id}/volunteer-hours/${h.id}/void`}
                      version={h.version}
                      onVoided={changed}
                    >
                      {(close) => (
                        <LogHoursForm projectId={project.id} close={close} onDone={changed} editing={h} />
                      )}
                    </CorrectionActions>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Panel>
  );
}
