import { Badge, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  type VolunteerCheckView,
  type VolunteerView,
  volunteerCheckInput,
  volunteerCheckKinds,
} from '../../../shared/contracts/projects';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { VoidButton, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { volunteerKeys } from './keys';
import { Readiness } from './readiness';

type CheckValues = { kind: string; doneOn: string; result: string; expiresOn: string; note: string };

/** Records a check of the volunteer's screening. */
function CheckForm({ volunteerId }: { volunteerId: string }) {
  const { t } = useI18n();
  const body = (values: CheckValues) => ({ ...values, expiresOn: values.expiresOn || null });
  const initialValues = {
    kind: 'criminal_record',
    doneOn: toIsoDate(new Date()),
    result: 'passed',
    expiresOn: '',
    note: '',
  };
  const form = useEntryForm<CheckValues>({ initialValues, contract: volunteerCheckInput, toBody: body });
  const save = useSave({
    form,
    send: (values: CheckValues) => api('POST', `/api/volunteers/${volunteerId}/checks`, body(values)),
    invalidates: () => [volunteerKeys.all],
    saved: t('volunteers.checkAdded'),
    onSaved: () => form.setValues(initialValues),
  });
  return (
    <EntryForm form={form} save={save} submitLabel={t('volunteers.addCheck')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('volunteers.check.kind')}
          data={volunteerCheckKinds.map((k) => ({ value: k, label: t(`volunteers.check.${k}`) }))}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <Select
          label={t('volunteers.check.result')}
          data={[
            { value: 'passed', label: t('volunteers.check.passed') },
            { value: 'failed', label: t('volunteers.check.failed') },
          ]}
          allowDeselect={false}
          {...form.getInputProps('result')}
        />
        <DateField label={t('volunteers.check.doneOn')} {...form.getInputProps('doneOn')} />
        <DateField
          label={t('volunteers.check.expiresOn')}
          description={t('volunteers.check.expiresHint')}
          {...form.getInputProps('expiresOn')}
        />
      </SimpleGrid>
      <TextInput label={t('volunteers.check.note')} {...form.getInputProps('note')} />
    </EntryForm>
  );
}

/** A volunteer's screening: whether they may mentor, every check (voided ones marked), and a new one. */
export function VolunteerChecks({ volunteerId }: { volunteerId: string }) {
  const { t } = useI18n();
  const detail = useQuery({
    queryKey: volunteerKeys.one(volunteerId),
    queryFn: () =>
      api<{ volunteer: VolunteerView; checks: VolunteerCheckView[] }>(
        'GET',
        `/api/volunteers/${volunteerId}`,
      ),
  }).data;
  if (!detail) return null;
  const label = (c: VolunteerCheckView) => `${formatDate(c.doneOn)} ${t(`volunteers.check.${c.kind}`)}`;
  return (
    <Stack>
      <Readiness readiness={detail.volunteer.readiness} />
      {detail.checks.length === 0 ? (
        <Text>{t('volunteers.check.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('volunteers.check.kind')}</Table.Th>
                <Table.Th>{t('volunteers.check.doneOn')}</Table.Th>
                <Table.Th>{t('volunteers.check.result')}</Table.Th>
                <Table.Th>{t('volunteers.check.expiresOn')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.checks.map((c) => (
                <Table.Tr key={c.id} td={c.voided ? 'line-through' : undefined}>
                  <Table.Td>
                    {t(`volunteers.check.${c.kind}`)}
                    {c.note && (
                      <Text size="sm" c="dimmed">
                        {c.note}
                      </Text>
                    )}
                    <VoidedNote voided={c.voided} />
                  </Table.Td>
                  <Table.Td>{formatDate(c.doneOn)}</Table.Td>
                  <Table.Td>
                    <Badge color={c.result === 'passed' ? 'green.9' : 'red.9'} variant="light">
                      {t(`volunteers.check.${c.result}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{c.expiresOn ? formatDate(c.expiresOn) : ''}</Table.Td>
                  <Table.Td>
                    {!c.voided && (
                      <Group>
                        <VoidButton
                          url={`/api/volunteers/${volunteerId}/checks/${c.id}/void`}
                          version={c.version}
                          subject={label(c)}
                          invalidates={[volunteerKeys.all]}
                        />
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={3} size="h5">
        {t('volunteers.addCheck')}
      </Title>
      <CheckForm volunteerId={volunteerId} />
    </Stack>
  );
}
