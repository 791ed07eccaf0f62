import { Button, Card, Group, NumberInput, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { z } from 'zod';
import { type Attendance, attendances } from '../../shared/activities';
import type { GroupView, groupList } from '../../shared/contracts/activities';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { api } from '../api';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { ModalButton } from '../components/modal-button';
import { useI18n } from '../i18n';

export function GroupsPage() {
  const { t } = useI18n();
  const list =
    useQuery({ queryKey: ['groups'], queryFn: () => api<z.infer<typeof groupList>>('GET', '/api/groups') })
      .data?.groups ?? [];
  return (
    <Stack>
      <Title order={1}>{t('groups.title')}</Title>
      {list.length === 0 ? (
        <Text>{t('groups.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Tbody>
            {list.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>
                  <Link to="/groups/$groupId" params={{ groupId: g.id }}>
                    {g.name}
                  </Link>
                </Table.Td>
                <Table.Td>{t('groups.membersCount', { count: g.members })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** One screen: every current member with present / absent / excused, present by default. */
function SessionForm({ group, close, onDone }: { group: GroupView; close: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const current = group.members.filter((m) => !m.leftOn);
  const [occursOn, setOccursOn] = useState(toIsoDate(new Date()));
  const [duration, setDuration] = useState<number | string>(90);
  const [marks, setMarks] = useState<Record<string, Attendance>>(
    Object.fromEntries(current.map((m) => [m.personId, 'present'])),
  );
  const failure = useApiError();
  const save = async () => {
    const body = {
      occursOn,
      durationMinutes: Number(duration),
      attendance: current.map((m) => ({ personId: m.personId, attendance: marks[m.personId] ?? 'present' })),
    };
    if (await failure.run(() => api('POST', `/api/groups/${group.id}/sessions`, body))) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Group grow align="flex-start">
        <DateField
          label={t('activity.date')}
          value={occursOn}
          onChange={setOccursOn}
          error={failure.field('occursOn')}
        />
        <NumberInput
          label={t('activity.duration')}
          value={duration}
          onChange={setDuration}
          min={1}
          max={1440}
          error={failure.field('durationMinutes')}
        />
      </Group>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('groups.members')}</Table.Th>
            <Table.Th>{t('groups.attendance')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {current.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.name}</Table.Td>
              <Table.Td>
                <Radio.Group
                  value={marks[m.personId]}
                  onChange={(v) => setMarks({ ...marks, [m.personId]: v as Attendance })}
                  label={`${t('groups.attendance')}: ${m.name}`}
                  labelProps={{ className: 'visually-hidden' }}
                >
                  <Group gap="md">
                    {attendances.map((a) => (
                      <Radio key={a} value={a} label={t(`attendance.${a}`)} />
                    ))}
                  </Group>
                </Radio.Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Button onClick={save} w="fit-content">
        {t('common.save')}
      </Button>
    </Stack>
  );
}

export function GroupPage() {
  const { t } = useI18n();
  const { groupId } = useParams({ from: '/groups/$groupId' });
  const query = useQuery({
    queryKey: ['group', groupId],
    queryFn: () => api<GroupView>('GET', `/api/groups/${groupId}`),
  });
  const group = query.data;
  if (!group) return <Text>{t('app.loading')}</Text>;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{group.name}</Title>
        <ModalButton
          label={t('groups.newSession')}
          title={t('groups.newSession')}
          buttonProps={{ variant: 'filled', size: 'sm' }}
          size="xl"
        >
          {(close) => <SessionForm group={group} close={close} onDone={() => query.refetch()} />}
        </ModalButton>
      </Group>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('groups.members')} ({group.members.filter((m) => !m.leftOn).length})
        </Title>
        <Text size="sm">{group.members.map((m) => m.name).join(', ')}</Text>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('groups.sessions')}
        </Title>
        {group.sessions.length === 0 ? (
          <Text size="sm">{t('groups.noSessions')}</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {group.sessions.map((s) => (
                <Table.Tr key={s.activityId}>
                  <Table.Td w={110}>{formatDate(s.occursOn)}</Table.Td>
                  <Table.Td>
                    {t('groups.sessionSummary', {
                      present: s.attendance.filter((a) => a.attendance === 'present').length,
                      absent: s.attendance.filter((a) => a.attendance !== 'present').length,
                    })}
                    <Text size="xs">
                      {s.attendance
                        .filter((a) => a.attendance !== 'present')
                        .map((a) => `${a.name} (${t(`attendance.${a.attendance}`)})`)
                        .join(', ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
