import { BarChart } from '@mantine/charts';
import { Card, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { MentoringFigures } from '../../../shared/contracts/mentoring';
import { formatMoney, formatNumber } from '../../../shared/i18n';
import { api } from '../../api';
import { ChartCard } from '../../components/chart-card';
import { useI18n } from '../../i18n';
import { mentoringKeys } from './keys';

/**
 * The mentoring figures of a year (of the centre chosen on the list, or of all the coordinator's centres):
 * young people mentored, matches started and how they ended, meetings and the mentors' hours.
 */
export function MentoringFiguresPanel({ centreId }: { centreId: string | null }) {
  const { t, language } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const figures = useQuery({
    queryKey: [...mentoringKeys.all, 'figures', year, centreId],
    queryFn: () =>
      api<MentoringFigures>(
        'GET',
        `/api/mentoring/figures?from=${year}-01-01&to=${year}-12-31${centreId ? `&centreId=${centreId}` : ''}`,
      ),
  }).data;
  const stat = (label: string, value: string) => (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Card>
  );
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('mentoring.figures')}
      </Title>
      <NumberInput
        label={t('mentoring.year')}
        value={year}
        onChange={(value) => typeof value === 'number' && value >= 2000 && value <= 2100 && setYear(value)}
        min={2000}
        max={2100}
        allowDecimal={false}
        maw={140}
      />
      {figures && (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          {stat(t('mentoring.youngPeople'), formatNumber(figures.youngPeople, language))}
          {stat(t('mentoring.meetingsHeld'), formatNumber(figures.meetingsHeld, language))}
          {stat(
            t('mentoring.meetingHours'),
            `${formatNumber(figures.hours, language)} h · ${formatMoney(figures.valueCents, language)}`,
          )}
          {stat(
            t('mentoring.averageLength'),
            figures.averageDays === null ? '—' : t('mentoring.days', { count: figures.averageDays }),
          )}
        </SimpleGrid>
      )}
      {figures && (
        <ChartCard title={t('mentoring.matchesChart', { year })}>
          <BarChart
            h={200}
            data={[
              { what: t('mentoring.started'), count: figures.started },
              { what: t('mentoring.completedAsPlanned'), count: figures.completedAsPlanned },
              { what: t('mentoring.endedEarly'), count: figures.endedEarly },
            ]}
            dataKey="what"
            series={[{ name: 'count', label: t('mentoring.matches'), color: 'indigo.7' }]}
          />
        </ChartCard>
      )}
    </Stack>
  );
}
