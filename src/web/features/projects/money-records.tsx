import { NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  type ExpenditureView,
  expenditureCorrection,
  expenditureInput,
  type ProjectView,
  type VolunteerHoursView,
} from '../../../shared/contracts/projects';
import { formatDate, formatMoney, formatNumber, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { Panel } from '../../components/panel';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { projectKeys } from './keys';
import { LogHoursForm } from './volunteer-hours-form';

export const toCents = (euro: number | string) => Math.round(Number(euro) * 100);
export const money = { decimalSeparator: ',', thousandSeparator: ' ', decimalScale: 2, min: 0 } as const;

/*
 * The money and volunteer hours recorded on a project, one row each, corrected or voided where they were
 * recorded wrongly: a voided row stays, struck through, and counts in no sum.
 */

type SpendingValues = {
  budgetLineId: string;
  fundingSourceId: string;
  spentOn: string;
  amount: number | string;
  description: string;
  reason: string;
};

/** Records money spent, or corrects a record of it (`editing`), with the version read and a reason. */
export function ExpenditureForm({
  project,
  close,
  editing,
}: {
  project: ProjectView;
  close: () => void;
  editing?: ExpenditureView;
}) {
  const { t } = useI18n();
  const body = (values: SpendingValues) => ({
    budgetLineId: values.budgetLineId,
    fundingSourceId: values.fundingSourceId || null,
    spentOn: values.spentOn,
    amountCents: toCents(values.amount),
    description: values.description,
    ...(editing ? { version: editing.version, reason: values.reason } : {}),
  });
  const form = useEntryForm<SpendingValues>({
    initialValues: {
      budgetLineId: editing?.budgetLineId ?? project.budget.lines[0]?.id ?? '',
      fundingSourceId: editing?.fundingSourceId ?? '',
      spentOn: editing?.spentOn ?? toIsoDate(new Date()),
      amount: editing ? editing.amountCents / 100 : '',
      description: editing?.description ?? '',
      reason: '',
    },
    contract: editing ? expenditureCorrection : expenditureInput,
    toBody: body,
    fieldOf: { amountCents: 'amount' },
  });
  const url = `/api/projects/${project.id}/expenditures`;
  const save = useSave({
    form,
    send: (values: SpendingValues) =>
      editing ? api('PATCH', `${url}/${editing.id}`, body(values)) : api('POST', url, body(values)),
    invalidates: () => [projectKeys.one(project.id)],
    saved: t(editing ? 'record.corrected' : 'budget.spendingSaved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <Select
        label={t('budget.category')}
        data={project.budget.lines.map((l) => ({ value: l.id, label: l.category }))}
        {...form.getInputProps('budgetLineId')}
        allowDeselect={false}
      />
      <Select
        label={t('budget.source')}
        data={[
          { value: '', label: '—' },
          ...project.budget.sources.map((s) => ({ value: s.id, label: s.name })),
        ]}
        {...form.getInputProps('fundingSourceId')}
        allowDeselect={false}
      />
      <DateField label={t('budget.spentOn')} {...form.getInputProps('spentOn')} />
      <NumberInput label={t('budget.amount')} {...form.getInputProps('amount')} {...money} />
      <TextInput label={t('budget.description')} {...form.getInputProps('description')} />
      {editing && <ReasonField {...form.getInputProps('reason')} />}
    </EntryForm>
  );
}

/** Expenditures and volunteer hours of a project, with correcting and voiding for those who keep them. */
export function MoneyRecordsPanel({ project, canEdit }: { project: ProjectView; canEdit: boolean }) {
  const { t, language } = useI18n();
  const spending = useQuery({
    queryKey: projectKeys.part(project.id, 'expenditures'),
    queryFn: () =>
      api<{ expenditures: ExpenditureView[] }>('GET', `/api/projects/${project.id}/expenditures`),
  });
  const hours = useQuery({
    queryKey: projectKeys.part(project.id, 'volunteer-hours'),
    queryFn: () => api<{ hours: VolunteerHoursView[] }>('GET', `/api/projects/${project.id}/volunteer-hours`),
    enabled: canEdit,
  });
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
                      invalidates={[projectKeys.one(project.id)]}
                    >
                      {(close) => <ExpenditureForm project={project} close={close} editing={e} />}
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
                    {h.fromMeeting ? ` · ${t('money.fromMeeting')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td w={1}>
                  {canEdit && !h.voided && !h.fromMeeting && (
                    <CorrectionActions
                      title={t('money.correctHours')}
                      subject={`${formatDate(h.workedOn)} ${h.volunteerName}`}
                      voidUrl={`/api/projects/${project.id}/volunteer-hours/${h.id}/void`}
                      version={h.version}
                      invalidates={[projectKeys.one(project.id)]}
                    >
                      {(close) => <LogHoursForm projectId={project.id} close={close} editing={h} />}
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
