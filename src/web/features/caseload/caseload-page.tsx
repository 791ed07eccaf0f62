import { Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import type { CaseloadPage as CaseloadData } from '../../../shared/contracts/registry';
import { formatDate } from '../../../shared/i18n';
import { caseStatuses, referralReasons, riskLevels } from '../../../shared/registry';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { useDayOrNotYet, useMembersText } from '../../components/family-glance';
import { RiskBadge, StatusBadge, useOptions } from '../../components/labels';
import { NamedPagination } from '../../components/named-pagination';
import { useI18n } from '../../i18n';
import { useActiveCentresWith, workersQuery } from '../../queries';
import { useMe } from '../../session';
import { type CaseloadSearch, filterKeys, type Sort } from './caseload-search';

const pageSize = 25;

export function CaseloadPage() {
  const { t } = useI18n();
  const members = useMembersText();
  const dayOrNotYet = useDayOrNotYet();
  const supervises = useMe().data?.permissions.includes('cases.supervise') ?? false;
  const search = useSearch({ from: '/cases' });
  const navigate = useNavigate({ from: '/cases' });
  const scope = search.scope ?? (supervises ? 'centre' : 'mine');
  const sort = search.sort ?? 'referralDate';
  const page = search.page ?? 1;
  const filters = Object.fromEntries(filterKeys.map((key) => [key, search[key] ?? ''])) as Record<
    (typeof filterKeys)[number],
    string
  >;
  /** A change of filter or sort starts again from the first page; the list replaces itself in history. */
  const change = (patch: Partial<CaseloadSearch>) =>
    navigate({
      search: (previous: CaseloadSearch) => {
        const next: Record<string, unknown> = { ...previous, page: undefined, ...patch };
        for (const key of Object.keys(next))
          if (next[key] === '' || next[key] === undefined) delete next[key];
        return next as CaseloadSearch;
      },
      replace: true,
    });
  // The name box writes to the URL once typing pauses; coming Back mounts the page with the URL's name.
  const [typedName, setTypedName] = useState(filters.name);
  const saveName = useDebouncedCallback((name: string) => change({ name }), 300);
  // The centre she supervises (a centre manager's), whose workers the key-worker filter offers.
  const managedCentre = useActiveCentresWith('cases.supervise')[0]?.id ?? null;
  const workers = useQuery({
    ...workersQuery(managedCentre),
    enabled: !!managedCentre && scope === 'centre',
  });
  const params = new URLSearchParams({
    scope,
    sort,
    direction: sort === 'family' || sort === 'keyWorker' ? 'asc' : 'desc',
  });
  params.set('page', String(page));
  params.set('pageSize', String(pageSize));
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const caseload = useQuery({
    queryKey: ['caseload', params.toString()],
    queryFn: () => api<CaseloadData>('GET', `/api/cases?${params}`),
    placeholderData: keepPreviousData,
  });
  const any = { value: '', label: t('caseload.any') };
  const setFilter = (patch: Partial<typeof filters>) => change(patch);
  const statusOptions = useOptions(caseStatuses, 'status');
  const riskOptions = useOptions(riskLevels, 'risk');
  const reasonOptions = useOptions(referralReasons, 'reason');
  const total = caseload.data?.total ?? 0;

  return (
    <Stack>
      <Title order={1}>{scope === 'mine' ? t('caseload.mine') : t('caseload.centre')}</Title>
      {supervises && (
        <SegmentedControl
          value={scope}
          onChange={(value) => change({ scope: value as 'mine' | 'centre' })}
          data={[
            { value: 'mine', label: t('caseload.mine') },
            { value: 'centre', label: t('caseload.centre') },
          ]}
          aria-label={t('nav.cases')}
          w="fit-content"
        />
      )}
      <Group align="flex-end">
        <TextInput
          label={t('caseload.name')}
          value={typedName}
          onChange={(event) => {
            setTypedName(event.currentTarget.value);
            saveName(event.currentTarget.value);
          }}
          w={200}
        />
        <Select
          label={t('case.status')}
          data={[any, ...statusOptions]}
          value={filters.status}
          onChange={(v) => setFilter({ status: v ?? '' })}
          allowDeselect={false}
          w={160}
        />
        <Select
          label={t('case.risk')}
          data={[any, ...riskOptions]}
          value={filters.riskLevel}
          onChange={(v) => setFilter({ riskLevel: v ?? '' })}
          allowDeselect={false}
          w={160}
        />
        <Select
          label={t('case.referralReasons')}
          data={[any, ...reasonOptions]}
          value={filters.reason}
          onChange={(v) => setFilter({ reason: v ?? '' })}
          allowDeselect={false}
          w={260}
        />
        {scope === 'centre' && workers.data && (
          <Select
            label={t('case.keyWorker')}
            data={[any, ...workers.data.workers.map((w) => ({ value: w.id, label: w.name }))]}
            value={filters.keyWorkerId}
            onChange={(v) => setFilter({ keyWorkerId: v ?? '' })}
            allowDeselect={false}
            w={200}
          />
        )}
        <DateField
          label={t('caseload.referredFrom')}
          value={filters.referredFrom}
          onChange={(referredFrom) => setFilter({ referredFrom })}
          w={150}
        />
        <DateField
          label={t('caseload.referredTo')}
          value={filters.referredTo}
          onChange={(referredTo) => setFilter({ referredTo })}
          w={150}
        />
        <Select
          label={t('caseload.sort')}
          value={sort}
          onChange={(v) => change({ sort: (v ?? 'referralDate') as Sort })}
          allowDeselect={false}
          w={200}
          data={[
            { value: 'referralDate', label: t('case.referralDate') },
            { value: 'family', label: t('family.name') },
            { value: 'status', label: t('case.status') },
            { value: 'risk', label: t('case.risk') },
            { value: 'keyWorker', label: t('case.keyWorker') },
          ]}
        />
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('caseload.count', { count: total })}
      </Text>
      {total === 0 && !caseload.isPending ? (
        <Text>{t('caseload.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('family.name')}</Table.Th>
                <Table.Th>{t('case.number')}</Table.Th>
                <Table.Th>{t('family.members')}</Table.Th>
                <Table.Th>{t('family.lastContact')}</Table.Th>
                <Table.Th>{t('case.centre')}</Table.Th>
                <Table.Th>{t('case.keyWorker')}</Table.Th>
                <Table.Th>{t('case.status')}</Table.Th>
                <Table.Th>{t('case.risk')}</Table.Th>
                <Table.Th>{t('case.referralDate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {caseload.data?.cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Link to="/cases/$caseId" params={{ caseId: c.id }}>
                      {c.familyName}
                    </Link>
                  </Table.Td>
                  <Table.Td>{c.number}</Table.Td>
                  <Table.Td>{members(c.adults, c.childAges)}</Table.Td>
                  <Table.Td>{dayOrNotYet(c.lastContact)}</Table.Td>
                  <Table.Td>{c.centreName}</Table.Td>
                  <Table.Td>{c.keyWorkerName}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>{c.riskLevel ? <RiskBadge risk={c.riskLevel} /> : t('case.riskNone')}</Table.Td>
                  <Table.Td>{formatDate(c.referralDate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > pageSize && (
        <NamedPagination
          total={Math.ceil(total / pageSize)}
          value={page}
          onChange={(next) =>
            navigate({
              search: (previous: CaseloadSearch) => ({ ...previous, page: next > 1 ? next : undefined }),
            })
          }
        />
      )}
    </Stack>
  );
}
