import { BarChart, LineChart } from '@mantine/charts';
import { Button, Card, Group, Loader, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { ProjectView } from '../../../shared/contracts/projects';
import { type ReportKindName, reportKindNames } from '../../../shared/contracts/reports';
import { formatDate, formatNumber, formatPercent } from '../../../shared/i18n';
import { type IndicatorKey, indicatorKeys } from '../../../shared/indicators';
import { api } from '../../api';
import { ChartCard } from '../../components/chart-card';
import { DateField } from '../../components/date-field';
import { FormError } from '../../components/form-error';
import { ModalButton } from '../../components/modal-button';
import { ComputingStatus, DownloadLinks } from '../../components/report-controls';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { activityTypesQuery } from '../../queries';
import { useMe } from '../../session';
import { projectKeys } from './keys';

/** A count; for partner viewers counts of 1 to 4 people or families come as "<5". */
type Count = number | '<5';
/** The number to chart or compute with: a suppressed count is left out. */
const chartValue = (count: Count): number | null => (count === '<5' ? null : count);

interface Row {
  key: IndicatorKey;
  by: Record<string, string> | null;
  planned: number | null;
  achieved: Count;
}
interface Results {
  project: { code: string; title: string };
  period: { from: string; to: string };
  indicators: Row[];
}
interface Comparison {
  period: { from: string; to: string };
  previous: { from: string; to: string };
  indicators: {
    key: IndicatorKey;
    by: Record<string, string> | null;
    current: Count;
    previous: Count;
    change: number | null;
  }[];
}

interface Quarterly {
  quarters: {
    quarter: string;
    families_reached: Count;
    new_families: Count;
    cumulative_families: number;
    cumulative_spent_cents: number;
    planned_cumulative_cents: number;
  }[];
}

function ProgressAndSummary({ projectId }: { projectId: string }) {
  const { t, language } = useI18n();
  const quarterly = useQuery({
    queryKey: projectKeys.part(projectId, 'quarterly'),
    queryFn: () => api<Quarterly>('GET', `/api/projects/${projectId}/reports/quarterly`),
  }).data;
  const summary = useQuery({
    queryKey: projectKeys.part(projectId, 'public-summary', language),
    queryFn: () =>
      api<{ sentences: string[] }>(
        'GET',
        `/api/projects/${projectId}/reports/public-summary?lang=${language}`,
      ),
  }).data;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {quarterly && quarterly.quarters.length > 1 && (
        <ChartCard title={t('report.quarterlyTitle')}>
          <LineChart
            h={220}
            data={quarterly.quarters.map((q) => ({
              quarter: q.quarter,
              cumulative: q.cumulative_families,
              reached: chartValue(q.families_reached),
            }))}
            dataKey="quarter"
            series={[
              { name: 'cumulative', label: t('report.cumulativeFamilies'), color: 'teal.7' },
              { name: 'reached', label: t('indicator.families_reached'), color: 'indigo.7' },
            ]}
            withLegend
          />
        </ChartCard>
      )}
      {summary && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('report.publicSummary')}
          </Title>
          <Stack gap="xs">
            {summary.sentences.map((sentence) => (
              <Text key={sentence}>{sentence}</Text>
            ))}
          </Stack>
        </Card>
      )}
    </SimpleGrid>
  );
}

interface ContractResults {
  contracts: {
    number: string;
    counterparty: string;
    quota_families: number | null;
    families_served: number;
  }[];
}

/** Contracts of the project: quota against families served in the period. */
function ContractsCard({ projectId }: { projectId: string }) {
  const { t, language } = useI18n();
  const report = useQuery({
    queryKey: projectKeys.part(projectId, 'contract-report'),
    queryFn: () => api<ContractResults>('GET', `/api/projects/${projectId}/reports/contract`),
  }).data;
  if (!report || report.contracts.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('report.contractTitle')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('report.contractNumber')}</Table.Th>
            <Table.Th>{t('report.counterparty')}</Table.Th>
            <Table.Th ta="right">{t('report.quota')}</Table.Th>
            <Table.Th ta="right">{t('report.familiesServed')}</Table.Th>
            <Table.Th ta="right">{t('report.ratio')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.contracts.map((c) => (
            <Table.Tr key={c.number}>
              <Table.Td>{c.number}</Table.Td>
              <Table.Td>{c.counterparty}</Table.Td>
              <Table.Td ta="right">{c.quota_families ?? ''}</Table.Td>
              <Table.Td ta="right">{c.families_served}</Table.Td>
              <Table.Td ta="right">
                {c.quota_families ? formatPercent(c.families_served / c.quota_families, language) : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

interface RecordList {
  records: { kind: string; code: string; date: string | null; name: string | null }[];
}

/** The records a figure counts: codes, names where the caller works on the case. */
function RecordsButton({
  projectId,
  row,
  period,
}: {
  projectId: string;
  row: Row;
  period: { from: string; to: string } | null;
}) {
  const { t } = useI18n();
  const label = `${t('results.records')}: ${t(`indicator.${row.key}`)}${row.by ? ` (${Object.values(row.by).join(', ')})` : ''}`;
  return (
    <ModalButton label={t('results.records')} title={label} ariaLabel={label}>
      {() => <RecordsList projectId={projectId} row={row} period={period} />}
    </ModalButton>
  );
}

function RecordsList({
  projectId,
  row,
  period,
}: {
  projectId: string;
  row: Row;
  period: { from: string; to: string } | null;
}) {
  const { t } = useI18n();
  const params = new URLSearchParams({
    key: row.key,
    ...(row.by ? { by: JSON.stringify(row.by) } : {}),
    ...(period ?? {}),
  });
  const list = useQuery({
    queryKey: projectKeys.part(projectId, 'records', params.toString()),
    queryFn: () => api<RecordList>('GET', `/api/projects/${projectId}/reports/records?${params}`),
  }).data;
  if (!list) return <Loader size="sm" role="status" aria-label={t('app.loading')} />;
  return (
    <Stack gap="xs">
      <Text size="sm">{t('results.recordsCount', { count: list.records.length })}</Text>
      <Table>
        <Table.Tbody>
          {list.records.map((r, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered; activities share codes
            <Table.Tr key={`${r.code}-${index}`}>
              <Table.Td>{r.code}</Table.Td>
              <Table.Td>{r.name ?? ''}</Table.Td>
              <Table.Td>{r.date ? formatDate(r.date) : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

interface SnapshotList {
  snapshots: { id: string; kind: ReportKindName; publishedAt: string; publishedByName: string }[];
}
interface SnapshotComparison {
  inputHash: string;
  currentHash: string;
  changes: { path: string; published: unknown; now: unknown }[];
}

/** What changed in a published report since it was published. */
function SnapshotChanges({ id }: { id: string }) {
  const { t } = useI18n();
  const comparison = useQuery({
    queryKey: ['snapshot', id],
    queryFn: () => api<SnapshotComparison>('GET', `/api/report-snapshots/${id}`),
  }).data;
  if (!comparison) return <Loader size="sm" role="status" aria-label={t('app.loading')} />;
  if (comparison.changes.length === 0)
    return (
      <Text>
        {comparison.currentHash === comparison.inputHash
          ? t('snapshots.unchanged')
          : t('snapshots.inputsOnly')}
      </Text>
    );
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('snapshots.figure')}</Table.Th>
          <Table.Th ta="right">{t('snapshots.published')}</Table.Th>
          <Table.Th ta="right">{t('snapshots.now')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {comparison.changes.map((c) => (
          <Table.Tr key={c.path}>
            <Table.Td>{c.path}</Table.Td>
            <Table.Td ta="right">{String(c.published ?? '–')}</Table.Td>
            <Table.Td ta="right">{String(c.now ?? '–')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Published reports of the project: publish the one on screen, see what changed since. */
function Snapshots({
  projectId,
  period,
  kind,
}: {
  projectId: string;
  period: { from: string; to: string } | null;
  kind: ReportKindName;
}) {
  const { t, language } = useI18n();
  const me = useMe().data;
  const list = useQuery({
    queryKey: projectKeys.part(projectId, 'snapshots'),
    queryFn: () => api<SnapshotList>('GET', `/api/projects/${projectId}/snapshots`),
  });
  const publish = useSave({
    send: () =>
      api('POST', `/api/projects/${projectId}/reports/${kind}/snapshots`, {
        lang: language,
        ...(period ?? {}),
      }),
    invalidates: () => [projectKeys.part(projectId, 'snapshots')],
    saved: t('snapshots.published'),
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('snapshots.title')}
        </Title>
        {me?.permissions.includes('projects.manage') && (
          <Button variant="default" onClick={() => publish.run()} loading={publish.pending}>
            {t('snapshots.publishKind', { kind: t(`reportKind.${kind}`) })}
          </Button>
        )}
      </Group>
      <FormError error={publish.error} />
      {(list.data?.snapshots ?? []).length === 0 ? (
        <Text size="sm">{t('snapshots.none')}</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {list.data!.snapshots.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {t(`reportKind.${s.kind}`)} ·{' '}
                  {t('snapshots.line', {
                    date: formatDate(s.publishedAt.slice(0, 10)),
                    time: s.publishedAt.slice(11, 16),
                    name: s.publishedByName,
                  })}
                </Table.Td>
                <Table.Td>
                  <ModalButton label={t('snapshots.compare')} title={t('snapshots.compare')} size="lg">
                    {() => <SnapshotChanges id={s.id} />}
                  </ModalButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** Figures that people compare as planned vs achieved, by activity type and centre, by year. */
export function ProjectResultsPage() {
  const { t, language } = useI18n();
  const { projectId } = useParams({ from: '/projects/$projectId/results' });
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const project = useQuery({
    queryKey: projectKeys.page(projectId),
    queryFn: () => api<ProjectView>('GET', `/api/projects/${projectId}`),
  }).data;
  const params = new URLSearchParams({ lang: language, ...(period ?? {}) });
  const results = useQuery({
    queryKey: projectKeys.part(projectId, 'results', params.toString()),
    queryFn: () => api<Results>('GET', `/api/projects/${projectId}/reports/project-results?${params}`),
  });
  const compare = useQuery({
    queryKey: projectKeys.part(projectId, 'compare', language),
    queryFn: () => api<Comparison>('GET', `/api/projects/${projectId}/reports/compare?lang=${language}`),
  });
  const types = useQuery(activityTypesQuery).data?.types ?? [];
  // Reports name types by their code; people read the type's name.
  const typeName = (code: string) => {
    const type = types.find((x) => x.code === code || x.nameLv === code);
    return type ? (language === 'lv' ? type.nameLv : type.nameEn) : code;
  };
  const rows = results.data?.indicators ?? [];
  const label = (key: IndicatorKey) => t(`indicator.${key}`);
  const targets = rows.filter((r) => r.by === null && r.planned !== null);
  const overall = rows.filter((r) => r.by === null && r.planned === null && r.achieved !== 0);
  const byTypeAndCentre = rows.filter((r) => r.by && Object.keys(r.by).length === 2 && r.achieved !== 0);
  // Partner viewers get aggregates only: no records behind a figure.
  const me = useMe().data;
  const mayListRecords =
    !!me && (me.permissions.includes('projects.read') || me.permissions.includes('reports.read'));
  const byYear = rows.filter((r) => r.by && 'year' in r.by && Object.keys(r.by).length === 1);
  const years = [...new Set(byYear.map((r) => r.by!.year!))].sort();
  // Every report kind the caller may have: a centre's manager the activity figures only.
  const kinds = reportKindNames.filter(
    (kind) =>
      me?.permissions.includes('projects.read') ||
      me?.permissions.includes('partner.read') ||
      kind === 'project-results' ||
      kind === 'compare',
  );
  const [kind, setKind] = useState<ReportKindName>('project-results');
  const download = (format: string) =>
    `/api/projects/${projectId}/reports/${kind}?${new URLSearchParams({ ...Object.fromEntries(params), format })}`;
  return (
    <Stack>
      <Stack gap={4}>
        <Link to="/projects/$projectId" params={{ projectId }}>
          {project?.code ?? ''}
        </Link>
        <Title order={1}>{t('results.title')}</Title>
        {results.data && (
          <Text>
            {results.data.project.title} · {formatDate(results.data.period.from)}–
            {formatDate(results.data.period.to)}
          </Text>
        )}
      </Stack>
      <Group align="flex-end">
        <DateField
          label={t('results.from')}
          value={draft.from}
          onChange={(from) => setDraft({ ...draft, from })}
        />
        <DateField label={t('results.to')} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
        <Button variant="default" onClick={() => setPeriod(draft.from && draft.to ? draft : null)}>
          {t('results.apply')}
        </Button>
        <Select
          label={t('results.reportKind')}
          data={kinds.map((value) => ({ value, label: t(`reportKind.${value}`) }))}
          value={kind}
          onChange={(value) => value && setKind(value as ReportKindName)}
          allowDeselect={false}
        />
        <DownloadLinks href={download} />
      </Group>
      <ComputingStatus shown={results.isFetching} />
      {results.data && (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t('report.targets')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('report.indicator')}</Table.Th>
                    <Table.Th ta="right">{t('report.planned')}</Table.Th>
                    <Table.Th ta="right">{t('report.achieved')}</Table.Th>
                    <Table.Th ta="right">{t('report.ratio')}</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">{t('results.records')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {targets.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Td>{label(r.key)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.planned!, language)}</Table.Td>
                      <Table.Td ta="right">
                        {r.achieved === '<5' ? r.achieved : formatNumber(r.achieved, language)}
                      </Table.Td>
                      <Table.Td ta="right">
                        {r.achieved === '<5' ? '' : formatPercent(r.achieved / r.planned!, language)}
                      </Table.Td>
                      <Table.Td>
                        {mayListRecords && <RecordsButton projectId={projectId} row={r} period={period} />}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {overall.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Td>{label(r.key)}</Table.Td>
                      <Table.Td />
                      <Table.Td ta="right">
                        {r.achieved === '<5' ? r.achieved : formatNumber(r.achieved, language)}
                      </Table.Td>
                      <Table.Td />
                      <Table.Td />
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            {targets.length > 0 && (
              <ChartCard title={t('results.chartTargets')}>
                <BarChart
                  h={260}
                  data={targets.map((r) => ({
                    indicator: label(r.key),
                    planned: r.planned,
                    achieved: chartValue(r.achieved),
                  }))}
                  dataKey="indicator"
                  series={[
                    { name: 'planned', label: t('report.planned'), color: 'gray.6' },
                    { name: 'achieved', label: t('report.achieved'), color: 'teal.7' },
                  ]}
                  withLegend
                />
              </ChartCard>
            )}
          </SimpleGrid>
          {years.length > 1 && (
            <ChartCard title={t('results.chartYears')}>
              <LineChart
                h={220}
                data={years.map((year) => ({
                  year,
                  families: chartValue(
                    byYear.find((r) => r.key === 'families_reached' && r.by!.year === year)?.achieved ?? 0,
                  ),
                  activities: chartValue(
                    byYear.find((r) => r.key === 'activities_held' && r.by!.year === year)?.achieved ?? 0,
                  ),
                }))}
                dataKey="year"
                series={[
                  { name: 'families', label: label('families_reached'), color: 'teal.7' },
                  { name: 'activities', label: label('activities_held'), color: 'indigo.7' },
                ]}
                withLegend
              />
            </ChartCard>
          )}
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              {t('report.breakdown', { by: `${t('dimension.activity_type')}, ${t('dimension.centre')}` })}
            </Title>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dimension.activity_type')}</Table.Th>
                  <Table.Th>{t('dimension.centre')}</Table.Th>
                  <Table.Th>{t('report.indicator')}</Table.Th>
                  <Table.Th ta="right">{t('report.achieved')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('results.records')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {byTypeAndCentre.map((r) => (
                  <Table.Tr key={`${r.key}-${r.by!.activity_type}-${r.by!.centre}`}>
                    <Table.Td>{typeName(r.by!.activity_type!)}</Table.Td>
                    <Table.Td>{r.by!.centre}</Table.Td>
                    <Table.Td>{label(r.key)}</Table.Td>
                    <Table.Td ta="right">
                      {r.achieved === '<5' ? r.achieved : formatNumber(r.achieved, language)}
                    </Table.Td>
                    <Table.Td>
                      {mayListRecords && <RecordsButton projectId={projectId} row={r} period={period} />}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <IndicatorDefinitions />
        </>
      )}
      <ProgressAndSummary projectId={projectId} />
      <ContractsCard projectId={projectId} />
      {me?.permissions.includes('projects.read') && (
        <Snapshots projectId={projectId} period={period} kind={kind} />
      )}
      {compare.data && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('report.compareTitle')}: {formatDate(compare.data.period.from)}–
            {formatDate(compare.data.period.to)} / {formatDate(compare.data.previous.from)}–
            {formatDate(compare.data.previous.to)}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('report.indicator')}</Table.Th>
                <Table.Th>{t('report.by')}</Table.Th>
                <Table.Th ta="right">{compare.data.period.from.slice(0, 4)}</Table.Th>
                <Table.Th ta="right">{compare.data.previous.from.slice(0, 4)}</Table.Th>
                <Table.Th ta="right">{t('report.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {compare.data.indicators
                .filter(
                  (r) => r.by !== null && (r.current !== 0 || r.previous !== 0) && r.key !== 'service_hours',
                )
                .map((r) => (
                  <Table.Tr key={`${r.key}-${r.by?.programme}`}>
                    <Table.Td>{label(r.key)}</Table.Td>
                    <Table.Td>{r.by?.programme}</Table.Td>
                    <Table.Td ta="right">{r.current}</Table.Td>
                    <Table.Td ta="right">{r.previous}</Table.Td>
                    <Table.Td ta="right">
                      {r.change === null ? '' : r.change > 0 ? `+${r.change}` : r.change}
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}

/** What each indicator counts and what it does not, in the words of the counting rules. */
function IndicatorDefinitions() {
  const { t } = useI18n();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('report.definitions')}
      </Title>
      <dl className="definitions">
        {indicatorKeys.map((key) => (
          <div key={key}>
            <dt>{t(`indicator.${key}`)}</dt>
            <dd>{t(`indicatorDefinition.${key}`)}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
