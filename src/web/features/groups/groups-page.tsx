import {
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import type { z } from 'zod';
import { canSomewhere } from '../../../shared/access';
import {
  type GroupView,
  groupInput,
  type groupList,
  groupMemberInput,
  groupSessionCorrection,
  groupSessionInput,
} from '../../../shared/contracts/activities';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { AttendanceChoices } from '../../components/attendance-choices';
import { CorrectionActions, ReasonField, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { PersonPicker } from '../../components/person-picker';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { programmesQuery, useActiveCentresWith, workersQuery } from '../../queries';
import { useMe } from '../../session';
import { groupKeys } from './keys';

type NewGroupValues = {
  name: string;
  centreId: string;
  programmeId: string | null;
  open: boolean;
  facilitatorIds: string[];
};

/** A centre manager creates a group: name, centre, programme, open or closed, facilitators. */
function NewGroupForm({ close }: { close: () => void }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const centres = useActiveCentresWith('cases.supervise');
  const programmes = useQuery(programmesQuery).data?.programmes ?? [];
  const centreOf = (values: NewGroupValues) => values.centreId || centres[0]?.id || '';
  const body = (values: NewGroupValues) => ({ ...values, centreId: centreOf(values) });
  const form = useEntryForm<NewGroupValues>({
    initialValues: { name: '', centreId: '', programmeId: null, open: true, facilitatorIds: [] },
    contract: groupInput,
    toBody: body,
  });
  const centreId = centreOf(form.values);
  const workers = useQuery({ ...workersQuery(centreId), enabled: centreId !== '' });
  const save = useSave({
    form,
    send: (values: NewGroupValues) => api<{ id: string }>('POST', '/api/groups', body(values)),
    invalidates: () => [groupKeys.all],
    saved: t('groups.created'),
    onSaved: async (result) => {
      close();
      await navigate({ to: '/groups/$groupId', params: { groupId: result.id } });
    },
  });
  return (
    <EntryForm form={form} save={save}>
      <TextInput label={t('groups.name')} {...form.getInputProps('name')} data-autofocus />
      <Select
        label={t('case.centre')}
        data={centres.map((c) => ({ value: c.id, label: c.name }))}
        value={centreId}
        onChange={(v) => form.setValues({ centreId: v ?? '', facilitatorIds: [] })}
        allowDeselect={false}
      />
      <Select
        label={t('activity.programme')}
        data={programmes
          .filter((p) => p.active)
          .map((p) => ({ value: p.id, label: language === 'lv' ? p.nameLv : p.nameEn }))}
        {...form.getInputProps('programmeId')}
        clearable
      />
      <MultiSelect
        label={t('groups.facilitators')}
        searchable
        data={(workers.data?.workers ?? []).map((w) => ({ value: w.id, label: w.name }))}
        {...form.getInputProps('facilitatorIds')}
      />
      <Checkbox label={t('groups.open')} {...form.getInputProps('open', { type: 'checkbox' })} />
    </EntryForm>
  );
}

type MemberValues = { personId: string | null; joinedOn: string };

/** Adds a person the caller can find to the group, from a date. */
function AddMemberForm({ groupId, close }: { groupId: string; close: () => void }) {
  const { t } = useI18n();
  const body = (values: MemberValues) => ({ ...values, personId: values.personId ?? '' });
  const form = useEntryForm<MemberValues>({
    initialValues: { personId: null, joinedOn: toIsoDate(new Date()) },
    contract: groupMemberInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: MemberValues) => api('POST', `/api/groups/${groupId}/members`, body(values)),
    invalidates: () => [groupKeys.all],
    saved: t('groups.memberAdded'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <PersonPicker
        label={t('groups.person')}
        pick="person"
        value={form.values.personId}
        onChange={(id) => form.setFieldValue('personId', id)}
        error={form.errors.personId as string | undefined}
      />
      <DateField label={t('groups.joinedOn')} {...form.getInputProps('joinedOn')} />
    </EntryForm>
  );
}

function LeaveForm({ groupId, memberId, close }: { groupId: string; memberId: string; close: () => void }) {
  const { t } = useI18n();
  const form = useEntryForm({ initialValues: { leftOn: toIsoDate(new Date()) } });
  const save = useSave({
    form,
    send: (values: { leftOn: string }) =>
      api('POST', `/api/groups/${groupId}/members/${memberId}/leave`, values),
    invalidates: () => [groupKeys.all],
    saved: t('groups.membershipEnded'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <DateField label={t('groups.leftOn')} {...form.getInputProps('leftOn')} />
    </EntryForm>
  );
}

export function GroupsPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const list =
    useQuery({
      queryKey: groupKeys.list(),
      queryFn: () => api<z.infer<typeof groupList>>('GET', '/api/groups'),
    }).data?.groups ?? [];
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

type SessionValues = {
  occursOn: string;
  durationMinutes: number | string;
  marks: Record<string, string>;
  confirmDuplicate: boolean;
  reason: string;
};

/**
 * One screen: every current member with present / absent / excused, present by default; one column on a
 * phone, each name above its choices. Correcting a session (`editing`) shows the people it recorded, with
 * the version read and a reason.
 */
function SessionForm({ group, close, editing }: { group: GroupView; close: () => void; editing?: Session }) {
  const { t } = useI18n();
  const current = editing
    ? editing.attendance.map((a) => ({ id: a.personId, personId: a.personId, name: a.name }))
    : group.members.filter((m) => !m.leftOn);
  /** Whether a person was a member of the group on the session's day (else she came as a guest). */
  const memberOn = (personId: string, day: string) =>
    group.members.some((m) => m.personId === personId && m.joinedOn <= day && (!m.leftOn || m.leftOn >= day));
  const body = (values: SessionValues) => {
    const rows = current.map((m) => ({
      personId: m.personId,
      attendance: values.marks[m.personId] ?? 'present',
    }));
    const fields = {
      occursOn: values.occursOn,
      durationMinutes: Number(values.durationMinutes),
      attendance: editing ? rows.filter((r) => memberOn(r.personId, values.occursOn)) : rows,
      guests: editing ? rows.filter((r) => !memberOn(r.personId, values.occursOn)) : [],
      confirmDuplicate: values.confirmDuplicate,
    };
    return editing
      ? {
          ...fields,
          startsAt: editing.startsAt,
          place: editing.place,
          status: editing.status,
          programmeId: editing.programmeId,
          projectIds: editing.projectIds,
          version: editing.version,
          reason: values.reason,
        }
      : fields;
  };
  const form = useEntryForm<SessionValues>({
    initialValues: {
      occursOn: editing?.occursOn ?? toIsoDate(new Date()),
      durationMinutes: editing?.durationMinutes ?? 90,
      marks: editing
        ? Object.fromEntries(editing.attendance.map((a) => [a.personId, a.attendance]))
        : Object.fromEntries(current.map((m) => [m.personId, 'present'])),
      confirmDuplicate: false,
      reason: '',
    },
    contract: editing ? groupSessionCorrection : groupSessionInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: SessionValues) =>
      editing
        ? api('PATCH', `/api/group-sessions/${editing.activityId}`, body(values))
        : api('POST', `/api/groups/${group.id}/sessions`, body(values)),
    invalidates: () => [groupKeys.all],
    saved: t(editing ? 'record.corrected' : 'groups.sessionSaved'),
    onSaved: close,
  });
  return (
    <EntryForm
      form={form}
      save={save}
      actions={
        save.error?.code === 'DUPLICATE_SESSION' && (
          <Button
            variant="default"
            onClick={() => save.run({ ...form.getValues(), confirmDuplicate: true })}
            loading={save.pending}
          >
            {t('activity.saveAnyway')}
          </Button>
        )
      }
    >
      <Group grow align="flex-start">
        <DateField label={t('activity.date')} {...form.getInputProps('occursOn')} />
        <NumberInput
          label={t('activity.duration')}
          {...form.getInputProps('durationMinutes')}
          min={1}
          max={1440}
        />
      </Group>
      <Title order={3} size="h5">
        {t('groups.attendance')}
      </Title>
      <Stack gap="sm">
        {current.map((m) => (
          <AttendanceChoices key={m.id} name={m.name} {...form.getInputProps(`marks.${m.personId}`)} />
        ))}
      </Stack>
      {editing && <ReasonField {...form.getInputProps('reason')} />}
    </EntryForm>
  );
}

export function GroupPage() {
  const { t } = useI18n();
  const { groupId } = useParams({ from: '/groups/$groupId' });
  const query = useQuery({
    queryKey: groupKeys.one(groupId),
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
          {(close) => <SessionForm group={group} close={close} />}
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
                  {!m.leftOn && group.abilities.manageMembers && (
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
        {group.abilities.manageMembers && (
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
                        invalidates={[groupKeys.all]}
                      >
                        {(close) => <SessionForm group={group} close={close} editing={s} />}
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
