import { Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { type MatchStatus, matchStatuses } from '../../../shared/contracts/mentoring';
import { formatDate } from '../../../shared/i18n';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n';
import { MentoringFiguresPanel } from './figures';
import { matchesOf } from './keys';
import { MatchForm } from './match-form';
import { MatchStatusBadge } from './status-badge';
import { Supervisions } from './supervisions';

/** The mentoring coordinator's matches, filtered by status and centre, newest first; closed ones last. */
export function MentoringPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<MatchStatus | null>(null);
  const [centreId, setCentreId] = useState<string | null>(null);
  const data = useQuery(matchesOf(status, centreId)).data;
  const matches = data?.matches ?? [];
  const centres = data?.centres ?? [];
  return (
    <Stack>
      <PageHeader title={t('mentoring.title')}>
        <ModalButton
          label={t('mentoring.new')}
          title={t('mentoring.new')}
          buttonProps={{ variant: 'filled', size: 'sm' }}
          size="lg"
        >
          {(close) => <MatchForm close={close} />}
        </ModalButton>
      </PageHeader>
      <Group align="end">
        <Select
          label={t('mentoring.statusLabel')}
          placeholder={t('volunteers.allStatuses')}
          data={matchStatuses.map((s) => ({ value: s, label: t(`mentoring.status.${s}`) }))}
          value={status}
          onChange={(value) => setStatus(value as MatchStatus | null)}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          maw={220}
        />
        {centres.length > 1 && (
          <Select
            label={t('case.centre')}
            placeholder={t('mentoring.allCentres')}
            data={centres.map((c) => ({ value: c.id, label: c.name }))}
            value={centreId}
            onChange={setCentreId}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            maw={260}
          />
        )}
      </Group>
      {data && matches.length === 0 ? (
        <Text>{status || centreId ? t('mentoring.noneFiltered') : t('mentoring.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mentoring.mentee')}</Table.Th>
                <Table.Th>{t('mentoring.mentor')}</Table.Th>
                <Table.Th>{t('mentoring.statusLabel')}</Table.Th>
                <Table.Th>{t('mentoring.period')}</Table.Th>
                <Table.Th>{t('mentoring.meetings')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matches.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Link to="/mentoring/$matchId" params={{ matchId: m.id }}>
                      {m.menteeName}
                    </Link>
                    <Text size="xs" c="dimmed">
                      {m.caseNumber} · {m.centreName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{m.volunteerName}</Table.Td>
                  <Table.Td>
                    <MatchStatusBadge match={m} />
                  </Table.Td>
                  <Table.Td>
                    {formatDate(m.startedOn ?? m.startsOn)}–{formatDate(m.endedOn ?? m.plannedEndOn)}
                  </Table.Td>
                  <Table.Td>
                    {m.meetingsHeld}
                    {m.lastMeetingOn ? ` (${formatDate(m.lastMeetingOn)})` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <MentoringFiguresPanel centreId={centreId} />
      {data && <Supervisions centres={centres} />}
    </Stack>
  );
}
