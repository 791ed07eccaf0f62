import { Anchor, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import type { ProjectView } from '../../../shared/contracts/projects';
import { formatDate, formatNumber } from '../../../shared/i18n';
import { api } from '../../api';
import { FormError } from '../../components/form-error';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { BudgetPanel } from './budget-panel';
import { projectKeys } from './keys';
import { MoneyRecordsPanel } from './money-records';

/** Everything about a project on one page: description, funders, partners, targets, budget. */
export function ProjectPage() {
  const { t, language } = useI18n();
  const { projectId } = useParams({ from: '/projects/$projectId' });
  const _me = useMe().data;
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: projectKeys.page(projectId),
    queryFn: () => api<ProjectView>('GET', `/api/projects/${projectId}`),
  });
  if (query.error) return <FormError error={query.error as never} />;
  const p = query.data;
  if (!p) return <Text>{t('app.loading')}</Text>;
  const title = language === 'en' && p.titleEn ? p.titleEn : p.titleLv;
  const description = language === 'en' && p.descriptionEn ? p.descriptionEn : p.descriptionLv;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} maw={900}>
          <Text size="sm">{p.code}</Text>
          <Title order={1}>{title}</Title>
          <Text size="sm">
            {formatDate(p.startsOn)} – {formatDate(p.endsOn)} · {t(`projectStatus.${p.status}`)}
            {p.places.length > 0 ? ` · ${p.places.join(', ')}` : ''}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            variant="filled"
            onClick={() => navigate({ to: '/projects/$projectId/results', params: { projectId } })}
          >
            {t('results.open')}
          </Button>
          {p.abilities.manage && (
            <Button
              variant="default"
              onClick={() => navigate({ to: '/projects/$projectId/edit', params: { projectId } })}
            >
              {t('projects.edit')}
            </Button>
          )}
        </Group>
      </Group>
      {description && <Text>{description}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('projects.funders')}
          </Title>
          <List>
            {p.funders.map((f) => (
              <List.Item key={f.name}>
                {f.name}
                {f.fundingProgramme ? `, ${f.fundingProgramme}` : ''}
                {f.donorCountries.length > 0 ? ` (${f.donorCountries.join(', ')})` : ''}
              </List.Item>
            ))}
          </List>
          <Title order={2} size="h4" mt="md" mb="xs">
            {t('projects.partners')}
          </Title>
          <List>
            {p.partners.map((x) => (
              <List.Item key={x.name}>
                {x.name}
                {x.role ? ` — ${x.role}` : ''}
              </List.Item>
            ))}
          </List>
        </Card>
        <Card withBorder>
          <Stack gap={6}>
            <Text size="sm">
              <b>{t('projects.centres')}:</b> {p.centres.map((c) => c.name).join(', ')}
            </Text>
            <Text size="sm">
              <b>{t('projects.programmes')}:</b>{' '}
              {p.programmes.map((x) => (language === 'lv' ? x.nameLv : x.nameEn)).join(', ')}
            </Text>
            <Text size="sm">
              <b>{t('projects.managers')}:</b> {p.managers.map((x) => x.name).join(', ')}
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('projects.targets')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('projects.indicator')}</Table.Th>
              <Table.Th>{t('projects.period')}</Table.Th>
              <Table.Th ta="right">{t('projects.planned')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.targets.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{x.label || t(`indicator.${x.indicatorKey}`)}</Table.Td>
                <Table.Td>
                  {x.periodYear
                    ? `${x.periodYear}${x.periodQuarter ? ` Q${x.periodQuarter}` : ''}`
                    : t('projects.wholePeriod')}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(x.plannedValue, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {p.contracts.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('contracts.title')}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contracts.counterparty')}</Table.Th>
                <Table.Th>{t('contracts.number')}</Table.Th>
                <Table.Th ta="right">{t('contracts.quota')}</Table.Th>
                <Table.Th ta="right">{t('contracts.linkedCases')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.contracts.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.counterparty}</Table.Td>
                  <Table.Td>{c.number}</Table.Td>
                  <Table.Td ta="right">
                    {c.quotaFamilies === null ? '' : formatNumber(c.quotaFamilies, language)}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(c.linkedCases, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <BudgetPanel project={p} canEdit={p.abilities.keepMoney} />
      <MoneyRecordsPanel project={p} canEdit={p.abilities.keepMoney} />
      <Anchor component={Link} to="/projects">
        ← {t('projects.title')}
      </Anchor>
    </Stack>
  );
}
