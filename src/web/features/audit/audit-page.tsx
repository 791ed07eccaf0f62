import { Alert, Button, Code, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type AuditPage as AuditPageData,
  type AuditVerification,
  auditActions,
  auditOutcomes,
} from '../../../shared/contracts/audit';
import { formatDateTime, isMessageKey } from '../../../shared/i18n';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { NamedPagination } from '../../components/named-pagination';
import { useI18n } from '../../i18n';

interface Filters {
  action: string;
  outcome: string;
  from: string;
  to: string;
}
const pageSize = 50;

export function AuditPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filters>({ action: '', outcome: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const audit = useQuery({
    queryKey: ['audit', params.toString()],
    queryFn: () => api<AuditPageData>('GET', `/api/audit?${params}`),
    placeholderData: keepPreviousData,
  });
  const actionLabel = (action: string) => {
    const key = `action.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilters(draft);
  };
  const total = audit.data?.total ?? 0;

  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      <TrailCheck actionLabel={actionLabel} />
      <form onSubmit={apply} aria-label={t('audit.filter')}>
        <Group align="flex-end">
          <Select
            label={t('audit.action')}
            value={draft.action}
            onChange={(value) => setDraft({ ...draft, action: value ?? '' })}
            data={[
              { value: '', label: t('audit.anyAction') },
              ...auditActions.map((a) => ({ value: a, label: actionLabel(a) })),
            ]}
            allowDeselect={false}
          />
          <Select
            label={t('audit.outcome')}
            value={draft.outcome}
            onChange={(value) => setDraft({ ...draft, outcome: value ?? '' })}
            data={[
              { value: '', label: t('audit.anyOutcome') },
              ...auditOutcomes.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) })),
            ]}
            allowDeselect={false}
          />
          <DateField
            label={t('audit.from')}
            value={draft.from}
            onChange={(from) => setDraft({ ...draft, from })}
          />
          <DateField label={t('audit.to')} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
          <Button type="submit">{t('audit.filter')}</Button>
        </Group>
      </form>
      <Text size="sm" c="gray.7" aria-live="polite">
        {t('audit.entries', { count: total })}
      </Text>
      {total === 0 && !audit.isPending ? (
        <Text>{t('audit.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.time')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Th>{t('audit.outcome')}</Table.Th>
                <Table.Th>{t('audit.ip')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.data?.entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{formatDateTime(entry.occurredAt)}</Table.Td>
                  <Table.Td>{entry.actorName ?? t('audit.system')}</Table.Td>
                  <Table.Td>{actionLabel(entry.action)}</Table.Td>
                  <Table.Td>
                    {entry.entityType ? `${entry.entityType} …${entry.entityId?.slice(-8) ?? ''}` : ''}
                  </Table.Td>
                  <Table.Td>{t(`audit.outcome.${entry.outcome}`)}</Table.Td>
                  <Table.Td>{entry.ip}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > pageSize && (
        <NamedPagination total={Math.ceil(total / pageSize)} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}

/** The data protection officer's check that nobody changed the log behind the application's back. */
function TrailCheck({ actionLabel }: { actionLabel: (action: string) => string }) {
  const { t } = useI18n();
  const check = useMutation({
    mutationFn: () => api<AuditVerification>('GET', '/api/audit/verification'),
  });
  const result = check.data;
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={() => check.mutate()} loading={check.isPending}>
          {t('audit.verify')}
        </Button>
        <Text size="sm" c="gray.7">
          {t('audit.verify.help')}
        </Text>
      </Group>
      <div aria-live="polite">
        {result && !result.broken && (
          <Alert color="green">
            <Text size="sm" fw={700}>
              {t('audit.verify.intact', { count: result.entries })}
            </Text>
            {result.head && (
              <>
                <Text size="sm">{t('audit.verify.head', { seq: result.head.seq })}</Text>
                <Code block>{result.head.hash}</Code>
              </>
            )}
          </Alert>
        )}
        {result?.broken && (
          <Alert color="red">
            <Text size="sm" fw={700}>
              {t('audit.verify.broken', { seq: result.broken.seq ?? '—' })}
            </Text>
            <Text size="sm">{t(`audit.problem.${result.broken.problem}`)}</Text>
            {result.broken.action && result.broken.occurredAt && (
              <Text size="sm">
                {t('audit.verify.brokenEntry', {
                  action: actionLabel(result.broken.action),
                  time: formatDateTime(result.broken.occurredAt),
                })}
              </Text>
            )}
          </Alert>
        )}
        {check.error && (
          <Alert color="red.9" role="alert">
            {(check.error as Error).message}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
