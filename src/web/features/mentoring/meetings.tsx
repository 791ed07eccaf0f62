import { Button, Checkbox, NumberInput, Select, SimpleGrid, Table, Text, Textarea } from '@mantine/core';
import {
  type MatchView,
  type MeetingView,
  meetingCorrection,
  meetingInput,
  meetingOutcomes,
} from '../../../shared/contracts/mentoring';
import { formatDate, formatNumber, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { ModalButton } from '../../components/modal-button';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { mentoringKeys } from './keys';

type Values = {
  heldOn: string;
  durationMinutes: number;
  outcome: string;
  what: string;
  note: string;
  hoursEnteredByHand: boolean;
  confirmDuplicate: boolean;
  reason: string;
};

/**
 * Logs a meeting, or corrects one (`editing`). A phone's form: one column, the day and length first. When
 * the volunteer's hours for the day were entered by hand, the server asks whether they include this meeting.
 */
function MeetingForm({
  match,
  editing,
  close,
}: {
  match: MatchView;
  editing?: MeetingView;
  close: () => void;
}) {
  const { t } = useI18n();
  const body = (values: Values) =>
    editing
      ? {
          version: editing.version,
          reason: values.reason,
          heldOn: values.heldOn,
          durationMinutes: values.durationMinutes,
          outcome: values.outcome,
          what: values.what,
          note: values.note,
        }
      : { ...values, reason: undefined };
  const form = useEntryForm<Values>({
    initialValues: {
      heldOn: editing?.heldOn ?? toIsoDate(new Date()),
      durationMinutes: editing?.durationMinutes ?? 60,
      outcome: editing?.outcome ?? 'held',
      what: editing?.what ?? '',
      note: editing?.note ?? '',
      hoursEnteredByHand: false,
      confirmDuplicate: false,
      reason: '',
    },
    contract: editing ? meetingCorrection : meetingInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: Values) =>
      editing
        ? api('PATCH', `/api/mentoring/matches/${match.id}/meetings/${editing.id}`, body(values))
        : api('POST', `/api/mentoring/matches/${match.id}/meetings`, body(values)),
    invalidates: () => [mentoringKeys.all],
    saved: editing ? t('mentoring.meetingCorrected') : t('mentoring.meetingLogged'),
    onSaved: close,
  });
  const askHours = !editing && (form.values.hoursEnteredByHand || !!form.errors.hoursEnteredByHand);
  return (
    <EntryForm
      form={form}
      save={save}
      ownErrors={['DUPLICATE_ACTIVITY']}
      actions={
        save.error?.code === 'DUPLICATE_ACTIVITY' && (
          <Button
            variant="default"
            onClick={() => save.run({ ...form.getValues(), confirmDuplicate: true })}
            loading={save.pending}
          >
            {t('activity.saveAnyway')}
          </Button>
        )
      }
    >
      {save.error?.code === 'DUPLICATE_ACTIVITY' && (
        <Text c="orange.9" size="sm" role="alert">
          {save.error.message}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <DateField label={t('mentoring.heldOn')} required {...form.getInputProps('heldOn')} />
        <NumberInput
          label={t('mentoring.durationMinutes')}
          min={1}
          max={1440}
          step={15}
          allowDecimal={false}
          {...form.getInputProps('durationMinutes')}
        />
      </SimpleGrid>
      <Select
        label={t('mentoring.meetingOutcome')}
        allowDeselect={false}
        data={meetingOutcomes.map((o) => ({ value: o, label: t(`mentoring.meetingOutcome.${o}`) }))}
        {...form.getInputProps('outcome')}
      />
      <Textarea label={t('mentoring.what')} autosize {...form.getInputProps('what')} />
      <Textarea label={t('mentoring.note')} autosize {...form.getInputProps('note')} />
      {askHours && (
        <Checkbox
          label={t('mentoring.hoursEnteredByHand')}
          {...form.getInputProps('hoursEnteredByHand', { type: 'checkbox' })}
        />
      )}
      {editing && <ReasonField {...form.getInputProps('reason')} />}
    </EntryForm>
  );
}

/** A match's meetings, by day, voided ones struck through; logging one once the match has started. */
export function Meetings({ match, meetings }: { match: MatchView; meetings: MeetingView[] }) {
  const { t, language } = useI18n();
  const canLog = !match.voided && match.startedOn !== null;
  return (
    <>
      {canLog && (
        <ModalButton
          label={t('mentoring.logMeeting')}
          title={t('mentoring.logMeeting')}
          buttonProps={{ size: 'sm', w: 'fit-content' }}
        >
          {(close) => <MeetingForm match={match} close={close} />}
        </ModalButton>
      )}
      {meetings.length === 0 ? (
        <Text size="sm">{t('mentoring.noMeetings')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mentoring.heldOn')}</Table.Th>
                <Table.Th>{t('mentoring.meetingOutcome')}</Table.Th>
                <Table.Th>{t('mentoring.what')}</Table.Th>
                <Table.Th>{t('mentoring.hours')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meetings.map((m) => (
                <Table.Tr key={m.id} style={m.voided ? { opacity: 0.7 } : undefined}>
                  <Table.Td>{formatDate(m.heldOn)}</Table.Td>
                  <Table.Td>
                    <VoidedNote voided={m.voided} />
                    <Text size="sm" td={m.voided ? 'line-through' : undefined}>
                      {t(`mentoring.meetingOutcome.${m.outcome}`)} ·{' '}
                      {t('mentoring.minutes', { count: m.durationMinutes })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.what}</Text>
                    {m.note && (
                      <Text size="xs" c="dimmed">
                        {m.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{m.hours === null ? '—' : formatNumber(m.hours, language)}</Table.Td>
                  <Table.Td w={1}>
                    {!m.voided && (
                      <CorrectionActions
                        title={t('mentoring.correctMeeting')}
                        subject={formatDate(m.heldOn)}
                        voidUrl={`/api/mentoring/matches/${match.id}/meetings/${m.id}/void`}
                        version={m.version}
                        invalidates={[mentoringKeys.all]}
                      >
                        {(close) => <MeetingForm match={match} editing={m} close={close} />}
                      </CorrectionActions>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
