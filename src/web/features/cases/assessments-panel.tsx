import { BarChart } from '@mantine/charts';
import { Button, Group, Radio, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type AssessmentPhase,
  type AssessmentView,
  assessmentPhases,
  type CaseAssessments,
  type InstrumentView,
} from '../../../shared/contracts/assessments';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { FormError, useApiError } from '../../components/form-error';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { useI18n } from '../../i18n';
import { useCaseList } from './keys';

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
function AssessmentForm({
  caseId,
  hasIntake,
  close,
  onDone,
  editing,
}: {
  caseId: string;
  hasIntake: boolean;
  close: () => void;
  onDone: () => void;
  editing?: AssessmentView;
}) {
  const { t, language } = useI18n();
  const instruments = useQuery(instrumentsQuery).data?.instruments ?? [];
  const phases = useOptions(assessmentPhases, 'phase');
  const [draft, setDraft] = useState({
    instrumentId: editing?.instrumentId ?? '',
    phase: editing?.phase ?? ((hasIntake ? 'review' : 'intake') as AssessmentPhase),
    assessedOn: editing?.assessedOn ?? toIsoDate(new Date()),
    notes: editing?.notes ?? '',
    scores: { ...(editing?.scores ?? {}) } as Record<string, number>,
  });
  const [reason, setReason] = useState('');
  const instrument = instruments.find((i) => i.id === draft.instrumentId) ?? instruments[0];
  const failure = useApiError();
  if (!instrument) return <Text>{t('app.loading')}</Text>;
  const values = Array.from(
    { length: instrument.scale.max - instrument.scale.min + 1 },
    (_, i) => instrument.scale.min + i,
  );
  const labelOf = (value: number) => {
    const label = instrument.scale.labels.find((l) => l.value === value);
    return label ? (language === 'lv' ? label.lv : label.en) : '';
  };
  const save = async () => {
    const body = {
      instrumentId: instrument.id,
      phase: draft.phase,
      assessedOn: draft.assessedOn,
      notes: draft.notes,
      scores: instrument.domains
        .filter((d) => draft.scores[d.key] !== undefined)
        .map((d) => ({ domain: d.key, score: draft.scores[d.key]! })),
    };
    const send = () =>
      editing
        ? api('PATCH', `/api/assessments/${editing.id}`, { ...body, version: editing.version, reason })
        : api('POST', `/api/cases/${caseId}/assessments`, body);
    if (await failure.run(send)) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Group grow align="flex-start">
        <Select
          label={t('assessment.instrument')}
          data={instruments.map((i) => ({ value: i.id, label: language === 'lv' ? i.nameLv : i.nameEn }))}
          value={instrument.id}
          onChange={(v) => setDraft({ ...draft, instrumentId: v ?? '', scores: {} })}
          allowDeselect={false}
          disabled={!!editing}
        />
        <Select
          label={t('assessment.phase')}
          data={phases}
          value={draft.phase}
          onChange={(v) => setDraft({ ...draft, phase: (v ?? 'review') as AssessmentPhase })}
          error={failure.field('phase')}
          allowDeselect={false}
        />
        <DateField
          label={t('assessment.date')}
          value={draft.assessedOn}
          onChange={(assessedOn) => setDraft({ ...draft, assessedOn })}
          error={failure.field('assessedOn')}
        />
      </Group>
      <Text size="sm">{values.map((v) => `${v} — ${labelOf(v)}`).join('; ')}</Text>
      {instrument.domains.map((d, index) => {
        const name = language === 'lv' ? d.nameLv : d.nameEn;
        return (
          <Radio.Group
            key={d.key}
            label={name}
            value={draft.scores[d.key] === undefined ? null : String(draft.scores[d.key])}
            onChange={(v) => setDraft({ ...draft, scores: { ...draft.scores, [d.key]: Number(v) } })}
            error={failure.field(`scores.${d.key}`) ?? failure.field(`scores.${index}.score`)}
          >
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
      <Textarea
        label={t('assessment.notes')}
        value={draft.notes}
        onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
        autosize
        minRows={2}
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
                onDone={() => query.refetch()}
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
                  onVoided={() => query.refetch()}
                >
                  {(close) => (
                    <AssessmentForm
                      caseId={data.case.id}
                      hasIntake
                      close={close}
                      onDone={() => query.refetch()}
                      editing={a}
                    />
                  )}
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
