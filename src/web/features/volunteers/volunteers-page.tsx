import { Group, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type VolunteerStatus,
  type VolunteerView,
  volunteerEdit,
  volunteerEnd,
  volunteerFormStatuses,
  volunteerInput,
  volunteerStatuses,
} from '../../../shared/contracts/projects';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { volunteerKeys, volunteersOf } from './keys';
import { Readiness } from './readiness';
import { VolunteerChecks } from './volunteer-checks';

type DetailsValues = {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  screenedOn: string;
  trainedOn: string;
  appliedOn: string;
  heardFrom: string;
  availability: string;
  status: string;
};

const emptyDetails: DetailsValues = {
  givenName: '',
  familyName: '',
  email: '',
  phone: '',
  screenedOn: '',
  trainedOn: '',
  appliedOn: '',
  heardFrom: '',
  availability: '',
  status: 'applicant',
};

const detailsOf = (v: VolunteerView): DetailsValues => ({
  givenName: v.givenName,
  familyName: v.familyName,
  email: v.email,
  phone: v.phone,
  screenedOn: v.screenedOn ?? '',
  trainedOn: v.trainedOn ?? '',
  appliedOn: v.appliedOn ?? '',
  heardFrom: v.heardFrom,
  availability: v.availability,
  status: v.status === 'left' ? 'active' : v.status,
});

/** Registers a volunteer, or edits one (`editing`) at the version shown. One field per row on a phone. */
function VolunteerForm({ close, editing }: { close: () => void; editing?: VolunteerView }) {
  const { t } = useI18n();
  const body = (values: DetailsValues) => ({
    ...values,
    screenedOn: values.screenedOn || null,
    trainedOn: values.trainedOn || null,
    appliedOn: values.appliedOn || null,
    ...(editing ? { version: editing.version } : {}),
  });
  const form = useEntryForm<DetailsValues>({
    initialValues: editing ? detailsOf(editing) : emptyDetails,
    contract: editing ? volunteerEdit : volunteerInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: DetailsValues) =>
      editing
        ? api('PUT', `/api/volunteers/${editing.id}`, body(values))
        : api('POST', '/api/volunteers', body(values)),
    invalidates: () => [volunteerKeys.all],
    saved: editing ? t('volunteers.edited') : t('volunteers.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save} submitLabel={editing ? t('common.save') : t('common.create')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('person.givenName')} {...form.getInputProps('givenName')} />
        <TextInput label={t('person.familyName')} {...form.getInputProps('familyName')} />
        <TextInput label={t('person.email')} {...form.getInputProps('email')} />
        <TextInput label={t('person.phone')} {...form.getInputProps('phone')} />
        <DateField label={t('volunteers.appliedOn')} {...form.getInputProps('appliedOn')} />
        <Select
          label={t('volunteers.status')}
          data={volunteerFormStatuses.map((s) => ({ value: s, label: t(`volunteers.status.${s}`) }))}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <DateField label={t('volunteers.screenedOn')} {...form.getInputProps('screenedOn')} />
        <DateField label={t('volunteers.trainedOn')} {...form.getInputProps('trainedOn')} />
      </SimpleGrid>
      <TextInput label={t('volunteers.heardFrom')} {...form.getInputProps('heardFrom')} />
      <Textarea label={t('volunteers.availability')} autosize {...form.getInputProps('availability')} />
    </EntryForm>
  );
}

type EndValues = { endedOn: string; reason: string };

/** Ends a volunteer's work with the organisation: the day and why. */
function EndForm({ volunteer, close }: { volunteer: VolunteerView; close: () => void }) {
  const { t } = useI18n();
  const body = (values: EndValues) => ({ ...values, version: volunteer.version });
  const form = useEntryForm<EndValues>({
    initialValues: { endedOn: toIsoDate(new Date()), reason: '' },
    contract: volunteerEnd,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: EndValues) => api('POST', `/api/volunteers/${volunteer.id}/end`, body(values)),
    invalidates: () => [volunteerKeys.all],
    saved: t('volunteers.ended'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save} submitLabel={t('volunteers.end')} submitProps={{ color: 'red.9' }}>
      <DateField label={t('volunteers.endedOn')} {...form.getInputProps('endedOn')} />
      <Textarea
        label={t('volunteers.endReason')}
        required
        autosize
        minRows={2}
        {...form.getInputProps('reason')}
      />
    </EntryForm>
  );
}

/** The mentoring coordinator's register of volunteers: who, in which status, and whether they may mentor. */
export function VolunteersPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<VolunteerStatus | null>(null);
  const data = useQuery(volunteersOf(status)).data;
  const list = data?.volunteers ?? [];
  const name = (v: VolunteerView) => `${v.givenName} ${v.familyName}`;
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
      <Select
        label={t('volunteers.status')}
        placeholder={t('volunteers.allStatuses')}
        data={volunteerStatuses.map((s) => ({ value: s, label: t(`volunteers.status.${s}`) }))}
        value={status}
        onChange={(value) => setStatus(value as VolunteerStatus | null)}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        maw={260}
      />
      {data && list.length === 0 ? (
        <Text>{status ? t('volunteers.noneOfStatus') : t('volunteers.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('volunteers.status')}</Table.Th>
                <Table.Th>{t('volunteers.checks')}</Table.Th>
                <Table.Th>{t('person.phone')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    {v.familyName} {v.givenName}
                  </Table.Td>
                  <Table.Td>
                    {t(`volunteers.status.${v.status}`)}
                    {v.endedOn ? ` (${formatDate(v.endedOn)})` : ''}
                  </Table.Td>
                  <Table.Td>
                    <Readiness readiness={v.readiness} />
                  </Table.Td>
                  <Table.Td>{v.phone}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {data?.abilities.screen && (
                        <ModalButton
                          label={t('volunteers.checks')}
                          title={t('volunteers.checksOf', { name: name(v) })}
                          ariaLabel={`${t('volunteers.checks')}: ${name(v)}`}
                          buttonProps={{ size: 'xs', variant: 'default' }}
                          size="lg"
                        >
                          {() => <VolunteerChecks volunteerId={v.id} />}
                        </ModalButton>
                      )}
                      <ModalButton
                        label={t('volunteers.edit')}
                        title={`${t('volunteers.edit')}: ${name(v)}`}
                        ariaLabel={`${t('volunteers.edit')}: ${name(v)}`}
                        buttonProps={{ size: 'xs', variant: 'default' }}
                      >
                        {(close) => <VolunteerForm close={close} editing={v} />}
                      </ModalButton>
                      {v.status !== 'left' && (
                        <ModalButton
                          label={t('volunteers.end')}
                          title={`${t('volunteers.endTitle')}: ${name(v)}`}
                          ariaLabel={`${t('volunteers.end')}: ${name(v)}`}
                          buttonProps={{ size: 'xs', variant: 'default', color: 'red.8' }}
                        >
                          {(close) => <EndForm volunteer={v} close={close} />}
                        </ModalButton>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
