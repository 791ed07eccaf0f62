import { Button, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { MeResponse } from '../../../shared/contracts/auth';
import type { EmergencyAccessView, SearchResult } from '../../../shared/contracts/registry';
import { formatDate } from '../../../shared/i18n';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { StatusBadge } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { ReasonForm } from '../../components/reason-form';
import { useI18n } from '../../i18n';
import { useSetMe } from '../../session';

export function SearchPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ q: '', personalCode: '', birthDate: '' });
  const [query, setQuery] = useState<string | null>(null);
  const search = useQuery({
    queryKey: ['search', query],
    queryFn: () => api<SearchResult>('GET', `/api/search?${query}`),
    enabled: query !== null,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value.trim()) params.set(key, value.trim());
    setQuery(params.toString());
  };
  const results = search.data?.results ?? [];

  return (
    <Stack>
      <Title order={1}>{t('search.title')}</Title>
      <search>
        <form onSubmit={submit}>
          <Group align="flex-end">
            <TextInput
              label={t('search.query')}
              description={t('search.hint')}
              value={draft.q}
              onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
              data-autofocus
            />
            <TextInput
              label={t('search.personalCode')}
              value={draft.personalCode}
              onChange={(e) => setDraft({ ...draft, personalCode: e.currentTarget.value })}
            />
            <DateField
              label={t('search.birthDate')}
              value={draft.birthDate}
              onChange={(birthDate) => setDraft({ ...draft, birthDate })}
            />
            <Button type="submit">{t('search.submit')}</Button>
          </Group>
        </form>
      </search>
      {query !== null && !search.isPending && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {results.length === 0 ? t('search.none') : t('search.results', { count: results.length })}
        </Text>
      )}
      <List listStyleType="none" spacing="sm">
        {results.map((person) => (
          <List.Item key={person.personId}>
            <Text fw={600}>
              {person.familyName} {person.givenName}
              {person.birthDate
                ? `, ${formatDate(person.birthDate)}`
                : person.birthYear
                  ? `, ${person.birthYear}`
                  : ''}
            </Text>
            {person.cases.map((c) => (
              <Group key={c.caseId} gap="xs">
                {c.canOpen ? (
                  <Link to="/cases/$caseId" params={{ caseId: c.caseId }}>
                    {c.familyName} — {c.centreName}
                  </Link>
                ) : (
                  <>
                    <Text size="sm">{t('search.noAccess', { centre: c.centreName })}</Text>
                    <ModalButton
                      label={t('emergency.open')}
                      title={t('emergency.title')}
                      ariaLabel={`${t('emergency.open')}: ${person.familyName} ${person.givenName}`}
                      buttonProps={{ variant: 'outline', color: 'red.9', size: 'compact-sm' }}
                    >
                      {() => <EmergencyAccessForm caseId={c.caseId} />}
                    </ModalButton>
                  </>
                )}
                <StatusBadge status={c.status} />
              </Group>
            ))}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** Opening a case outside one's team in an emergency: the reason, then straight to the case. */
function EmergencyAccessForm({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const setMe = useSetMe();
  const navigate = useNavigate();
  return (
    <ReasonForm
      explain={t('emergency.explain')}
      reasonLabel={t('emergency.reason')}
      submitLabel={t('emergency.confirm')}
      send={(reason) => api<EmergencyAccessView>('POST', `/api/cases/${caseId}/emergency-access`, { reason })}
      onDone={async () => {
        setMe(await api<MeResponse>('GET', '/api/auth/me'));
        await navigate({ to: '/cases/$caseId', params: { caseId } });
      }}
    />
  );
}
