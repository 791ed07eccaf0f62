import {
  Card,
  Checkbox,
  Group,
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
import { activityStatuses } from '../../../shared/activities';
import {
  type EventView,
  eventCorrection,
  eventInput,
  type eventList,
  type FamilyRoster,
} from '../../../shared/contracts/activities';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { AttendanceChoices } from '../../components/attendance-choices';
import { CentreAndTypeFields } from '../../components/centre-type-fields';
import { ReasonField, VoidButton, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { PersonPicker } from '../../components/person-picker';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { activityTypesQuery, programmesQuery, useActiveCentresWith } from '../../queries';
import { useMe } from '../../session';
import { eventKeys } from './keys';

type EventValues = {
  centreId: string;
  typeId: string;
  startsOn: string;
  endsOn: string;
  durationMinutes: number | string;
  location: string;
  capacity: number | string;
  programmeId: string | null;
  status: string;
  reason: string;
};

/** Creates an event, or corrects one (`editing`): the same form, with the version read and a reason. */
function EventForm({ close, editing }: { close: () => void; editing?: EventView }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const centres = useActiveCentresWith('cases.write');
  const programmes = useQuery(programmesQuery).data?.programmes ?? [];
  const types = (useQuery(activityTypesQuery).data?.types ?? []).filter(
    (x) => x.active && x.kind === 'event',
  );
  const today = toIsoDate(new Date());
  const statusOptions = useOptions(activityStatuses, 'activityStatus');
  // Until chosen: the first centre, and a camp.
  const centreOf = (values: Pick<EventValues, 'centreId'>) => values.centreId || centres[0]?.id || '';
  const typeOf = (values: Pick<EventValues, 'typeId'>) =>
    values.typeId || types.find((x) => x.code === 'camp')?.id || '';
  const body = ({ reason, ...values }: EventValues) => {
    const fields = {
      ...values,
      centreId: centreOf(values),
      typeId: typeOf(values),
      durationMinutes: Number(values.durationMinutes),
      capacity: values.capacity === '' ? null : Number(values.capacity),
    };
    return editing
      ? {
          ...fields,
          place: editing.place,
          notes: editing.notes,
          projectIds: editing.projectIds,
          staffIds: editing.staffIds,
          version: editing.version,
          reason,
        }
      : fields;
  };
  const form = useEntryForm<EventValues>({
    initialValues: {
      centreId: editing?.centreId ?? '',
      typeId: editing?.typeId ?? '',
      startsOn: editing?.startsOn ?? today,
      endsOn: editing?.endsOn ?? today,
      durationMinutes: editing?.durationMinutes ?? 360,
      location: editing?.location ?? '',
      capacity: editing?.capacity ?? '',
      programmeId: editing?.programmeId ?? null,
      status: editing?.status ?? 'held',
      reason: '',
    },
    contract: editing ? eventCorrection : eventInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: EventValues) =>
      editing
        ? api<{ id?: string }>('PATCH', `/api/events/${editing.id}`, body(values))
        : api<{ id?: string }>('POST', '/api/events', body(values)),
    invalidates: () => [eventKeys.all],
    saved: t(editing ? 'record.corrected' : 'events.created'),
    onSaved: async (result) => {
      close();
      if (!editing && result.id) await navigate({ to: '/events/$eventId', params: { eventId: result.id } });
    },
  });
  const values = form.values;
  return (
    <EntryForm form={form} save={save}>
      <CentreAndTypeFields
        centres={centres}
        types={types}
        centreId={centreOf(values)}
        typeId={typeOf(values)}
        onChange={(change) => form.setValues(change)}
        typeError={form.errors.typeId as string | undefined}
      />
      <Group grow align="flex-start">
        <DateField
          label={t('events.startsOn')}
          {...form.getInputProps('startsOn')}
          onChange={(startsOn) =>
            form.setValues({ startsOn, endsOn: values.endsOn < startsOn ? startsOn : values.endsOn })
          }
        />
        <DateField label={t('events.endsOn')} {...form.getInputProps('endsOn')} />
      </Group>
      <TextInput label={t('events.location')} {...form.getInputProps('location')} />
      <Group grow align="flex-start">
        <NumberInput label={t('events.capacity')} {...form.getInputProps('capacity')} min={1} />
        <NumberInput
          label={t('events.dailyMinutes')}
          {...form.getInputProps('durationMinutes')}
          min={1}
          max={1440}
        />
      </Group>
      <Select
        label={t('activity.programme')}
        data={programmes
          .filter((p) => p.active)
          .map((p) => ({ value: p.id, label: language === 'lv' ? p.nameLv : p.nameEn }))}
        {...form.getInputProps('programmeId')}
        clearable
      />
      <Select
        label={t('activity.status')}
        data={statusOptions}
        {...form.getInputProps('status')}
        allowDeselect={false}
      />
      {editing && <ReasonField {...form.getInputProps('reason')} />}
    </EntryForm>
  );
}

export function EventsPage() {
  const { t, language } = useI18n();
  const canCreate = useMe().data?.permissions.includes('cases.write') ?? false;
  const list =
    useQuery({
      queryKey: eventKeys.list(),
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

type FamilyValues = { familyId: string | null; unticked: string[] };

/** Choose a family by searching, then tick the members who came (all by default). */
function AddFamilyForm({ event, close }: { event: EventView; close: () => void }) {
  const { t } = useI18n();
  const form = useEntryForm<FamilyValues>({ initialValues: { familyId: null, unticked: [] } });
  const familyId = form.values.familyId;
  const roster = useQuery({
    queryKey: eventKeys.roster(familyId, event.startsOn),
    queryFn: () => api<FamilyRoster>('GET', `/api/families/${familyId}/roster?on=${event.startsOn}`),
    enabled: familyId !== null,
  });
  const members = roster.data?.members ?? [];
  const came = (unticked: string[]) =>
    members.filter((m) => !unticked.includes(m.personId)).map((m) => m.personId);
  const save = useSave({
    form,
    send: (values: FamilyValues) =>
      api('POST', `/api/events/${event.id}/families`, {
        familyId: values.familyId ?? '',
        personIds: came(values.unticked),
      }),
    invalidates: () => [eventKeys.all],
    saved: t('events.familyAdded'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save} submitProps={{ disabled: familyId === null }}>
      <PersonPicker
        label={t('events.family')}
        pick="family"
        value={familyId}
        onChange={(id) => form.setValues({ familyId: id, unticked: [] })}
        error={form.errors.familyId as string | undefined}
      />
      {members.length > 0 && (
        <Checkbox.Group
          label={t('events.whoCame')}
          value={came(form.values.unticked)}
          onChange={(ticked) =>
            form.setFieldValue(
              'unticked',
              members.filter((m) => !ticked.includes(m.personId)).map((m) => m.personId),
            )
          }
          error={form.errors.personIds}
        >
          <Stack gap="xs" mt="xs">
            {members.map((m) => (
              <Checkbox key={m.personId} value={m.personId} label={m.name} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
    </EntryForm>
  );
}

type DayValues = { day: string; marks: Record<string, Record<string, string>> };

/**
 * Attendance on one day: every participant, present by default or as marked before. One column on a
 * phone: the name above its choices.
 */
function DayForm({ event, close }: { event: EventView; close: () => void }) {
  const { t } = useI18n();
  const people = event.families.flatMap((f) => f.members);
  const form = useEntryForm<DayValues>({ initialValues: { day: event.days[0]!, marks: {} } });
  const markOf = (values: DayValues, personId: string): string =>
    values.marks[values.day]?.[personId] ??
    people.find((p) => p.personId === personId)?.days[values.day] ??
    'present';
  const body = (values: DayValues) => ({
    day: values.day,
    attendance: people.map((p) => ({ personId: p.personId, attendance: markOf(values, p.personId) })),
  });
  const save = useSave({
    form,
    send: (values: DayValues) => api('PUT', `/api/events/${event.id}/attendance`, body(values)),
    invalidates: () => [eventKeys.all],
    saved: t('events.attendanceSaved'),
    onSaved: close,
  });
  const { day, marks } = form.values;
  return (
    <EntryForm form={form} save={save}>
      <Select
        label={t('events.day')}
        data={event.days.map((d) => ({ value: d, label: formatDate(d) }))}
        {...form.getInputProps('day')}
        allowDeselect={false}
      />
      <Stack gap="sm">
        {people.map((p) => (
          <AttendanceChoices
            key={p.personId}
            name={p.name}
            value={markOf(form.values, p.personId)}
            onChange={(v) =>
              form.setFieldValue('marks', { ...marks, [day]: { ...marks[day], [p.personId]: v } })
            }
          />
        ))}
      </Stack>
    </EntryForm>
  );
}

export function EventPage() {
  const { t, language } = useI18n();
  const { eventId } = useParams({ from: '/events/$eventId' });
  const query = useQuery({
    queryKey: eventKeys.one(eventId),
    queryFn: () => api<EventView>('GET', `/api/events/${eventId}`),
  });
  const event = query.data;
  if (!event) return <Text>{t('app.loading')}</Text>;
  const canWrite = event.abilities.edit;
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
              invalidates={[eventKeys.all]}
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
