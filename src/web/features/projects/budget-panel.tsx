import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type BudgetView, budgetInput, type ProjectView } from '../../../shared/contracts/projects';
import { formatMoney, formatNumber, formatPercent } from '../../../shared/i18n';
import { fundingSourceTypes } from '../../../shared/indicators';
import { api } from '../../api';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { RowsEditor, rowKey } from '../../components/rows-editor';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { projectKeys } from './keys';
import { ExpenditureForm, money, toCents } from './money-records';
import { LogHoursForm } from './volunteer-hours-form';

type BudgetValues = {
  declared: number | string;
  required: number | string;
  countsInKind: boolean;
  rate: number | string;
  lines: { key: number; id?: string; category: string; amount: number | string }[];
  sources: { key: number; id?: string; type: string; name: string; amount: number | string }[];
};

/** Where the request's fields (in cents and shares) are in the form (in euro and per cent). */
const budgetField = (field: string) =>
  field
    .replace(/^declaredTotalCents$/, 'declared')
    .replace(/^cofinancingRequiredShare$/, 'required')
    .replace(/^volunteerHourlyRateCents$/, 'rate')
    .replace(/^lines\.(\d+)\.plannedCents$/, 'lines.$1.amount')
    .replace(/^sources\.(\d+)\.amountCents$/, 'sources.$1.amount');

/** The budget as entered: published total, co-financing rule, lines and sources (amounts in euro). */
function BudgetForm({ project, close }: { project: ProjectView; close: () => void }) {
  const { t } = useI18n();
  const b = project.budget;
  const typeOptions = useOptions(fundingSourceTypes, 'source');
  const body = (values: BudgetValues) => ({
    declaredTotalCents: values.declared === '' ? null : toCents(values.declared),
    cofinancingRequiredShare: values.required === '' ? null : Number(values.required) / 100,
    cofinancingCountsInKind: values.countsInKind,
    volunteerHourlyRateCents: values.rate === '' ? null : toCents(values.rate),
    lines: values.lines.map((l) => ({ id: l.id, category: l.category, plannedCents: toCents(l.amount) })),
    sources: values.sources.map((s) => ({
      id: s.id,
      type: s.type,
      name: s.name,
      amountCents: toCents(s.amount),
    })),
    version: b.version,
  });
  const form = useEntryForm<BudgetValues>({
    initialValues: {
      declared: b.declaredTotalCents === null ? '' : b.declaredTotalCents / 100,
      required: b.coFinancing.requiredShare === null ? '' : b.coFinancing.requiredShare * 100,
      countsInKind: b.coFinancing.countsInKind,
      rate: b.volunteerHourlyRateCents === null ? '' : b.volunteerHourlyRateCents / 100,
      lines: b.lines.map((l) => ({
        key: rowKey(),
        id: l.id,
        category: l.category,
        amount: l.plannedCents / 100,
      })),
      sources: b.sources.map((s) => ({
        key: rowKey(),
        id: s.id,
        type: s.type,
        name: s.name,
        amount: s.amountCents / 100,
      })),
    },
    contract: budgetInput,
    toBody: body,
    fieldOf: budgetField,
  });
  const save = useSave({
    form,
    send: (values: BudgetValues) => api('PUT', `/api/projects/${project.id}/budget`, body(values)),
    invalidates: () => [projectKeys.one(project.id)],
    saved: t('budget.saved'),
    onSaved: close,
  });
  const error = (field: string) => form.errors[field];
  return (
    <EntryForm form={form} save={save}>
      <Group grow align="flex-start">
        <NumberInput
          label={`${t('budget.declaredTotal')}, €`}
          {...form.getInputProps('declared')}
          {...money}
        />
        <NumberInput
          label={t('budget.requiredShare')}
          {...form.getInputProps('required')}
          min={0}
          max={100}
          decimalSeparator=","
        />
      </Group>
      <Group grow align="flex-end">
        <Checkbox
          label={t('budget.countsInKind')}
          {...form.getInputProps('countsInKind', { type: 'checkbox' })}
        />
        <NumberInput label={t('budget.hourlyRate')} {...form.getInputProps('rate')} {...money} />
      </Group>
      <Title order={3} size="h5">
        {t('budget.sources')}
      </Title>
      <RowsEditor
        rows={form.values.sources}
        onChange={(sources) => form.setFieldValue('sources', sources)}
        newRow={() => ({ id: undefined, type: 'grant', name: '', amount: '' })}
        addLabel={t('budget.addSource')}
        rowLabel={(index) => `${t('budget.sourceType')} ${index + 1}`}
      >
        {(source, index, update) => (
          <>
            <Select
              label={`${t('budget.sourceType')} ${index + 1}`}
              data={typeOptions}
              value={source.type}
              onChange={(v) => update({ type: v ?? 'other' })}
              allowDeselect={false}
            />
            <TextInput
              label={t('budget.sourceName')}
              value={source.name}
              onChange={(e) => update({ name: e.currentTarget.value })}
              error={error(`sources.${index}.name`)}
            />
            <NumberInput
              label={t('budget.amount')}
              value={source.amount}
              onChange={(amount) => update({ amount })}
              error={error(`sources.${index}.amount`)}
              {...money}
            />
          </>
        )}
      </RowsEditor>
      <Title order={3} size="h5">
        {t('budget.lines')}
      </Title>
      <RowsEditor
        rows={form.values.lines}
        onChange={(lines) => form.setFieldValue('lines', lines)}
        newRow={() => ({ id: undefined, category: '', amount: '' })}
        addLabel={t('budget.addLine')}
        rowLabel={(index) => `${t('budget.category')} ${index + 1}`}
      >
        {(line, index, update) => (
          <>
            <TextInput
              label={`${t('budget.category')} ${index + 1}`}
              value={line.category}
              onChange={(e) => update({ category: e.currentTarget.value })}
              error={error(`lines.${index}.category`)}
            />
            <NumberInput
              label={t('budget.amount')}
              value={line.amount}
              onChange={(amount) => update({ amount })}
              error={error(`lines.${index}.amount`)}
              {...money}
            />
          </>
        )}
      </RowsEditor>
    </EntryForm>
  );
}

/** Money on the project page: totals, inconsistencies, co-financing, lines and sources with a chart. */
export function BudgetPanel({ project, canEdit }: { project: ProjectView; canEdit: boolean }) {
  const { t, language } = useI18n();
  const b: BudgetView = project.budget;
  const m = (cents: number) => formatMoney(cents, language);
  const rule = b.coFinancing;
  return (
    <Panel
      title={t('budget.title')}
      actions={
        canEdit && (
          <Group>
            <ModalButton
              label={t('budget.edit')}
              title={t('budget.edit')}
              buttonProps={{ variant: 'default', size: 'sm' }}
              size="xl"
            >
              {(close) => <BudgetForm project={project} close={close} />}
            </ModalButton>
            <ModalButton
              label={t('volunteers.logHours')}
              title={t('volunteers.logHours')}
              buttonProps={{ variant: 'default', size: 'sm' }}
            >
              {(close) => <LogHoursForm projectId={project.id} close={close} />}
            </ModalButton>
            {b.lines.length > 0 && (
              <ModalButton
                label={t('budget.expenditure')}
                title={t('budget.expenditure')}
                buttonProps={{ variant: 'default', size: 'sm' }}
              >
                {(close) => <ExpenditureForm project={project} close={close} />}
              </ModalButton>
            )}
          </Group>
        )
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 4 }} mb="sm">
        <Stack gap={0}>
          <Text size="sm">{t('budget.declaredTotal')}</Text>
          <Text fw={700}>{b.declaredTotalCents === null ? '—' : m(b.declaredTotalCents)}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="sm">{t('budget.computedTotal')}</Text>
          <Text fw={700}>{m(b.computedTotalCents)}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="sm">{t('budget.spent')}</Text>
          <Text fw={700}>{m(b.spentCents)}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="sm">{t('budget.cofinancing')}</Text>
          <Group gap="xs">
            <Text fw={700}>{rule.share === null ? '—' : formatPercent(rule.share, language)}</Text>
            {rule.met === null ? (
              <Text size="xs">{t('budget.noRule')}</Text>
            ) : (
              <Badge color={rule.met ? 'teal.9' : 'red.9'} variant="filled">
                {rule.met ? t('budget.ruleMet') : t('budget.ruleNotMet')} (
                {formatPercent(rule.requiredShare ?? 0, language)})
              </Badge>
            )}
          </Group>
        </Stack>
      </SimpleGrid>
      {b.volunteerWork.hours > 0 && (
        <Text size="sm" mb="sm">
          {t('budget.volunteerWork', {
            hours: formatNumber(b.volunteerWork.hours, language),
            value: m(b.volunteerWork.valueCents),
          })}
        </Text>
      )}
      {b.inconsistencies.length > 0 ? (
        <Alert color="orange.9" title={t('budget.inconsistencies')} mb="sm">
          {b.inconsistencies.map((i) => (
            <Text size="sm" key={i.code + i.message}>
              {i.message}
            </Text>
          ))}
        </Alert>
      ) : (
        b.sources.length > 0 && (
          <Text size="sm" mb="sm">
            {t('budget.consistent')}
          </Text>
        )
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('budget.sources')}</Table.Th>
              <Table.Th ta="right">{t('budget.planned')}</Table.Th>
              <Table.Th ta="right">{t('budget.spent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {b.sources.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.name}{' '}
                  <Text span size="xs">
                    ({t(`source.${s.type}`)})
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{m(s.amountCents)}</Table.Td>
                <Table.Td ta="right">{m(s.spentCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('budget.lines')}</Table.Th>
              <Table.Th ta="right">{t('budget.planned')}</Table.Th>
              <Table.Th ta="right">{t('budget.spent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {b.lines.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.category}</Table.Td>
                <Table.Td ta="right">{m(l.plannedCents)}</Table.Td>
                <Table.Td ta="right">{m(l.spentCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
      {b.lines.length > 0 && (
        <Stack mt="md" gap="xs">
          <Title order={3} size="h5">
            {t('budget.chartTitle')}
          </Title>
          <BarChart
            h={240}
            data={b.lines.map((l) => ({
              line: l.category,
              planned: l.plannedCents / 100,
              spent: l.spentCents / 100,
            }))}
            dataKey="line"
            series={[
              { name: 'planned', label: t('budget.planned'), color: 'indigo.6' },
              { name: 'spent', label: t('budget.spent'), color: 'teal.6' },
            ]}
            valueFormatter={(value) => formatMoney(Math.round(value * 100), language)}
            withLegend
          />
        </Stack>
      )}
    </Panel>
  );
}
