import { NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  defaultMatchMonths,
  type MatchView,
  matchEdit,
  matchInput,
} from '../../../shared/contracts/mentoring';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { programmesQuery, projectOptionsQuery, volunteersQuery } from '../../queries';
import { mentoringKeys } from './keys';

type Values = {
  mentee: string;
  volunteerId: string;
  programmeId: string;
  projectId: string;
  startsOn: string;
  plannedMonths: number;
  goals: string;
  needs: string;
  consentBy: string;
  consentOn: string;
};

type Candidate = {
  personId: string;
  caseId: string;
  caseNumber: string;
  givenName: string;
  familyName: string;
  age: number | null;
};

/** The young person: found by name or case number among the open cases of the coordinator's centres. */
function MenteePicker({
  error,
  value,
  onChange,
}: {
  error?: unknown;
  value?: string;
  onChange: (value: string | null) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const found = useQuery({
    queryKey: mentoringKeys.mentees(q),
    queryFn: () =>
      api<{ candidates: Candidate[] }>('GET', `/api/mentoring/mentees?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length >= 2,
  }).data?.candidates;
  const [chosen, setChosen] = useState<Candidate[]>([]);
  const options = [...chosen, ...(found ?? []).filter((c) => !chosen.some((x) => x.personId === c.personId))];
  return (
    <Select
      label={t('mentoring.mentee')}
      description={t('mentoring.menteeHelp')}
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={q.trim().length >= 2 ? t('mentoring.noMentees') : t('mentoring.typeToSearch')}
      data={options.map((c) => ({
        value: `${c.personId}|${c.caseId}`,
        label: `${c.givenName} ${c.familyName}${c.age === null ? '' : `, ${t('mentoring.age', { count: c.age })}`} · ${c.caseNumber}`,
      }))}
      value={value || null}
      onChange={(next) => {
        const picked = options.find((c) => `${c.personId}|${c.caseId}` === next);
        if (picked) setChosen([picked]);
        onChange(next);
      }}
      error={error as string | undefined}
    />
  );
}

/** Proposes a match, or edits one (`editing`) at the version shown. One field per row on a phone. */
export function MatchForm({ close, editing }: { close: () => void; editing?: MatchView }) {
  const { t, language } = useI18n();
  const volunteers = useQuery(volunteersQuery).data?.volunteers ?? [];
  const programmes = useQuery(programmesQuery).data?.programmes ?? [];
  const projects = useQuery(projectOptionsQuery).data?.projects ?? [];
  const body = (values: Values) => {
    const [menteeId, caseId] = values.mentee.split('|');
    return {
      ...(editing ? { version: editing.version } : { menteeId, caseId }),
      volunteerId: values.volunteerId,
      programmeId: values.programmeId || null,
      projectId: values.projectId || null,
      startsOn: values.startsOn,
      plannedMonths: values.plannedMonths,
      goals: values.goals,
      needs: values.needs,
      consentBy: values.consentBy,
      consentOn: values.consentOn || null,
    };
  };
  const form = useEntryForm<Values>({
    initialValues: editing
      ? {
          mentee: `${editing.menteeId}|${editing.caseId}`,
          volunteerId: editing.volunteerId,
          programmeId: editing.programmeId ?? '',
          projectId: editing.projectId ?? '',
          startsOn: editing.startsOn,
          plannedMonths: editing.plannedMonths,
          goals: editing.goals,
          needs: editing.needs,
          consentBy: editing.consentBy,
          consentOn: editing.consentOn ?? '',
        }
      : {
          mentee: '',
          volunteerId: '',
          programmeId: '',
          projectId: '',
          startsOn: '',
          plannedMonths: defaultMatchMonths,
          goals: '',
          needs: '',
          consentBy: '',
          consentOn: '',
        },
    contract: editing ? matchEdit : matchInput,
    toBody: body,
    fieldOf: { menteeId: 'mentee', caseId: 'mentee' },
  });
  const save = useSave({
    form,
    send: (values: Values) =>
      editing
        ? api('PUT', `/api/mentoring/matches/${editing.id}`, body(values))
        : api('POST', '/api/mentoring/matches', body(values)),
    invalidates: () => [mentoringKeys.all],
    saved: editing ? t('mentoring.edited') : t('mentoring.proposed'),
    onSaved: close,
  });
  const started = editing && editing.status !== 'proposed';
  return (
    <EntryForm form={form} save={save} submitLabel={editing ? t('common.save') : t('mentoring.propose')}>
      {editing ? (
        <TextInput label={t('mentoring.mentee')} value={editing.menteeName} readOnly />
      ) : (
        <MenteePicker {...form.getInputProps('mentee')} />
      )}
      <Select
        label={t('mentoring.mentor')}
        required
        searchable
        disabled={started}
        data={volunteers
          .filter((v) => v.status !== 'left' || v.id === editing?.volunteerId)
          .map((v) => ({
            value: v.id,
            label: `${v.givenName} ${v.familyName}${v.readiness.ready ? '' : ` (${t('mentoring.notReady')})`}`,
          }))}
        {...form.getInputProps('volunteerId')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField
          label={t('mentoring.startsOn')}
          required
          disabled={started}
          {...form.getInputProps('startsOn')}
        />
        <NumberInput
          label={t('mentoring.plannedMonths')}
          min={1}
          max={36}
          allowDecimal={false}
          {...form.getInputProps('plannedMonths')}
        />
        <Select
          label={t('activity.programme')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          data={programmes.map((p) => ({ value: p.id, label: language === 'en' ? p.nameEn : p.nameLv }))}
          {...form.getInputProps('programmeId')}
        />
        <Select
          label={t('mentoring.project')}
          description={t('mentoring.projectHelp')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          data={projects.map((p) => ({ value: p.id, label: p.code }))}
          {...form.getInputProps('projectId')}
        />
      </SimpleGrid>
      <Textarea label={t('mentoring.goals')} required autosize minRows={2} {...form.getInputProps('goals')} />
      <Textarea
        label={t('mentoring.needs')}
        description={t('mentoring.needsHelp')}
        autosize
        {...form.getInputProps('needs')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('mentoring.consentBy')}
          description={t('mentoring.consentHelp')}
          {...form.getInputProps('consentBy')}
        />
        <DateField label={t('mentoring.consentOn')} {...form.getInputProps('consentOn')} />
      </SimpleGrid>
    </EntryForm>
  );
}
