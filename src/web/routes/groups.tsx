import {
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { z } from 'zod';
import { can, canSomewhere } from '../../shared/access';
import { type Attendance, attendances } from '../../shared/activities';
import type { GroupView, groupList } from '../../shared/contracts/activities';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { api } from '../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../components/corrections';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { ModalButton } from '../components/modal-button';
import { PageHeader } from '../components/page-header';
import { PersonPicker } from '../components/person-picker';
import { useI18n } from '../i18n';
import { programmesQuery, workersQuery } from '../queries';
import { useMe } from '../session';
import { useActiveCentresWith } from './centres';

/** A centre manager creates a group: name, centre, programme, open or closed, facilitators. */
function NewGroupForm({ close }: { close: () => void }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const centres = useActiveCentresWith('cases.supervise');
  const programmes = useQuery(programmesQuery).data?.programmes ?? [];
  const [draft, setDraft] = useState({
    name: '',
    centreId: '',
    programmeId: null as string | null,
    open: true,
    facilitatorIds: [] as string[],
  });
  const centreId = draft.centreId || centres[0]?.id || '';
  const workers = useQuery({
    ...workersQuery(centreId),
    enabled: centreId !== '',
  });
  const failure = useApiError();
  const save = async () => {
    const result = await failure.run(() =>
      api<{ id: string }>('POST', '/api/groups', { ...draft, centreId }),
    );
    if (!result) return;
    close();
    await navigate({ to: '/groups/$groupId', params: { groupId: result.id } });
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <TextInput
        label={t('groups.name')}
        value={draft.name}
        onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        error={failure.field('name')}
        data-autofocus
      />
      <Select
        label={t('case.centre')}
        data={centres.map((c) => ({ value: c.id, label: c.name }))}
        value={centreId}
        onChange={(v) => setDraft({ ...draft, centreId: v ?? '', facilitatorIds: [] })}
        allowDeselect={false}
      />
      <Select
        label={t('activity.programme')}
        data={programmes
          .filter((p) => p.active)
          .map((p) => ({ value: p.id, label: language === 'lv' ? p.nameLv : p.nameEn }))}
        value={draft.programmeId}
        onChange={(v) => setDraft({ ...draft, programmeId: v })}
        clearable
      />
      <MultiSelect
        label={t('groups.facilitators')}
        searchable
        data={(workers.data?.workers ?? []).map((w) => ({ value: w.id, label: w.name }))}
        value={draft.facilitatorIds}
        onChange={(facilitatorIds) => setDraft({ ...draft, facilitatorIds })}
        error={failure.field('facilitatorIds')}
      />
      <Checkbox
        label={t('groups.open')}
        checked={draft.open}
        onChange={(e) => setDraft({ ...draft, open: e.currentTarget.checked })}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

/** Adds a person the caller can find to the group, from a date. */
function AddMemberForm({ groupId, close }: { groupId: string; close: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [personId, setPersonId] = useState<string | null>(null);
  const [joinedOn, setJoinedOn] = useState(toIsoDate(new Date()));
  const failure = useApiError();
  const save = async () => {
    const body = { personId: personId ?? '', joinedOn };
    if (!(await failure.run(() => api('POST', `/api/groups/${groupId}/members`, body)))) return;
    await queryClient.invalidateQueries({ queryKey: ['group', groupId] });
    close();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <PersonPicker
        label={t('groups.person')}
        pick="person"
        value={personId}
        onChange={(id) => setPersonId(id)}
        error={failure.field('personId')}
      />
      <DateField
        label={t('groups.joinedOn')}
        value={joinedOn}
        onChange={setJoinedOn}
        error={failure.field('joinedOn')}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

function LeaveForm({ groupId, memberId, close }: { groupId: string; memberId: string; close: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [leftOn, setLeftOn] = useState(toIsoDate(new Date()));
  const failure = useApiError();
  const save = async () => {
    const path = `/api/groups/${groupId}/members/${memberId}/leave`;
    if (!(await failure.run(() => api('POST', path, { leftOn })))) return;
    await queryClient.invalidateQueries({ queryKey: ['group', groupId] });
    close();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <DateField
        label={t('groups.leftOn')}
        value={leftOn}
        onChange={setLeftOn}
        error={failure.field('leftOn')}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

export function GroupsPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const list =
    useQuery({ queryKey: ['groups'], queryFn: () => api<z.infer<typeof groupList>>('GET', '/api/groups') })
      .data?.groups ?? [];
  return (
    <Stack>
      <PageHeader title={t('groups.title')}>
        {me && canSomewhere(me, 'cases.supervise') && (
          <ModalButton
            label={t('groups.new')}
            title={t('groups.new')}
            buttonProps={{ variant: 'filled', size: 'sm' }}
          >
            {(close) => <NewGroupForm close={close} />}
          </ModalButton>
        )}
      </PageHeader>
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

type Session = GroupView['sessions'][number];

/**
 * One screen: every current member with present / absent / excused, present by default. Correcting a
 * session (`editing`) shows the people it recorded, with the version read and a reason.
 */
function SessionForm({
  group,
  close,
  onDone,
  editing,
}: {
  group: GroupView;
  close: () => void;
  onDone: () => void;
  editing?: Session;
}) {
  const { t } = useI18n();
  const current = editing
    ? editing.attendance.map((a) => ({ id: a.personId, personId: a.personId, name: a.name }))
    : group.members.filter((m) => !m.leftOn);
  const [occursOn, setOccursOn] = useState(editing?.occursOn ?? toIsoDate(new Date()));
  const [duration, setDuration] = useState<number | string>(editing?.durationMinutes ?? 90);
  const [marks, setMarks] = useState<Record<string, Attendance>>(
    editing
      ? Object.fromEntries(editing.attendance.map((a) => [a.personId, a.attendance]))
      : Object.fromEntries(current.map((m) => [m.personId, 'present'])),
  );
  const [reason, setReason] = useState('');
  const failure = useApiError();
  /** Whether a person was a member of the group on the session's day (else she came as a guest). */
  const memberOn = (personId: string) =>
    group.members.some(
      (m) => m.personId === personId && m.joinedOn <= occursOn && (!m.leftOn || m.leftOn >= occursOn),
    );
  const save = async (confirmDuplicate = false) => {
    const rows = current.map((m) => ({ personId: m.personId, attendance: marks[m.personId] ?? 'present' }));
    const body = {
      occursOn,
      durationMinutes: Number(duration),
      attendance: editing ? rows.filter((r) => memberOn(r.personId)) : rows,
      guests: editing ? rows.filter((r) => !memberOn(r.personId)) : [],
      confirmDuplicate,
    };
    const send = () =>
      editing
        ? api('PATCH', `/api/group-sessions/${editing.activityId}`, {
            ...body,
            startsAt: editing.startsAt,
            place: editing.place,
            status: editing.status,
            programmeId: editing.programmeId,
            projectIds: editing.projectIds,
            version: editing.version,
            reason,
          })
        : api('POST', `/api/groups/${group.id}/sessions`, body);
    if (await failure.run(send)) {
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
              <Table.Td>{m.name ?? t('roster.participant')}</Table.Td>
              <Table.Td>
                <Radio.Group
                  value={marks[m.personId]}
                  onChange={(v) => setMarks({ ...marks, [m.personId]: v as Attendance })}
                  label={`${t('groups.attendance')}: ${m.name ?? t('roster.participant')}`}
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
      {editing && (
        <ReasonField
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={failure.field('reason')}
        />
      )}
      <Group>
        <Button onClick={() => save()} w="fit-content" loading={failure.pending}>
          {t('common.save')}
        </Button>
        {failure.error?.code === 'DUPLICATE_SESSION' && (
          <Button variant="default" onClick={() => save(true)} loading={failure.pending}>
            {t('activity.saveAnyway')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

export function GroupPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const { groupId } = useParams({ from: '/groups/$groupId' });
  const query = useQuery({
    queryKey: ['group', groupId],
    queryFn: () => api<GroupView>('GET', `/api/groups/${groupId}`),
  });
  const group = query.data;
  if (!group) return <Text>{t('app.loading')}</Text>;
  return (
    <Stack>
      <PageHeader title={group.name}>
        <ModalButton
          label={t('groups.newSession')}
          title={t('groups.newSession')}
          buttonProps={{ variant: 'filled', size: 'sm' }}
          size="xl"
        >
          {(close) => <SessionForm group={group} close={close} onDone={() => query.refetch()} />}
        </ModalButton>
      </PageHeader>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('groups.members')} ({group.members.filter((m) => !m.leftOn).length})
        </Title>
        <Table>
          <Table.Tbody>
            {group.members.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.name ?? t('roster.participant')}</Table.Td>
                <Table.Td>
                  {m.leftOn
                    ? t('groups.memberPeriod', { from: formatDate(m.joinedOn), to: formatDate(m.leftOn) })
                    : t('groups.memberSince', { from: formatDate(m.joinedOn) })}
                </Table.Td>
                <Table.Td>
                  {!m.leftOn && me && can(me, 'cases.write', group.centreId) && (
                    <ModalButton
                      label={t('groups.endMembership')}
                      title={`${t('groups.endMembership')}: ${m.name ?? t('roster.participant')}`}
                      ariaLabel={`${t('groups.endMembership')}: ${m.name ?? t('roster.participant')}`}
                    >
                      {(close) => <LeaveForm groupId={group.id} memberId={m.id} close={close} />}
                    </ModalButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {me && can(me, 'cases.write', group.centreId) && (
          <ModalButton label={t('groups.addMember')} title={t('groups.addMember')}>
            {(close) => <AddMemberForm groupId={group.id} close={close} />}
          </ModalButton>
        )}
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
                  <Table.Td style={s.voided ? { opacity: 0.7 } : undefined}>
                    <VoidedNote voided={s.voided} />
                    {t('groups.sessionSummary', {
                      present: s.attendance.filter((a) => a.attendance === 'present').length,
                      absent: s.attendance.filter((a) => a.attendance !== 'present').length,
                    })}
                    <Text size="xs">
                      {s.attendance
                        .filter((a) => a.attendance !== 'present')
                        .map(
                          (a) => `${a.name ?? t('roster.participant')} (${t(`attendance.${a.attendance}`)})`,
                        )
                        .join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td w={1}>
                    {!s.voided && (
                      <CorrectionActions
                        title={`${t('groups.correctSession')}: ${formatDate(s.occursOn)}`}
                        subject={`${formatDate(s.occursOn)}`}
                        size="xl"
                        voidUrl={`/api/activities/${s.activityId}/void`}
                        version={s.version}
                        onVoided={() => query.refetch()}
                      >
                        {(close) => (
                          <SessionForm
                            group={group}
                            close={close}
                            onDone={() => query.refetch()}
                            editing={s}
                          />
                        )}
                      </CorrectionActions>
                    )}
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
