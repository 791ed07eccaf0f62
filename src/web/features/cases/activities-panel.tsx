import {
  Button,
  Checkbox,
  MultiSelect,
  Select,
  SimpleGrid,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { activityStatuses, places } from '../../../shared/activities';
import {
  type ActivityView,
  activityCorrection,
  caseActivityInput,
} from '../../../shared/contracts/activities';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { activityTypesQuery, programmesQuery, projectOptionsQuery } from '../../queries';
import { useMe } from '../../session';
import { caseKeys, useCaseList } from './keys';

export function useCaseActivities(caseId: string) {
  return useCaseList<{ activities: ActivityView[] }>(caseId, 'activities');
}

/** The activity form's values: the request's fields, the type by its code, times and minutes as typed. */
interface ActivityValues extends Record<string, unknown> {
  typeCode: string;
  occursOn: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: string;
  place: string;
  status: string;
  notes: string;
  notesConfidential: boolean;
  followUpOn: string;
  programmeId: string;
  projectIds: string[];
  confirmDuplicate: boolean;
  reason: string;
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
  onDone?: (notCounted: string[]) => void;
  editing?: ActivityView;
  /** A home visit rather than a consultation at the centre. */
  homeVisit?: boolean;
}) {
  const { t, language } = useI18n();
  const specialty = useMe().data?.user.specialty;
  const catalogue = useQuery(activityTypesQuery);
  const types = (catalogue.data?.types ?? []).filter((x) => x.active && x.kind === 'individual');
  const programmes = (useQuery(programmesQuery).data?.programmes ?? []).filter((p) => p.active);
  const projects = useQuery(projectOptionsQuery).data?.projects ?? [];
  const typeIdOf = (code: string) => types.find((x) => x.code === code || x.id === code)?.id ?? '';
  const body = (values: ActivityValues) => {
    const timed = values.startsAt && values.endsAt;
    const fields = {
      typeId: typeIdOf(values.typeCode),
      occursOn: values.occursOn,
      startsAt: values.startsAt || null,
      endsAt: timed ? values.endsAt : null,
      durationMinutes: timed ? null : Number(values.durationMinutes) || null,
      place: values.place,
      status: values.status,
      notes: values.notes,
      notesConfidential: values.notesConfidential,
      followUpOn: values.followUpOn || null,
      programmeId: values.programmeId || null,
      projectIds: values.projectIds,
      confirmDuplicate: values.confirmDuplicate,
    };
    return editing
      ? {
          ...fields,
          // Who took part and who delivered it stay as logged.
          participants: editing.participants.map((p) => ({
            ...(p.personId ? { personId: p.personId } : { familyId: p.familyId }),
            attendance: p.attendance,
          })),
          staffIds: editing.staff.map((s) => s.userId),
          version: editing.version,
          reason: values.reason,
        }
      : fields;
  };
  const form = useEntryForm<ActivityValues>({
    initialValues: editing
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
          confirmDuplicate: false,
          reason: '',
        }
      : {
          typeCode: homeVisit ? 'home_visit' : 'consultation',
          occursOn: toIsoDate(new Date()),
          startsAt: '',
          endsAt: '',
          durationMinutes: '60',
          place: homeVisit ? 'home' : 'centre',
          status: 'held',
          notes: '',
          notesConfidential: specialty === 'psychologist' || specialty === 'lawyer',
          followUpOn: '',
          programmeId: '',
          projectIds: [],
          confirmDuplicate: false,
          reason: '',
        },
    contract: editing ? activityCorrection : caseActivityInput,
    toBody: body,
    fieldOf: { typeId: 'typeCode' },
  });
  const save = useSave({
    form,
    send: (values: ActivityValues): Promise<{ ok?: true; notCounted?: string[] }> =>
      editing
        ? api('PATCH', `/api/activities/${editing.id}`, body(values))
        : api('POST', `/api/cases/${data.case.id}/activities`, body(values)),
    invalidates: () => [caseKeys.all(data.case.id)],
    saved: t(editing ? 'record.corrected' : 'activity.logged'),
    onSaved: (saved) => {
      close();
      onDone?.(saved.notCounted ?? []);
    },
  });
  const placeOptions = useOptions(places, 'place');
  const statusOptions = useOptions(activityStatuses, 'activityStatus');
  const timed = !!(form.values.startsAt && form.values.endsAt);
  return (
    <EntryForm
      form={form}
      save={save}
      // Saved only once the catalogue has arrived: the pre-filled type is a code until then.
      submitProps={{ loading: save.pending || catalogue.isPending }}
      actions={
        save.error?.code === 'DUPLICATE_ACTIVITY' && (
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
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Select
          label={t('activity.type')}
          data={types.map((x) => ({ value: x.code ?? x.id, label: language === 'lv' ? x.nameLv : x.nameEn }))}
          {...form.getInputProps('typeCode')}
          onChange={(v) => {
            form.setFieldValue('typeCode', v ?? 'consultation');
            if (v === 'home_visit') form.setFieldValue('place', 'home');
            if (v === 'remote_consultation') form.setFieldValue('place', 'online');
          }}
          allowDeselect={false}
        />
        <Select
          label={t('activity.place')}
          data={placeOptions}
          {...form.getInputProps('place')}
          allowDeselect={false}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }}>
        <DateField label={t('activity.date')} {...form.getInputProps('occursOn')} />
        <TextInput label={t('activity.startsAt')} {...form.getInputProps('startsAt')} />
        <TextInput label={t('activity.endsAt')} {...form.getInputProps('endsAt')} />
        <TextInput
          label={t('activity.duration')}
          {...form.getInputProps('durationMinutes')}
          disabled={timed}
        />
      </SimpleGrid>
      <Select
        label={t('activity.status')}
        data={statusOptions}
        {...form.getInputProps('status')}
        allowDeselect={false}
      />
      <Textarea label={t('activity.notes')} {...form.getInputProps('notes')} autosize minRows={3} />
      <Checkbox
        label={t('activity.confidential')}
        {...form.getInputProps('notesConfidential', { type: 'checkbox' })}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <DateField label={t('activity.followUp')} {...form.getInputProps('followUpOn')} />
        <Select
          label={t('activity.programme')}
          data={[
            { value: '', label: '—' },
            ...programmes.map((p) => ({ value: p.id, label: language === 'lv' ? p.nameLv : p.nameEn })),
          ]}
          {...form.getInputProps('programmeId')}
          allowDeselect={false}
        />
      </SimpleGrid>
      {projects.length > 0 && (
        <MultiSelect
          label={t('activity.projects')}
          data={projects.map((p) => ({ value: p.id, label: p.code }))}
          {...form.getInputProps('projectIds')}
        />
      )}
      {editing && <ReasonField {...form.getInputProps('reason')} />}
    </EntryForm>
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
  const label = t(homeVisit ? 'activity.logHomeVisit' : 'activity.log');
  return (
    <ModalButton
      label={label}
      title={label}
      buttonProps={{ variant: homeVisit ? 'light' : 'filled', size: 'sm' }}
      size="lg"
    >
      {(close) => <LogActivityForm data={data} close={close} homeVisit={homeVisit} onDone={onDone} />}
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
                        invalidates={[caseKeys.all(data.case.id)]}
                      >
                        {(close) => <LogActivityForm data={data} close={close} editing={a} />}
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
