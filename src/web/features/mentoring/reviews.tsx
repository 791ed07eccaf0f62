import { List, Text, Textarea } from '@mantine/core';
import { type MatchView, type ReviewView, reviewInput } from '../../../shared/contracts/mentoring';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { VoidButton, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { ModalButton } from '../../components/modal-button';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { mentoringKeys } from './keys';

type Values = { reviewedOn: string; progress: string; nextSteps: string };

function ReviewForm({ match, close }: { match: MatchView; close: () => void }) {
  const { t } = useI18n();
  const form = useEntryForm<Values>({
    initialValues: { reviewedOn: toIsoDate(new Date()), progress: '', nextSteps: '' },
    contract: reviewInput,
  });
  const save = useSave({
    form,
    send: (values: Values) => api('POST', `/api/mentoring/matches/${match.id}/reviews`, values),
    invalidates: () => [mentoringKeys.all],
    saved: t('mentoring.reviewSaved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <DateField label={t('mentoring.reviewedOn')} required {...form.getInputProps('reviewedOn')} />
      <Textarea
        label={t('mentoring.progress')}
        required
        autosize
        minRows={2}
        {...form.getInputProps('progress')}
      />
      <Textarea label={t('mentoring.nextSteps')} autosize {...form.getInputProps('nextSteps')} />
    </EntryForm>
  );
}

/** A match's reviews (due at its mid-point), voided ones struck through; recording one once it has started. */
export function Reviews({ match, reviews }: { match: MatchView; reviews: ReviewView[] }) {
  const { t } = useI18n();
  return (
    <>
      <Text size="sm">
        {match.reviewed
          ? t('mentoring.reviewed')
          : t('mentoring.reviewDue', { date: formatDate(match.midpointOn) })}
      </Text>
      {!match.voided && match.startedOn && (
        <ModalButton
          label={t('mentoring.addReview')}
          title={t('mentoring.addReview')}
          buttonProps={{ size: 'sm', variant: 'default', w: 'fit-content' }}
        >
          {(close) => <ReviewForm match={match} close={close} />}
        </ModalButton>
      )}
      {reviews.length > 0 && (
        <List listStyleType="none" spacing="xs">
          {reviews.map((r) => (
            <List.Item key={r.id}>
              <VoidedNote voided={r.voided} />
              <Text size="sm" td={r.voided ? 'line-through' : undefined}>
                {formatDate(r.reviewedOn)} · {r.byName}: {r.progress}
                {r.nextSteps ? ` · ${t('mentoring.nextSteps')}: ${r.nextSteps}` : ''}
              </Text>
              {!r.voided && (
                <VoidButton
                  url={`/api/mentoring/matches/${match.id}/reviews/${r.id}/void`}
                  version={r.version}
                  subject={formatDate(r.reviewedOn)}
                  invalidates={[mentoringKeys.all]}
                />
              )}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
