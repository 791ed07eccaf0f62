import { Alert, Anchor, Button, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatDate } from '../../../shared/i18n';
import { api } from '../../api';
import { useConfirmation } from '../../components/confirm-dialog';
import { FormError } from '../../components/form-error';
import { ModalButton } from '../../components/modal-button';
import { ReasonForm } from '../../components/reason-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { RetentionRulesText } from './retention-rules';

interface Found {
  persons: {
    id: string;
    givenName: string;
    familyName: string;
    birthDate: string | null;
    birthYear: number | null;
  }[];
}

/** The data protection officer's subject access requests: find the person, download the export. */
export function SubjectAccessPage() {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const search = useQuery({
    queryKey: ['subject-access', query],
    queryFn: () =>
      api<Found>('GET', `/api/subject-access/persons?${new URLSearchParams({ q: query ?? '' })}`),
    enabled: query !== null,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft.trim());
  };
  const persons = search.data?.persons ?? [];
  const [erased, setErased] = useState(false);
  return (
    <Stack>
      <Title order={1}>{t('subject.search')}</Title>
      <RetentionPart />
      <Text>{t('subject.searchHint')}</Text>
      {erased && (
        <Alert color="green" role="status">
          {t('subject.erased')}
        </Alert>
      )}
      <search>
        <form onSubmit={submit}>
          <Group align="flex-end">
            <TextInput
              label={t('subject.query')}
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              required
              minLength={2}
              data-autofocus
            />
            <Button type="submit" loading={search.isFetching}>
              {t('search.submit')}
            </Button>
          </Group>
        </form>
      </search>
      {query !== null && !search.isPending && (
        <Text size="sm" c="gray.7" aria-live="polite">
          {persons.length === 0 ? t('search.none') : t('search.results', { count: persons.length })}
        </Text>
      )}
      <List listStyleType="none" spacing="sm">
        {persons.map((p) => (
          <List.Item key={p.id}>
            <Group gap="sm">
              <Text fw={600}>
                {p.familyName} {p.givenName}
                {p.birthDate ? `, ${formatDate(p.birthDate)}` : p.birthYear ? `, ${p.birthYear}` : ''}
              </Text>
              <EraseButton
                personId={p.id}
                name={`${p.familyName} ${p.givenName}`}
                onErased={() => {
                  setErased(true);
                  void search.refetch();
                }}
              />
              <Anchor
                href={`/api/subject-access/persons/${p.id}/export?language=${language}`}
                download
                aria-label={`${t('subject.export')}: ${p.familyName} ${p.givenName}`}
              >
                {t('subject.export')}
              </Anchor>
            </Group>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** Erasure, with its ground; the server refuses it while a case holds her data and says why. */
function EraseButton({ personId, name, onErased }: { personId: string; name: string; onErased: () => void }) {
  const { t } = useI18n();
  return (
    <ModalButton
      label={t('subject.erase')}
      title={t('subject.erase')}
      ariaLabel={`${t('subject.erase')}: ${name}`}
      buttonProps={{ variant: 'outline', color: 'red.9', size: 'compact-sm' }}
    >
      {(close) => (
        <EraseForm
          personId={personId}
          onErased={() => {
            close();
            onErased();
          }}
        />
      )}
    </ModalButton>
  );
}

function EraseForm({ personId, onErased }: { personId: string; onErased: () => void }) {
  const { t } = useI18n();
  return (
    <ReasonForm
      explain={t('subject.eraseExplain')}
      reasonLabel={t('subject.eraseReason')}
      submitLabel={t('subject.erase')}
      send={(reason) => api('POST', `/api/subject-access/persons/${personId}/erase`, { reason })}
      onDone={onErased}
    />
  );
}

/** What retention would change now (a dry run), and running it at once rather than with tonight's run. */
function RetentionPart() {
  const { t } = useI18n();
  const plan = useQuery({
    queryKey: ['retention'],
    queryFn: () =>
      api<{ caseYears: number; documentYears: number; persons: number; documents: number }>(
        'GET',
        '/api/retention',
      ),
  });
  const run = useSave({
    send: () => api('POST', '/api/retention/run'),
    // The confirmation says when it is done.
    invalidates: () => [['retention']],
  });
  // Anonymising people and deleting documents cannot be undone: asked first.
  const confirmation = useConfirmation();
  if (!plan.data) return null;
  const ask = () =>
    confirmation.ask({
      title: t('retention.run'),
      question: t('retention.confirmRun', plan.data!),
      run: async () => (await run.run()) !== undefined,
      done: t('retention.done'),
    });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('retention.title')}
      </Title>
      <FormError error={run.error} />
      <RetentionRulesText rules={plan.data} />
      <Text size="sm" aria-live="polite">
        {t('retention.plan', plan.data)}
      </Text>
      {confirmation.dialog}
      {(plan.data.persons > 0 || plan.data.documents > 0) && (
        <Button w="fit-content" variant="outline" color="red.9" onClick={ask} loading={run.pending}>
          {t('retention.run')}
        </Button>
      )}
    </Stack>
  );
}
