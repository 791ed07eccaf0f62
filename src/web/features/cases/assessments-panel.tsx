import { BarChart } from '@mantine/charts';
import { Group, Radio, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import {
  type AssessmentView,
  assessmentCorrection,
  assessmentInput,
  assessmentPhases,
  type CaseAssessments,
  type InstrumentView,
} from '../../../shared/contracts/assessments';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { caseKeys, useCaseList } from './keys';

const instrumentsQuery = {
  queryKey: ['assessment-instruments'],
  queryFn: () => api<{ instruments: InstrumentView[] }>('GET', '/api/assessment-instruments'),
};

export function useAssessments(caseId: string) {
  return useCaseList<CaseAssessments>(caseId, 'assessments');
}

/**
 * One row per domain with the scale as radio buttons (labels as their names), one click each. Correcting
 * an assessment (`editing`) shows its scores, keeps its instrument, and sends the version and a reason.
 */
type AssessmentValues = {
  instrumentId: string;
  phase: string;
  assessedOn: string;
  notes: string;
  /** The score chosen per domain key, as the radio buttons hold it. */
  scores: Record<string, string>;
  reason: string;
};

function AssessmentForm({
  caseId,
  hasIntake,
  close,
  editing,
}: {
  caseId: string;
  hasIntake: boolean;
  close: () => void;
  editing?: AssessmentView;
}) {
  const { t, language } = useI18n();
  const instruments = useQuery(instrumentsQuery).data?.instruments ?? [];
  const phases = useOptions(assessmentPhases, 'phase');
  const instrumentOf = (values: AssessmentValues) =>
    instruments.find((i) => i.id === values.instrumentId) ?? instruments[0];
  /** The domains scored, in the instrument's order: the request's `scores`. */
  const scored = (values: AssessmentValues) =>
    (instrumentOf(values)?.domains ?? []).filter((d) => values.scores[d.key] !== undefined);
  const body = (values: AssessmentValues) => ({
    instrumentId: instrumentOf(values)?.id ?? '',
    phase: values.phase,
    assessedOn: values.assessedOn,
    notes: values.notes,
    scores: scored(values).map((d) => ({ domain: d.key, score: Number(values.scores[d.key]) })),
    ...(editing ? { version: editing.version, reason: values.reason } : {}),
  });
  const form: UseFormReturnType<AssessmentValues> = useEntryForm<AssessmentValues>({
    initialValues: {
      instrumentId: editing?.instrumentId ?? '',
      phase: editing?.phase ?? (hasIntake ? 'review' : 'intake'),
      assessedOn: editing?.assessedOn ?? toIsoDate(new Date()),
      notes: editing?.notes ?? '',
      scores: Object.fromEntries(Object.entries(editing?.scores ?? {}).map(([k, v]) => [k, String(v)])),
      reason: '',
    },
    contract: editing ? assessmentCorrection : assessmentInput,
    toBody: body,
    // The request's n-th score is the n-th domain scored; with none scored, the first domain says so.
    fieldOf: (field: string): string => {
      const [root, index] = field.split('.');
      if (root !== 'scores') return field;
      const domains = scored(form.getValues());
      const domain = index === undefined ? undefined : domains[Number(index)];
      return `scores.${domain?.key ?? instrumentOf(form.getValues())?.domains[0]?.key ?? ''}`;
    },
  });
  const save = useSave({
    form,
    send: (values: AssessmentValues) =>
      editing
        ? api('PATCH', `/api/assessments/${editing.id}`, body(values))
        : api('POST', `/api/cases/${caseId}/assessments`, body(values)),
    invalidates: () => [caseKeys.all(caseId)],
    saved: t(editing ? 'record.corrected' : 'assessment.saved'),
    onSaved: close,
  });
  const instrument = instrumentOf(form.values);
  if (!instrument) return <Text>{t('app.loading')}</Text>;
  const values = Array.from(
    { length: instrument.scale.max - instrument.scale.min + 1 },
    (_, i) => instrument.scale.min + i,
  );
  const labelOf = (value: number) => {
    const label = instrument.scale.labels.find((l) => l.value === value);
    return label ? (language === 'lv' ? label.lv : label.en) : '';
  };
  return (
    <EntryForm form={form} save={save}>
      <Group grow align="flex-start">
        <Select
          label={t('assessment.instrument')}
          data={instruments.map((i) => ({ value: i.id, label: language === 'lv' ? i.nameLv : i.nameEn }))}
          value={instrument.id}
          onChange={(v) => form.setValues({ instrumentId: v ?? '', scores: {} })}
          allowDeselect={false}
          disabled={!!editing}
        />
        <Select
          label={t('assessment.phase')}
          data={phases}
          {...form.getInputProps('phase')}
          allowDeselect={false}
        />
        <DateField label={t('assessment.date')} {...form.getInputProps('assessedOn')} />
      </Group>
      <Text size="sm">{values.map((v) => `${v} — ${labelOf(v)}`).join('; ')}</Text>
      {instrument.domains.map((d) => {
        const name = language === 'lv' ? d.nameLv : d.nameEn;
        const score = form.getInputProps(`scores.${d.key}`);
        return (
          <Radio.Group key={d.key} label={name} {...score} value={score.value ?? null}>
            <Group gap="md" mt={4}>
              {values.map((v) => (
                <Radio
                  key={v}
                  value={String(v)}
                  label={String(v)}
                  title={labelOf(v)}
                  aria-label={`${name}: ${v}, ${labelOf(v)}`}
                />
              ))}
            </Group>
          </Radio.Group>
        );
      })}
      <Textarea label={t('assessment.notes')} {...form.getInputProps('notes')} autosize minRows={2} />
      {editing && <ReasonField {...form.getInputProps('reason')} />}
    </EntryForm>
  );
}

/** Assessments of the case and, from two on, the change per domain as a table and a chart. */
export function AssessmentsPanel({ data, canEdit }: { data: FamilyPage; canEdit: boolean }) {
  const { t, language } = useI18n();
  const query = useAssessments(data.case.id);
  const view = query.data;
  const list = view?.assessments ?? [];
  const dateOf = (id: string) => formatDate(list.find((a) => a.id === id)?.assessedOn ?? '');
  return (
    <Panel
      title={t('assessment.title')}
      actions={
        canEdit && (
          <ModalButton
            label={t('assessment.new')}
            title={t('assessment.new')}
            buttonProps={{ variant: 'default' }}
            size="xl"
          >
            {(close) => (
              <AssessmentForm
                caseId={data.case.id}
                hasIntake={list.some((a) => a.phase === 'intake')}
                close={close}
              />
            )}
          </ModalButton>
        )
      }
    >
      {list.length === 0 ? (
        <Text size="sm">{t('assessment.none')}</Text>
      ) : (
        <Stack gap={4}>
          {list.map((a) => (
            <Group key={a.id} gap="xs" justify="space-between" wrap="nowrap">
              <div style={a.voided ? { opacity: 0.7 } : undefined}>
                <VoidedNote voided={a.voided} />
                <Text size="sm" td={a.voided ? 'line-through' : undefined}>
                  {t('assessment.line', {
                    date: formatDate(a.assessedOn),
                    phase: t(`phase.${a.phase}`),
                    name: a.assessedByName,
                  })}
                </Text>
              </div>
              {canEdit && !a.voided && (
                <CorrectionActions
                  title={t('assessment.correct')}
                  subject={`${formatDate(a.assessedOn)}`}
                  size="xl"
                  voidUrl={`/api/assessments/${a.id}/void`}
                  version={a.version}
                  invalidates={[caseKeys.all(data.case.id)]}
                >
                  {(close) => <AssessmentForm caseId={data.case.id} hasIntake close={close} editing={a} />}
                </CorrectionActions>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {view?.changes.map((change) => (
        <Stack key={change.instrumentId} mt="md" gap="xs">
          <Title order={3} size="h5">
            {t('assessment.change', { from: dateOf(change.fromId), to: dateOf(change.toId) })}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assessment.domain')}</Table.Th>
                <Table.Th ta="right">{t('assessment.from')}</Table.Th>
                <Table.Th ta="right">{t('assessment.to')}</Table.Th>
                <Table.Th ta="right">{t('assessment.difference')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {change.domains.map((d) => (
                <Table.Tr key={d.key}>
                  <Table.Td>{language === 'lv' ? d.nameLv : d.nameEn}</Table.Td>
                  <Table.Td ta="right">{d.from ?? '–'}</Table.Td>
                  <Table.Td ta="right">{d.to ?? '–'}</Table.Td>
                  <Table.Td ta="right">
                    {d.change === null ? '–' : d.change > 0 ? `+${d.change}` : String(d.change)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <figure aria-label={t('assessment.chart')} style={{ margin: 0 }}>
            <figcaption className="visually-hidden">{t('assessment.chart')}</figcaption>
            <BarChart
              h={260}
              data={change.domains.map((d) => ({
                domain: language === 'lv' ? d.nameLv : d.nameEn,
                from: d.from ?? 0,
                to: d.to ?? 0,
              }))}
              dataKey="domain"
              series={[
                { name: 'from', label: t('assessment.from'), color: 'gray.6' },
                { name: 'to', label: t('assessment.to'), color: 'teal.7' },
              ]}
              withLegend
              yAxisProps={{ allowDecimals: false }}
              xAxisProps={{ interval: 0, angle: -20, textAnchor: 'end', height: 70 }}
            />
          </figure>
        </Stack>
      ))}
    </Panel>
  );
}
