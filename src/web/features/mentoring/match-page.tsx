import {
  Alert,
  Anchor,
  Card,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type MatchView, matchClose, matchOutcomes, matchVersion } from '../../../shared/contracts/mentoring';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { VoidButton } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { ReasonForm } from '../../components/reason-form';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { matchOf, mentoringKeys } from './keys';
import { MatchForm } from './match-form';
import { Meetings } from './meetings';
import { Reviews } from './reviews';
import { MatchStatusBadge } from './status-badge';

/** A step with nothing to fill in (start, resume): what it does, and the button; the server's refusal above it. */
function StepForm({
  match,
  step,
  explain,
  close,
}: {
  match: MatchView;
  step: 'start' | 'resume';
  explain: string;
  close: () => void;
}) {
  const { t } = useI18n();
  const form = useEntryForm<Record<string, never>>({
    initialValues: {},
    contract: matchVersion,
    toBody: () => ({ version: match.version }),
  });
  const save = useSave({
    form,
    send: (_values: Record<string, never>) =>
      api('POST', `/api/mentoring/matches/${match.id}/${step}`, { version: match.version }),
    invalidates: () => [mentoringKeys.all],
    saved: t(step === 'start' ? 'mentoring.startedDone' : 'mentoring.resumedDone'),
    onSaved: close,
  });
  return (
    <EntryForm
      form={form}
      save={save}
      submitLabel={t(step === 'start' ? 'mentoring.start' : 'mentoring.resume')}
    >
      <Text size="sm">{explain}</Text>
    </EntryForm>
  );
}

type CloseValues = { endedOn: string; outcome: string; reason: string; outcomeNote: string };

/** Closes a match: the day, the outcome, and why when it did not run its planned length. */
function CloseForm({ match, close }: { match: MatchView; close: () => void }) {
  const { t } = useI18n();
  const body = (values: CloseValues) => ({ ...values, version: match.version });
  const form = useEntryForm<CloseValues>({
    initialValues: { endedOn: toIsoDate(new Date()), outcome: '', reason: '', outcomeNote: '' },
    contract: matchClose,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: CloseValues) => api('POST', `/api/mentoring/matches/${match.id}/close`, body(values)),
    invalidates: () => [mentoringKeys.all],
    saved: t('mentoring.closedDone'),
    onSaved: close,
  });
  const early = form.values.endedOn && form.values.endedOn < match.plannedEndOn;
  return (
    <EntryForm form={form} save={save} submitLabel={t('mentoring.close')}>
      <Text size="sm">{t('mentoring.closeExplained', { date: formatDate(match.plannedEndOn) })}</Text>
      <DateField label={t('mentoring.endedOn')} required {...form.getInputProps('endedOn')} />
      <Select
        label={t('mentoring.outcome')}
        required
        data={matchOutcomes.map((o) => ({ value: o, label: t(`mentoring.outcome.${o}`) }))}
        {...form.getInputProps('outcome')}
      />
      <Textarea
        label={t('mentoring.endReason')}
        required={!!early || match.status === 'proposed'}
        autosize
        minRows={2}
        {...form.getInputProps('reason')}
      />
      <Textarea label={t('mentoring.outcomeNote')} autosize {...form.getInputProps('outcomeNote')} />
    </EntryForm>
  );
}

/** The steps open to the match in its status. */
function MatchActions({ match }: { match: MatchView }) {
  const { t } = useI18n();
  if (match.voided || match.status === 'closed') return null;
  const name = match.menteeName;
  return (
    <Group gap="xs">
      <ModalButton
        label={t('common.edit')}
        title={`${t('mentoring.edit')}: ${name}`}
        buttonProps={{ size: 'sm', variant: 'default' }}
        size="lg"
      >
        {(close) => <MatchForm close={close} editing={match} />}
      </ModalButton>
      {match.status === 'proposed' && (
        <ModalButton
          label={t('mentoring.start')}
          title={`${t('mentoring.start')}: ${name}`}
          buttonProps={{ size: 'sm' }}
        >
          {(close) => (
            <StepForm match={match} step="start" explain={t('mentoring.startExplained')} close={close} />
          )}
        </ModalButton>
      )}
      {match.status === 'active' && (
        <ModalButton
          label={t('mentoring.pause')}
          title={`${t('mentoring.pause')}: ${name}`}
          buttonProps={{ size: 'sm', variant: 'default' }}
        >
          {(close) => (
            <ReasonForm
              explain={t('mentoring.pauseExplained')}
              reasonLabel={t('mentoring.pauseReason')}
              submitLabel={t('mentoring.pause')}
              send={(reason) =>
                api('POST', `/api/mentoring/matches/${match.id}/pause`, { version: match.version, reason })
              }
              invalidates={[mentoringKeys.all]}
              saved={t('mentoring.pausedDone')}
              onDone={close}
            />
          )}
        </ModalButton>
      )}
      {match.status === 'paused' && (
        <ModalButton
          label={t('mentoring.resume')}
          title={`${t('mentoring.resume')}: ${name}`}
          buttonProps={{ size: 'sm' }}
        >
          {(close) => (
            <StepForm match={match} step="resume" explain={t('mentoring.resumeExplained')} close={close} />
          )}
        </ModalButton>
      )}
      <ModalButton
        label={t('mentoring.close')}
        title={`${t('mentoring.close')}: ${name}`}
        buttonProps={{ size: 'sm', variant: 'default', color: 'red.8' }}
      >
        {(close) => <CloseForm match={match} close={close} />}
      </ModalButton>
      {match.status === 'proposed' && (
        <VoidButton
          url={`/api/mentoring/matches/${match.id}/void`}
          version={match.version}
          subject={name}
          invalidates={[mentoringKeys.all]}
        />
      )}
    </Group>
  );
}

/** What the match records, as the coordinator reads it: the mentee's essentials, never the case's content. */
function MatchFacts({ match }: { match: MatchView }) {
  const { t } = useI18n();
  const row = (label: string, value: string) => (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{value || '—'}</Text>
    </div>
  );
  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {row(
          t('mentoring.mentee'),
          `${match.menteeName}${match.menteeAge === null ? '' : `, ${t('mentoring.age', { count: match.menteeAge })}`}`,
        )}
        {row(t('mentoring.case'), `${match.caseNumber} · ${match.centreName}`)}
        {row(t('mentoring.keyWorker'), match.keyWorkerName)}
        {row(t('mentoring.mentor'), match.volunteerName)}
        {row(
          t('mentoring.period'),
          `${formatDate(match.startedOn ?? match.startsOn)}–${formatDate(match.plannedEndOn)} (${t('mentoring.months', { count: match.plannedMonths })})`,
        )}
        {row(
          t('mentoring.consent'),
          match.consentOn ? `${match.consentBy}, ${formatDate(match.consentOn)}` : t('mentoring.noConsent'),
        )}
        {match.keyWorkerInformedOn &&
          row(t('mentoring.keyWorkerInformed'), formatDate(match.keyWorkerInformedOn))}
        {match.endedOn &&
          row(
            t('mentoring.ended'),
            `${formatDate(match.endedOn)} · ${t(`mentoring.endKind.${match.endKind!}`)}${match.endReason ? ` · ${match.endReason}` : ''}`,
          )}
        {match.outcome &&
          row(
            t('mentoring.outcome'),
            `${t(`mentoring.outcome.${match.outcome}`)}${match.outcomeNote ? ` · ${match.outcomeNote}` : ''}`,
          )}
      </SimpleGrid>
      <Stack gap="xs" mt="sm">
        {row(t('mentoring.goals'), match.goals)}
        {row(t('mentoring.needs'), match.needs)}
      </Stack>
    </Card>
  );
}

/** One match: its facts, its steps, and its meetings. */
export function MatchPage() {
  const { t } = useI18n();
  const { matchId } = useParams({ from: '/mentoring/$matchId' });
  const detail = useQuery(matchOf(matchId)).data;
  if (!detail) return <Text>{t('app.loading')}</Text>;
  const { match, meetings, reviews } = detail;
  return (
    <Stack>
      <Anchor component={Link} to="/mentoring" size="sm">
        ← {t('mentoring.title')}
      </Anchor>
      <PageHeader title={`${match.menteeName} · ${match.volunteerName}`}>
        <MatchStatusBadge match={match} />
      </PageHeader>
      {match.voided && (
        <Alert color="red">
          {t('activity.voided', {
            name: match.voided.byName,
            date: formatDate(match.voided.at.slice(0, 10)),
            reason: match.voided.reason,
          })}
        </Alert>
      )}
      <MatchActions match={match} />
      <MatchFacts match={match} />
      <Title order={2} size="h4">
        {t('mentoring.meetings')}
      </Title>
      <Meetings match={match} meetings={meetings} />
      <List size="sm" c="dimmed">
        <List.Item>{t('mentoring.meetingsCount')}</List.Item>
      </List>
      <Title order={2} size="h4">
        {t('mentoring.reviews')}
      </Title>
      <Reviews match={match} reviews={reviews} />
    </Stack>
  );
}
