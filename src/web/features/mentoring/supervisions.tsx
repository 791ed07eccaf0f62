import { MultiSelect, NumberInput, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type SupervisionView, supervisionInput } from '../../../shared/contracts/mentoring';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { VoidButton, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { ModalButton } from '../../components/modal-button';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { volunteersQuery } from '../../queries';
import { mentoringKeys } from './keys';

type Values = {
  centreId: string;
  heldOn: string;
  durationMinutes: number;
  volunteerIds: string[];
  notes: string;
};
type Centre = { id: string; name: string };

function SupervisionForm({ centres, close }: { centres: Centre[]; close: () => void }) {
  const { t } = useI18n();
  const volunteers = useQuery(volunteersQuery).data?.volunteers ?? [];
  const form = useEntryForm<Values>({
    initialValues: {
      centreId: centres.length === 1 ? centres[0]!.id : '',
      heldOn: toIsoDate(new Date()),
      durationMinutes: 90,
      volunteerIds: [],
      notes: '',
    },
    contract: supervisionInput,
  });
  const save = useSave({
    form,
    send: (values: Values) => api('POST', '/api/mentoring/supervisions', values),
    invalidates: () => [mentoringKeys.all],
    saved: t('mentoring.supervisionSaved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      {centres.length > 1 && (
        <Select
          label={t('case.centre')}
          required
          data={centres.map((c) => ({ value: c.id, label: c.name }))}
          {...form.getInputProps('centreId')}
        />
      )}
      <DateField label={t('mentoring.heldOn')} required {...form.getInputProps('heldOn')} />
      <NumberInput
        label={t('mentoring.durationMinutes')}
        min={1}
        max={1440}
        step={15}
        allowDecimal={false}
        {...form.getInputProps('durationMinutes')}
      />
      <MultiSelect
        label={t('mentoring.mentorsPresent')}
        required
        searchable
        data={volunteers
          .filter((v) => v.status !== 'left')
          .map((v) => ({ value: v.id, label: `${v.givenName} ${v.familyName}` }))}
        {...form.getInputProps('volunteerIds')}
      />
      <Textarea
        label={t('mentoring.supervisionNotes')}
        autosize
        minRows={2}
        {...form.getInputProps('notes')}
      />
    </EntryForm>
  );
}

/** The coordinator's supervision sessions with mentors, newest first. */
export function Supervisions({ centres }: { centres: Centre[] }) {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: [...mentoringKeys.all, 'supervisions'],
    queryFn: () => api<{ supervisions: SupervisionView[] }>('GET', '/api/mentoring/supervisions'),
  }).data?.supervisions;
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('mentoring.supervisions')}
      </Title>
      <ModalButton
        label={t('mentoring.addSupervision')}
        title={t('mentoring.addSupervision')}
        buttonProps={{ size: 'sm', variant: 'default', w: 'fit-content' }}
      >
        {(close) => <SupervisionForm centres={centres} close={close} />}
      </ModalButton>
      {list && list.length === 0 && <Text size="sm">{t('mentoring.noSupervisions')}</Text>}
      {list && list.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mentoring.heldOn')}</Table.Th>
                <Table.Th>{t('mentoring.mentorsPresent')}</Table.Th>
                <Table.Th>{t('mentoring.supervisionNotes')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((s) => (
                <Table.Tr key={s.id} style={s.voided ? { opacity: 0.7 } : undefined}>
                  <Table.Td>
                    {formatDate(s.heldOn)} · {t('mentoring.minutes', { count: s.durationMinutes })}
                  </Table.Td>
                  <Table.Td>
                    <VoidedNote voided={s.voided} />
                    <Text size="sm" td={s.voided ? 'line-through' : undefined}>
                      {s.mentors.map((m) => m.name).join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.notes}</Table.Td>
                  <Table.Td w={1}>
                    {!s.voided && (
                      <VoidButton
                        url={`/api/mentoring/supervisions/${s.id}/void`}
                        version={s.version}
                        subject={formatDate(s.heldOn)}
                        invalidates={[mentoringKeys.all]}
                      />
                    )}
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
