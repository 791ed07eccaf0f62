import { Button, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { VolunteerHoursView, VolunteerView } from '../../shared/contracts/projects';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { api } from '../api';
import { ReasonField } from '../components/corrections';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { ModalButton } from '../components/modal-button';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';

export const volunteersQuery = {
  queryKey: ['volunteers'],
  queryFn: () => api<{ volunteers: VolunteerView[] }>('GET', '/api/volunteers'),
};

function VolunteerForm({ close }: { close: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    givenName: '',
    familyName: '',
    email: '',
    phone: '',
    screenedOn: '',
    trainedOn: '',
  });
  const failure = useApiError();
  const save = async () => {
    const body = { ...draft, screenedOn: draft.screenedOn || null, trainedOn: draft.trainedOn || null };
    if (!(await failure.run(() => api('POST', '/api/volunteers', body)))) return;
    await queryClient.invalidateQueries({ queryKey: volunteersQuery.queryKey });
    close();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Group grow align="flex-start">
        <TextInput
          label={t('person.givenName')}
          value={draft.givenName}
          onChange={(e) => setDraft({ ...draft, givenName: e.currentTarget.value })}
          error={failure.field('givenName')}
        />
        <TextInput
          label={t('person.familyName')}
          value={draft.familyName}
          onChange={(e) => setDraft({ ...draft, familyName: e.currentTarget.value })}
          error={failure.field('familyName')}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('person.email')}
          value={draft.email}
          onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })}
        />
        <TextInput
          label={t('person.phone')}
          value={draft.phone}
          onChange={(e) => setDraft({ ...draft, phone: e.currentTarget.value })}
        />
      </Group>
      <Group grow align="flex-start">
        <DateField
          label={t('volunteers.screenedOn')}
          value={draft.screenedOn}
          onChange={(screenedOn) => setDraft({ ...draft, screenedOn })}
        />
        <DateField
          label={t('volunteers.trainedOn')}
          value={draft.trainedOn}
          onChange={(trainedOn) => setDraft({ ...draft, trainedOn })}
        />
      </Group>
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.create')}
      </Button>
    </Stack>
  );
}

/** Logs a volunteer's hours on a project (from the project page). */
/** Logs a volunteer's hours on a project, or corrects logged ones (`editing`) with the version and a reason. */
export function LogHoursForm({
  projectId,
  close,
  onDone,
  editing,
}: {
  projectId: string;
  close: () => void;
  onDone: () => void;
  editing?: VolunteerHoursView;
}) {
  const { t } = useI18n();
  const volunteers = useQuery(volunteersQuery).data?.volunteers.filter((v) => v.active) ?? [];
  const [draft, setDraft] = useState({
    volunteerId: editing?.volunteerId ?? '',
    workedOn: editing?.workedOn ?? toIsoDate(new Date()),
    hours: (editing?.hours ?? '') as number | string,
    description: editing?.description ?? '',
  });
  const [reason, setReason] = useState('');
  const failure = useApiError();
  const save = async () => {
    const body = { ...draft, hours: Number(draft.hours) };
    const url = `/api/projects/${projectId}/volunteer-hours`;
    const send = () =>
      editing
        ? api('PATCH', `${url}/${editing.id}`, { ...body, version: editing.version, reason })
        : api('POST', url, body);
    if (!(await failure.run(send))) return;
    close();
    onDone();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Select
        label={t('volunteers.volunteer')}
        data={volunteers.map((v) => ({ value: v.id, label: `${v.givenName} ${v.familyName}` }))}
        value={draft.volunteerId || null}
        onChange={(v) => setDraft({ ...draft, volunteerId: v ?? '' })}
        error={failure.field('volunteerId')}
      />
      <DateField
        label={t('volunteers.workedOn')}
        value={draft.workedOn}
        onChange={(workedOn) => setDraft({ ...draft, workedOn })}
        error={failure.field('workedOn')}
      />
      <NumberInput
        label={t('volunteers.hours')}
        value={draft.hours}
        onChange={(hours) => setDraft({ ...draft, hours })}
        min={0.25}
        max={24}
        step={0.5}
        decimalSeparator=","
        error={failure.field('hours')}
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

export function VolunteersPage() {
  const { t } = useI18n();
  const list = useQuery(volunteersQuery).data?.volunteers ?? [];
  return (
    <Stack>
      <PageHeader title={t('volunteers.title')}>
        <ModalButton
          label={t('volunteers.new')}
          title={t('volunteers.new')}
          buttonProps={{ variant: 'filled', size: 'sm' }}
        >
          {(close) => <VolunteerForm close={close} />}
        </ModalButton>
      </PageHeader>
      {list.length === 0 ? (
        <Text>{t('volunteers.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.name')}</Table.Th>
              <Table.Th>{t('person.email')}</Table.Th>
              <Table.Th>{t('volunteers.screenedOn')}</Table.Th>
              <Table.Th>{t('volunteers.trainedOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  {v.familyName} {v.givenName}
                </Table.Td>
                <Table.Td>{v.email}</Table.Td>
                <Table.Td>{v.screenedOn ? formatDate(v.screenedOn) : ''}</Table.Td>
                <Table.Td>{v.trainedOn ? formatDate(v.trainedOn) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
