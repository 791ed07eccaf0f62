import { NumberInput, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  type VolunteerHoursView,
  volunteerHoursCorrection,
  volunteerHoursInput,
} from '../../../shared/contracts/projects';
import { toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { ReasonField } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { volunteersQuery } from '../../queries';
import { projectKeys } from './keys';

type HoursValues = {
  volunteerId: string;
  workedOn: string;
  hours: number | string;
  description: string;
  reason: string;
};

/** Logs a volunteer's hours on a project, or corrects logged ones (`editing`) with the version and a reason. */
export function LogHoursForm({
  projectId,
  close,
  editing,
}: {
  projectId: string;
  close: () => void;
  editing?: VolunteerHoursView;
}) {
  const { t } = useI18n();
  const volunteers = useQuery(volunteersQuery).data?.volunteers.filter((v) => v.active) ?? [];
  const body = ({ reason, ...values }: HoursValues) => ({
    ...values,
    hours: Number(values.hours),
    ...(editing ? { version: editing.version, reason } : {}),
  });
  const form = useEntryForm<HoursValues>({
    initialValues: {
      volunteerId: editing?.volunteerId ?? '',
      workedOn: editing?.workedOn ?? toIsoDate(new Date()),
      hours: editing?.hours ?? '',
      description: editing?.description ?? '',
      reason: '',
    },
    contract: editing ? volunteerHoursCorrection : volunteerHoursInput,
    toBody: body,
  });
  const url = `/api/projects/${projectId}/volunteer-hours`;
  const save = useSave({
    form,
    send: (values: HoursValues) =>
      editing ? api('PATCH', `${url}/${editing.id}`, body(values)) : api('POST', url, body(values)),
    invalidates: () => [projectKeys.one(projectId)],
    saved: t(editing ? 'record.corrected' : 'volunteers.hoursSaved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <Select
        label={t('volunteers.volunteer')}
        data={volunteers.map((v) => ({ value: v.id, label: `${v.givenName} ${v.familyName}` }))}
        {...form.getInputProps('volunteerId')}
        value={form.values.volunteerId || null}
      />
      <DateField label={t('volunteers.workedOn')} {...form.getInputProps('workedOn')} />
      <NumberInput
        label={t('volunteers.hours')}
        {...form.getInputProps('hours')}
        min={0.25}
        max={24}
        step={0.5}
        decimalSeparator=","
      />
      <TextInput label={t('budget.description')} {...form.getInputProps('description')} />
      {editing && <ReasonField {...form.getInputProps('reason')} />}
    </EntryForm>
  );
}
