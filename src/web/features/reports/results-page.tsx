import { BarChart } from '@mantine/charts';
import { Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { centresWith } from '../../../shared/access';
import { dimensionHeading, dimensionValue, type ScopeResults } from '../../../shared/contracts/reports';
import { formatDate, formatNumber } from '../../../shared/i18n';
import { api } from '../../api';
import { ChartCard } from '../../components/chart-card';
import { DateField } from '../../components/date-field';
import { FormError } from '../../components/form-error';
import { ComputingStatus, DownloadLinks } from '../../components/report-controls';
import { useI18n } from '../../i18n';
import { activityTypesQuery } from '../../queries';
import { useMe } from '../../session';

/** Query keys of the reports feature. */
export const reportKeys = {
  results: (query: string) => ['reports', 'results', query] as const,
  centres: ['centres'] as const,
  programmes: ['programmes'] as const,
};

const thisYear = () => {
  const year = new Date().getFullYear();
  return { from: `${year}-01-01`, to: `${year}-12-31` };
};

/**
 * Results without a project (issue 18, rule 8): the whole organisation, one centre or one programme, for
 * any period, beside the period before; breakdowns by centre, programme, activity type, quarter and by
 * the people reached (sex, age band, disability, municipality); every output downloadable.
 */
export function ResultsPage() {
  const { t, language } = useI18n();
  const me = useMe().data;
  const [draft, setDraft] = useState({ ...thisYear(), centreId: '', programmeId: '' });
  const [applied, setApplied] = useState(draft);
  const centres = useQuery({
    queryKey: reportKeys.centres,
    queryFn: () => api<{ centres: { id: string; name: string }[] }>('GET', '/api/centres'),
  }).data?.centres;
  const programmes = useQuery({
    queryKey: reportKeys.programmes,
    queryFn: () =>
      api<{ programmes: { id: string; nameLv: string; nameEn: string }[] }>('GET', '/api/programmes'),
  }).data?.programmes;
  const mine = me ? centresWith(me, 'reports.read') : [];
  const centreOptions = (centres ?? [])
    .filter((c) => mine === 'all' || mine.includes(c.id))
    .map((c) => ({ value: c.id, label: c.name }));
  const params = new URLSearchParams({
    lang: language,
    from: applied.from,
    to: applied.to,
    ...(applied.centreId ? { centreId: applied.centreId } : {}),
    ...(applied.programmeId ? { programmeId: applied.programmeId } : {}),
  });
  const results = useQuery({
    queryKey: reportKeys.results(params.toString()),
    queryFn: () => api<ScopeResults>('GET', `/api/reports/results?${params}`),
    enabled: !!applied.from && !!applied.to,
  });
  const types = useQuery(activityTypesQuery).data?.types ?? [];
  const cellValue = (dimension: string, value: string) => {
    if (dimension === 'activity_type') {
      const type = types.find((x) => x.code === value || x.nameLv === value);
      if (type) return language === 'lv' ? type.nameLv : type.nameEn;
    }
    return dimensionValue(language, dimension, value);
  };
  const rows = results.data?.indicators ?? [];
  const totals = rows.filter((r) => r.by === null);
  const groups = new Map<string, typeof rows>();
  for (const row of rows.filter((r) => r.by && r.achieved !== 0)) {
    const dims = Object.keys(row.by!).join('+');
    groups.set(dims, [...(groups.get(dims) ?? []), row]);
  }
  const download = (format: string) =>
    `/api/reports/results?${new URLSearchParams({ ...Object.fromEntries(params), format })}`;
  const label = (key: string) => t(`indicator.${key}` as never);
  const compared = totals.filter((r) =>
    ['families_reached', 'children_in_families_reached', 'persons_reached'].includes(r.key),
  );
  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1}>{t('reports.title')}</Title>
        <Text>{t('reports.intro')}</Text>
      </Stack>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('dimension.centre')}
          placeholder={mine === 'all' ? t('reports.wholeOrganisation') : t('reports.allMyCentres')}
          data={centreOptions}
          value={draft.centreId || null}
          onChange={(centreId) => setDraft({ ...draft, centreId: centreId ?? '' })}
          clearable
        />
        <Select
          label={t('dimension.programme')}
          placeholder={t('reports.allProgrammes')}
          data={(programmes ?? []).map((p) => ({
            value: p.id,
            label: language === 'lv' ? p.nameLv : p.nameEn || p.nameLv,
          }))}
          value={draft.programmeId || null}
          onChange={(programmeId) => setDraft({ ...draft, programmeId: programmeId ?? '' })}
          clearable
        />
        <DateField
          label={t('results.from')}
          value={draft.from}
          onChange={(from) => setDraft({ ...draft, from })}
        />
        <DateField label={t('results.to')} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
        <Button variant="default" onClick={() => setApplied(draft)} disabled={!draft.from || !draft.to}>
          {t('results.apply')}
        </Button>
      </Group>
      <DownloadLinks href={download} />
      <FormError error={results.error as never} />
      <ComputingStatus shown={results.isFetching} />
      {results.data && (
        <>
          <Text>
            {[results.data.scope.centre, results.data.scope.programme].filter(Boolean).join(' · ') ||
              results.data.scope.organisation}{' '}
            · {formatDate(results.data.period.from)}–{formatDate(results.data.period.to)}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t('report.total')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('report.indicator')}</Table.Th>
                    <Table.Th ta="right">{t('reports.thisPeriod')}</Table.Th>
                    <Table.Th ta="right">
                      {t('reports.previousPeriod', {
                        from: formatDate(results.data.previous.from),
                        to: formatDate(results.data.previous.to),
                      })}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {totals.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Td>{label(r.key)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.achieved, language)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.previous ?? 0, language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <ChartCard title={t('reports.chartPrevious')}>
              <BarChart
                h={260}
                data={compared.map((r) => ({
                  indicator: label(r.key),
                  now: r.achieved,
                  before: r.previous ?? 0,
                }))}
                dataKey="indicator"
                series={[
                  { name: 'before', label: t('reports.previousShort'), color: 'gray.6' },
                  { name: 'now', label: t('reports.thisPeriod'), color: 'teal.7' },
                ]}
                withLegend
              />
            </ChartCard>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {[...groups.entries()].map(([joined, cells]) => {
              const dims = joined.split('+');
              const title = dims.map((d) => dimensionHeading(language, d)).join(', ');
              return (
                <Card withBorder key={joined}>
                  <Title order={2} size="h4" mb="xs">
                    {title}
                  </Title>
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('report.indicator')}</Table.Th>
                        {dims.map((d) => (
                          <Table.Th key={d}>{dimensionHeading(language, d)}</Table.Th>
                        ))}
                        <Table.Th ta="right">{t('report.achieved')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {cells.map((r) => (
                        <Table.Tr key={`${r.key}|${JSON.stringify(r.by)}`}>
                          <Table.Td>{label(r.key)}</Table.Td>
                          {dims.map((d) => (
                            <Table.Td key={d}>{cellValue(d, r.by![d]!)}</Table.Td>
                          ))}
                          <Table.Td ta="right">{formatNumber(r.achieved, language)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Card>
              );
            })}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
