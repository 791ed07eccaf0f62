import { Button, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { z } from 'zod';
import type { projectList } from '../../../shared/contracts/projects';
import { formatDate } from '../../../shared/i18n';
import { api } from '../../api';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { projectKeys } from './keys';

export function ProjectsPage() {
  const { t, language } = useI18n();
  const canManage = useMe().data?.permissions.includes('projects.manage') ?? false;
  const projects = useQuery({
    queryKey: projectKeys.list(),
    queryFn: () => api<z.infer<typeof projectList>>('GET', '/api/projects'),
  });
  const list = projects.data?.projects ?? [];
  return (
    <Stack>
      <PageHeader title={t('projects.title')}>
        {canManage && (
          <Button component={Link} to="/projects/new">
            {t('projects.new')}
          </Button>
        )}
      </PageHeader>
      {list.length === 0 && !projects.isPending ? (
        <Text>{t('projects.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('projects.code')}</Table.Th>
                <Table.Th>{t('projects.titleLv')}</Table.Th>
                <Table.Th>{t('projects.period')}</Table.Th>
                <Table.Th>{t('projects.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Link to="/projects/$projectId" params={{ projectId: p.id }}>
                      {p.code}
                    </Link>
                  </Table.Td>
                  <Table.Td>{language === 'en' && p.titleEn ? p.titleEn : p.titleLv}</Table.Td>
                  <Table.Td>
                    {formatDate(p.startsOn)} – {formatDate(p.endsOn)}
                  </Table.Td>
                  <Table.Td>{t(`projectStatus.${p.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
