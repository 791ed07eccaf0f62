import {
  Button,
  Card,
  Checkbox,
  Group,
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
import { can } from '../../shared/access';
import { type ActivityStatus, type Attendance, activityStatuses, attendances } from '../../shared/activities';
import type { EventView, eventList, FamilyRoster } from '../../shared/contracts/activities';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { api } from '../api';
import { CentreAndTypeFields } from '../components/centre-type-fields';
import { ReasonField, VoidButton, VoidedNote } from '../components/corrections';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { useOptions } from '../components/labels';
import { ModalButton } from '../components/modal-button';
import { PageHeader } from '../components/page-header';
import { PersonPicker } from '../components/person-picker';
import { useI18n } from '../i18n';
import { activityTypesQuery, programmesQuery } from '../queries';
import { useMe } from '../session';
import { useActiveCentresWith } from './centres';

/** Creates an event, or corrects one (`editing`): the same form, with the version read and a reason. */
function EventForm({ close, editing }: { close: () => void; editing?: EventView }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const centres = useActiveCentresWith('cases.write');
  const programmes = useQuery(programmesQuery).data?.programmes ?? [];
  const types = (useQuery(activityTypesQuery).data?.types ?? []).filter(
    (x) => x.active && x.kind === 'event',
  );
  const today = toIsoDate(new Date());
  const [draft, setDraft] = useState({
    centreId: editing?.centreId ?? '',
    typeId: editing?.typeId ?? '',
    startsOn: editing?.startsOn ?? today,
    endsOn: editing?.endsOn ?? today,
    durationMinutes: (editing?.durationMinutes ?? 360) as number | string,
    location: editing?.location ?? '',
    capacity: (editing?.capacity ?? '') as number | string,
    programmeId: editing?.programmeId ?? (null as string | null),
    status: editing?.status ?? ('held' as ActivityStatus),
  });
  const [reason, setReason] = useState('');
  const statusOptions = useOptions(activityStatuses, 'activityStatus');
  const centreId = draft.centreId || centres[0]?.id || '';
  const typeId = draft.typeId || types.find((x) => x.code === 'camp')?.id || '';
  const failure = useApiError();
  const save = async () => {
    const body = {
      ...draft,
      centreId,
      typeId,
      durationMinutes: Number(draft.durationMinutes),
      capacity: draft.capacity === '' ? null : Number(draft.capacity),
    };
    if (editing) {
      const corrected = {
        ...body,
        place: editing.place,
        notes: editing.notes,
        projectIds: editing.projectIds,
        staffIds: editing.staffIds,
        version: editing.version,
        reason,
      };
      if (!(await failure.run(() => api('PATCH', `/api/events/${editing.id}`, corrected)))) return;
      await queryClient.invalidateQueries({ queryKey: ['event', editing.id] });
      close();
      return;
    }
    const result = await failure.run(() => api<{ id: string }>('POST', '/api/events', body));
    if (!result) return;
    close();
    await navigate({ to: '/events/$eventId', params: { eventId: result.id } });
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <CentreAndTypeFields
        centres={centres}
        types={types}
        centreId={centreId}
        typeId={typeId}
        onChange={(change) => setDraft({ ...draft, ...change })}
        typeError={failure.field('typeId')}
      />
      <Group grow align="flex-start">
        <DateField
          label={t('events.startsOn')}
          value={draft.startsOn}
          onChange={(startsOn) =>
            setDraft({ ...draft, startsOn, endsOn: draft.endsOn < startsOn ? startsOn : draft.endsOn })
          }
          error={failure.field('startsOn')}
        />
        <DateField
          label={t('events.endsOn')}
          value={draft.endsOn}
          onChange={(endsOn) => setDraft({ ...draft, endsOn })}
          error={failure.field('endsOn')}
        />
      </Group>
      <TextInput
        label={t('events.location')}
        value={draft.location}
        onChange={(e) => setDraft({ ...draft, location: e.currentTarget.value })}
        error={failure.field('location')}
      />
      <Group grow align="flex-start">
        <NumberInput
          label={t('events.capacity')}
          value={draft.capacity}
          onChange={(capacity) => setDraft({ ...draft, capacity })}
          min={1}
          error={failure.field('capacity')}
        />
        <NumberInput
          label={t('events.dailyMinutes')}
          value={draft.durationMinutes}
          onChange={(durationMinutes) => setDraft({ ...draft, durationMinutes })}
          min={1}
          max={1440}
          error={failure.field('durationMinutes')}
        />
      </Group>
      <Select
        label={t('activity.programme')}
        data={programmes
          .filter((p) => p.active)
          .map((p) => ({ value: p.id, label: language === 'lv' ? p.nameLv : p.nameEn }))}
        value={draft.programmeId}
        onChange={(programmeId) => setDraft({ ...draft, programmeId })}
        clearable
      />
      <Select
        label={t('activity.status')}
        data={statusOptions}
        value={draft.status}
        onChange={(v) => setDraft({ ...draft, status: (v ?? 'held') as ActivityStatus })}
        allowDeselect={false}
      />
      {editing && (
        <ReasonField
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={failure.field('reason')}
        />
      )}
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

export function EventsPage() {
  const { t, language } = useI18n();
  const canCreate = useMe().data?.permissions.includes('cases.write') ?? false;
  const list =
    useQuery({
      queryKey: ['events'],
      queryFn: () => api<z.infer<typeof eventList>>('GET', '/api/events'),
    }).data?.events ?? [];
  return (
    <Stack>
      <PageHeader title={t('events.title')}>
        {canCreate && (
          <ModalButton
            label={t('events.new')}
            title={t('events.new')}
            buttonProps={{ variant: 'filled', size: 'sm' }}
            size="lg"
          >
            {(close) => <EventForm close={close} />}
          </ModalButton>
        )}
      </PageHeader>
      {list.length === 0 ? (
        <Text>{t('events.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Tbody>
            {list.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td w={200}>
                  {t('events.dates', { from: formatDate(e.startsOn), to: formatDate(e.endsOn) })}
                </Table.Td>
                <Table.Td>
                  <Link to="/events/$eventId" params={{ eventId: e.id }}>
                    {language === 'lv' ? e.typeNameLv : e.typeNameEn}
                    {e.location ? ` · ${e.location}` : ''}
                  </Link>
                </Table.Td>
                <Table.Td>{t('events.summary', { families: e.families, count: e.participants })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Choose a family by searching, then tick the members who came (all by default). */
function AddFamilyForm({ event, close }: { event: EventView; close: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [familyId, setFamilyId] = useState<string | null>(null);
  const [unticked, setUnticked] = useState<string[]>([]);
  const roster = useQuery({
    queryKey: ['roster', familyId, event.startsOn],
    queryFn: () => api<FamilyRoster>('GET', `/api/families/${familyId}/roster?on=${event.startsOn}`),
    enabled: familyId !== null,
  });
  const members = roster.data?.members ?? [];
  const failure = useApiError();
  const save = async () => {
    const body = {
      familyId: familyId ?? '',
      personIds: members.filter((m) => !unticked.includes(m.personId)).map((m) => m.personId),
    };
    if (!(await failure.run(() => api('POST', `/api/events/${event.id}/families`, body)))) return;
    await queryClient.invalidateQueries({ queryKey: ['event', event.id] });
    close();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <PersonPicker
        label={t('events.family')}
        pick="family"
        value={familyId}
        onChange={(id) => {
          setFamilyId(id);
          setUnticked([]);
        }}
        error={failure.field('familyId')}
      />
      {members.length > 0 && (
        <Checkbox.Group
          label={t('events.whoCame')}
          value={members.filter((m) => !unticked.includes(m.personId)).map((m) => m.personId)}
          onChange={(ticked) =>
            setUnticked(members.filter((m) => !ticked.includes(m.personId)).map((m) => m.personId))
          }
          error={failure.field('personIds')}
        >
          <Stack gap="xs" mt="xs">
            {members.map((m) => (
              <Checkbox key={m.personId} value={m.personId} label={m.name} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      <Button onClick={save} w="fit-content" loading={failure.pending} disabled={familyId === null}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

/** Attendance on one day: every participant, present by default or as marked before. */
function DayForm({ event, close }: { event: EventView; close: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [day, setDay] = useState(event.days[0]!);
  const people = event.families.flatMap((f) => f.members);
  const [marks, setMarks] = useState<Record<string, Record<string, Attendance>>>({});
  const markOf = (personId: string): Attendance =>
    marks[day]?.[personId] ?? people.find((p) => p.personId === personId)?.days[day] ?? 'present';
  const failure = useApiError();
  const save = async () => {
    const body = {
      day,
      attendance: people.map((p) => ({ personId: p.personId, attendance: markOf(p.personId) })),
    };
    if (!(await failure.run(() => api('PUT', `/api/events/${event.id}/attendance`, body)))) return;
    await queryClient.invalidateQueries({ queryKey: ['event', event.id] });
    close();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Select
        label={t('events.day')}
        data={event.days.map((d) => ({ value: d, label: formatDate(d) }))}
        value={day}
        onChange={(v) => v && setDay(v)}
        allowDeselect={false}
      />
      <Table>
        <Table.Tbody>
          {people.map((p) => (
            <Table.Tr key={p.personId}>
              <Table.Td>{p.name ?? t('roster.participant')}</Table.Td>
              <Table.Td>
                <Radio.Group
                  value={markOf(p.personId)}
                  onChange={(v) =>
                    setMarks({ ...marks, [day]: { ...marks[day], [p.personId]: v as Attendance } })
                  }
                  label={`${t('groups.attendance')}: ${p.name ?? t('roster.participant')}`}
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
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

export function EventPage() {
  const { t, language } = useI18n();
  const me = useMe().data;
  const { eventId } = useParams({ from: '/events/$eventId' });
  const query = useQuery({
    queryKey: ['event', eventId],
    queryFn: () => api<EventView>('GET', `/api/events/${eventId}`),
  });
  const event = query.data;
  if (!event) return <Text>{t('app.loading')}</Text>;
  const canWrite = me ? can(me, 'cases.write', event.centreId) : false;
  const used = event.families.reduce((sum, f) => sum + f.members.length, 0);
  const title = `${language === 'lv' ? event.typeNameLv : event.typeNameEn}${event.location ? ` · ${event.location}` : ''}`;
  return (
    <Stack>
      <PageHeader title={title}>
        {canWrite && !event.voided && (
          <Group gap="xs">
            <ModalButton
              label={t('common.edit')}
              title={t('activity.correct')}
              ariaLabel={`${t('activity.correct')}: ${title}`}
              buttonProps={{ variant: 'default', size: 'sm' }}
              size="lg"
            >
              {(close) => <EventForm close={close} editing={event} />}
            </ModalButton>
            <VoidButton
              url={`/api/activities/${event.id}/void`}
              version={event.version}
              subject={title}
              onDone={() => query.refetch()}
            />
          </Group>
        )}
      </PageHeader>
      <VoidedNote voided={event.voided} />
      <Text>
        {t('events.dates', { from: formatDate(event.startsOn), to: formatDate(event.endsOn) })} ·{' '}
        {event.capacity !== null
          ? t('events.capacityUsed', { used, capacity: event.capacity })
          : t('events.summary', { families: event.families.length, count: used })}
      </Text>
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('events.families')} ({event.families.length})
          </Title>
          {canWrite && !event.voided && (
            <Group gap="xs">
              <ModalButton label={t('events.addFamily')} title={t('events.addFamily')} size="lg">
                {(close) => <AddFamilyForm event={event} close={close} />}
              </ModalButton>
              {used > 0 && (
                <ModalButton label={t('events.attendanceDay')} title={t('events.attendanceDay')} size="xl">
                  {(close) => <DayForm event={event} close={close} />}
                </ModalButton>
              )}
            </Group>
          )}
        </Group>
        {event.families.length === 0 ? (
          <Text size="sm">{t('events.noFamilies')}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('events.family')}</Table.Th>
                <Table.Th>{t('groups.members')}</Table.Th>
                {event.days.map((d) => (
                  <Table.Th key={d}>{formatDate(d)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {event.families.flatMap((f) =>
                f.members.map((m, index) => (
                  <Table.Tr key={m.personId}>
                    <Table.Td>{index === 0 ? (f.name ?? t('roster.participantFamily')) : ''}</Table.Td>
                    <Table.Td>{m.name ?? t('roster.participant')}</Table.Td>
                    {event.days.map((d) => (
                      <Table.Td key={d}>{m.days[d] ? t(`attendance.${m.days[d]}`) : '–'}</Table.Td>
                    ))}
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
