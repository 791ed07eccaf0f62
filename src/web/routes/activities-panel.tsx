import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ActivityStatus, activityStatuses, type Place, places } from '../../shared/activities';
import type { ActivityView } from '../../shared/contracts/activities';
import type { FamilyPage } from '../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { api } from '../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../components/corrections';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { useOptions } from '../components/labels';
import { ModalButton } from '../components/modal-button';
import { Panel } from '../components/panel';
import { useI18n } from '../i18n';
import { activityTypesQuery, useCaseResource } from '../queries';
import { useMe } from '../session';
import { programmesQuery } from './programmes';

export function useCaseActivities(caseId: string) {
  return useCaseResource<{ activities: ActivityView[] }>(caseId, 'activities');
}

/**
 * Few fields, pre-filled: today, a consultation at the centre, the family present, the caller delivering
 * it. With `editing`, the same form corrects a logged activity: filled from it, saved with the version it
 * was read at and a reason.
 */
function LogActivityForm({
  data,
  close,
  onDone,
  editing,
  homeVisit = false,
}: {
  data: FamilyPage;
  close: () => void;
  /** After saving: the people who will not count (dated before they joined the family). */
  onDone: (notCounted: string[]) => void;
  editing?: ActivityView;
  /** A home visit rather than a consultation at the centre. */
  homeVisit?: boolean;
}) {
  const { t, language } = useI18n();
  const specialty = useMe().data?.user.specialty;
  const catalogue = useQuery(activityTypesQuery);
  const types = (catalogue.data?.types ?? []).filter((x) => x.active && x.kind === 'individual');
  const programmes = (useQuery(programmesQuery).data?.programmes ?? []).filter((p) => p.active);
  const projects =
    useQuery({
      queryKey: ['project-options'],
      queryFn: () => api<{ projects: { id: string; code: string }[] }>('GET', '/api/projects/options'),
    }).data?.projects ?? [];
  const [draft, setDraft] = useState(
    editing
      ? {
          typeCode: editing.typeCode ?? editing.typeId,
          occursOn: editing.occursOn,
          startsAt: '',
          endsAt: '',
          durationMinutes: String(editing.durationMinutes),
          place: editing.place,
          status: editing.status,
          notes: editing.notes ?? '',
          notesConfidential: editing.notesConfidential,
          followUpOn: editing.followUpOn ?? '',
          programmeId: editing.programmeId ?? '',
          projectIds: editing.projectIds,
        }
      : {
          typeCode: homeVisit ? 'home_visit' : 'consultation',
          occursOn: toIsoDate(new Date()),
          startsAt: '',
          endsAt: '',
          durationMinutes: '60',
          place: (homeVisit ? 'home' : 'centre') as Place,
          status: 'held' as ActivityStatus,
          notes: '',
          notesConfidential: specialty === 'psychologist' || specialty === 'lawyer',
          followUpOn: '',
          programmeId: '',
          projectIds: [] as string[],
        },
  );
  const [reason, setReason] = useState('');
  const failure = useApiError();
  const placeOptions = useOptions(places, 'place');
  const statusOptions = useOptions(activityStatuses, 'activityStatus');
  const typeId = types.find((x) => x.code === draft.typeCode || x.id === draft.typeCode)?.id ?? '';
  const save = async (confirmDuplicate = false) => {
    const timed = draft.startsAt && draft.endsAt;
    const body = {
      typeId,
      occursOn: draft.occursOn,
      startsAt: draft.startsAt || null,
      endsAt: timed ? draft.endsAt : null,
      durationMinutes: timed ? null : Number(draft.durationMinutes) || null,
      place: draft.place,
      status: draft.status,
      notes: draft.notes,
      notesConfidential: draft.notesConfidential,
      followUpOn: draft.followUpOn || null,
      programmeId: draft.programmeId || null,
      projectIds: draft.projectIds,
      confirmDuplicate,
    };
    const send = (): Promise<{ ok?: true; notCounted?: string[] }> =>
      editing
        ? api<{ ok: true }>('PATCH', `/api/activities/${editing.id}`, {
            ...body,
            // Who took part and who delivered it stay as logged.
            participants: editing.participants.map((p) => ({
              ...(p.personId ? { personId: p.personId } : { familyId: p.familyId }),
              attendance: p.attendance,
            })),
            staffIds: editing.staff.map((s) => s.userId),
            version: editing.version,
            reason,
          })
        : api<{ notCounted: string[] }>('POST', `/api/cases/${data.case.id}/activities`, body);
    const saved = await failure.run(send);
    if (saved) {
      close();
      onDone(saved.notCounted ?? []);
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Select
          label={t('activity.type')}
          data={types.map((x) => ({ value: x.code ?? x.id, label: language === 'lv' ? x.nameLv : x.nameEn }))}
          value={draft.typeCode}
          onChange={(v) =>
            setDraft({
              ...draft,
              typeCode: v ?? 'consultation',
              place: v === 'home_visit' ? 'home' : v === 'remote_consultation' ? 'online' : draft.place,
            })
          }
          error={failure.field('typeId')}
          allowDeselect={false}
        />
        <Select
          label={t('activity.place')}
          data={placeOptions}
          value={draft.place}
          onChange={(v) => setDraft({ ...draft, place: (v ?? 'centre') as Place })}
          allowDeselect={false}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }}>
        <DateField
          label={t('activity.date')}
          value={draft.occursOn}
          onChange={(occursOn) => setDraft({ ...draft, occursOn })}
          error={failure.field('occursOn')}
        />
        <TextInput
          label={t('activity.startsAt')}
          value={draft.startsAt}
          onChange={(e) => setDraft({ ...draft, startsAt: e.currentTarget.value })}
          error={failure.field('startsAt')}
        />
        <TextInput
          label={t('activity.endsAt')}
          value={draft.endsAt}
          onChange={(e) => setDraft({ ...draft, endsAt: e.currentTarget.value })}
          error={failure.field('endsAt')}
        />
        <TextInput
          label={t('activity.duration')}
          value={draft.durationMinutes}
          onChange={(e) => setDraft({ ...draft, durationMinutes: e.currentTarget.value })}
          error={failure.field('durationMinutes')}
          disabled={!!(draft.startsAt && draft.endsAt)}
        />
      </SimpleGrid>
      <Select
        label={t('activity.status')}
        data={statusOptions}
        value={draft.status}
        onChange={(v) => setDraft({ ...draft, status: (v ?? 'held') as ActivityStatus })}
        allowDeselect={false}
      />
      <Textarea
        label={t('activity.notes')}
        value={draft.notes}
        onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
        autosize
        minRows={3}
      />
      <Checkbox
        label={t('activity.confidential')}
        checked={draft.notesConfidential}
        onChange={(e) => setDraft({ ...draft, notesConfidential: e.currentTarget.checked })}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <DateField
          label={t('activity.followUp')}
          value={draft.followUpOn}
          onChange={(followUpOn) => setDraft({ ...draft, followUpOn })}
          error={failure.field('followUpOn')}
        />
        <Select
          label={t('activity.programme')}
          data={[
            { value: '', label: '—' },
            ...programmes.map((p) => ({ value: p.id, label: language === 'lv' ? p.nameLv : p.nameEn })),
          ]}
          value={draft.programmeId}
          onChange={(v) => setDraft({ ...draft, programmeId: v ?? '' })}
          allowDeselect={false}
        />
      </SimpleGrid>
      {projects.length > 0 && (
        <MultiSelect
          label={t('activity.projects')}
          data={projects.map((p) => ({ value: p.id, label: p.code }))}
          value={draft.projectIds}
          onChange={(projectIds) => setDraft({ ...draft, projectIds })}
        />
      )}
      {editing && <ReasonField value={reason} onChange={setReason} error={failure.field('reason')} />}
      <Group>
        {/* Saved only once the catalogue has arrived: the pre-filled type is a code until then. */}
        <Button onClick={() => save()} w="fit-content" loading={failure.pending || catalogue.isPending}>
          {t('common.save')}
        </Button>
        {failure.error?.code === 'DUPLICATE_ACTIVITY' && (
          <Button variant="default" onClick={() => save(true)} loading={failure.pending}>
            {t('activity.saveAnyway')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/**
 * The day's action, first on the family page: log an activity (or a home visit) in a dialog. After
 * saving, the case's activities and page are read again; `onDone` gets the people who will not count.
 */
export function LogActivityButton({
  data,
  homeVisit = false,
  onDone,
}: {
  data: FamilyPage;
  homeVisit?: boolean;
  onDone: (notCounted: string[]) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const label = t(homeVisit ? 'activity.logHomeVisit' : 'activity.log');
  return (
    <ModalButton
      label={label}
      title={label}
      buttonProps={{ variant: homeVisit ? 'light' : 'filled', size: 'sm' }}
      size="lg"
    >
      {(close) => (
        <LogActivityForm
          data={data}
          close={close}
          homeVisit={homeVisit}
          onDone={async (names) => {
            onDone(names);
            await queryClient.invalidateQueries({ queryKey: ['activities', data.case.id] });
            await queryClient.invalidateQueries({ queryKey: ['case', data.case.id] });
          }}
        />
      )}
    </ModalButton>
  );
}

/**
 * The activities of the case, newest first, each with its corrections. Logging is at the top of the family
 * page (`LogActivityButton`), which also says who will not count.
 */
export function ActivitiesPanel({ data, canEdit }: { data: FamilyPage; canEdit: boolean }) {
  const { t, language } = useI18n();
  const query = useCaseActivities(data.case.id);
  const list = query.data?.activities ?? [];
  const saved = () => query.refetch();
  return (
    <Panel title={t('activity.title')}>
      {list.length === 0 ? (
        <Text size="sm">{t('activity.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Tbody>
              {list.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td w={110}>{formatDate(a.occursOn)}</Table.Td>
                  <Table.Td style={a.voided ? { opacity: 0.7 } : undefined}>
                    <VoidedNote voided={a.voided} />
                    <Text size="sm" fw={600} td={a.voided ? 'line-through' : undefined}>
                      {language === 'lv' ? a.typeNameLv : a.typeNameEn} · {t(`place.${a.place}`)} ·{' '}
                      {t('activity.minutes', { count: a.durationMinutes })}
                      {a.status !== 'held' ? ` · ${t(`activityStatus.${a.status}`)}` : ''}
                    </Text>
                    <Text size="sm">
                      {a.participants.map((p) => `${p.name} (${t(`attendance.${p.attendance}`)})`).join(', ')}{' '}
                      — {a.staff.map((s) => s.name).join(', ')}
                    </Text>
                    {a.notes === null ? (
                      <Text size="sm" fs="italic">
                        {t('activity.hiddenNotes')}
                      </Text>
                    ) : (
                      a.notes && <Text size="sm">{a.notes}</Text>
                    )}
                    {a.followUpOn && (
                      <Text size="xs">
                        {t('activity.followUp')}: {formatDate(a.followUpOn)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td w={1}>
                    {canEdit && !a.voided && (
                      <CorrectionActions
                        title={t('activity.correct')}
                        subject={`${formatDate(a.occursOn)} ${language === 'lv' ? a.typeNameLv : a.typeNameEn}`}
                        size="lg"
                        voidUrl={`/api/activities/${a.id}/void`}
                        version={a.version}
                        onVoided={() => query.refetch()}
                      >
                        {(close) => <LogActivityForm data={data} close={close} onDone={saved} editing={a} />}
                      </CorrectionActions>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Panel>
  );
}
