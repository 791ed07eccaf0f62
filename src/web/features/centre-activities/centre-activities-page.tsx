import { Checkbox, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { activityStatuses, places } from '../../../shared/activities';
import {
  type CentreActivityView,
  centreActivityCorrection,
  centreActivityInput,
  type centreActivityList,
} from '../../../shared/contracts/activities';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { CentreAndTypeFields } from '../../components/centre-type-fields';
import { CorrectionActions, ReasonField, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { RowsEditor, rowKey } from '../../components/rows-editor';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { activityTypesQuery, institutionsQuery, useActiveCentresWith } from '../../queries';
import { useMe } from '../../session';
import { centreActivityKeys } from './keys';

type List = z.infer<typeof centreActivityList>;

type LogValues = {
  centreId: string;
  typeId: string;
  occursOn: string;
  durationMinutes: number | string;
  place: string;
  status: string;
  forOwnStaff: boolean;
  rows: { key: number; institutionId: string; staffAttended: number | string }[];
  reason: string;
};

/** Logs a centre activity, or corrects one (`editing`): the same form, with the version read and a reason. */
function LogForm({ close, editing }: { close: () => void; editing?: CentreActivityView }) {
  const { t } = useI18n();
  const centres = useActiveCentresWith('cases.write');
  const types = (useQuery(activityTypesQuery).data?.types ?? []).filter(
    (x) => x.active && (x.kind === 'institutional' || x.kind === 'event'),
  );
  const institutions = useQuery(institutionsQuery).data?.institutions ?? [];
  const statusOptions = useOptions(activityStatuses, 'activityStatus');
  const placeOptions = useOptions(places, 'place');
  // Until chosen: the first centre, and a training.
  const centreOf = (values: Pick<LogValues, 'centreId'>) => values.centreId || centres[0]?.id || '';
  const typeOf = (values: Pick<LogValues, 'typeId'>) =>
    values.typeId || types.find((x) => x.code === 'training')?.id || '';
  const body = (values: LogValues) => {
    const fields = {
      centreId: centreOf(values),
      typeId: typeOf(values),
      occursOn: values.occursOn,
      durationMinutes: Number(values.durationMinutes),
      place: values.place,
      status: values.status,
      forOwnStaff: values.forOwnStaff,
      institutions: values.rows.map((r) => ({
        institutionId: r.institutionId,
        staffAttended: Number(r.staffAttended) || 0,
      })),
    };
    return editing
      ? {
          ...fields,
          // What this form does not show stays as logged.
          startsAt: editing.startsAt,
          notes: editing.notes,
          programmeId: editing.programmeId,
          projectIds: editing.projectIds,
          staffIds: editing.staffIds,
          version: editing.version,
          reason: values.reason,
        }
      : fields;
  };
  const form = useEntryForm<LogValues>({
    initialValues: {
      centreId: editing?.centreId ?? '',
      typeId: editing?.typeId ?? '',
      occursOn: editing?.occursOn ?? toIsoDate(new Date()),
      durationMinutes: editing?.durationMinutes ?? 120,
      place: editing?.place ?? 'institution',
      status: editing?.status ?? 'held',
      forOwnStaff: editing?.forOwnStaff ?? false,
      rows: (editing?.institutions ?? []).map((i) => ({
        key: rowKey(),
        institutionId: i.institutionId,
        staffAttended: i.staffAttended,
      })),
      reason: '',
    },
    contract: editing ? centreActivityCorrection : centreActivityInput,
    toBody: body,
    // The request's institutions are the form's rows.
    fieldOf: (field: string) => field.replace(/^institutions\./, 'rows.'),
  });
  const save = useSave({
    form,
    send: (values: LogValues) =>
      editing
        ? api('PATCH', `/api/centre-activities/${editing.id}`, body(values))
        : api('POST', '/api/activities', body(values)),
    invalidates: () => [centreActivityKeys.all],
    saved: t(editing ? 'record.corrected' : 'activity.logged'),
    onSaved: close,
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
        <DateField label={t('activity.date')} {...form.getInputProps('occursOn')} />
        <NumberInput
          label={t('activity.duration')}
          {...form.getInputProps('durationMinutes')}
          min={1}
          max={1440}
        />
        <Select
          label={t('activity.place')}
          data={placeOptions}
          {...form.getInputProps('place')}
          allowDeselect={false}
        />
        <Select
          label={t('activity.status')}
          data={statusOptions}
          {...form.getInputProps('status')}
          allowDeselect={false}
        />
      </Group>
      <Checkbox
        label={t('centreActivities.forOwnStaff')}
        {...form.getInputProps('forOwnStaff', { type: 'checkbox' })}
      />
      <RowsEditor
        rows={values.rows}
        onChange={(rows) => form.setFieldValue('rows', rows)}
        newRow={() => ({ institutionId: '', staffAttended: '' })}
        addLabel={t('centreActivities.addInstitution')}
        rowLabel={(index) => `${t('centreActivities.institutions')} ${index + 1}`}
      >
        {(row, index, update) => (
          <>
            <Select
              label={`${t('centreActivities.institutions')} ${index + 1}`}
              data={institutions.map((i) => ({ value: i.id, label: i.name }))}
              value={row.institutionId || null}
              onChange={(v) => update({ institutionId: v ?? '' })}
              error={form.errors[`rows.${index}.institutionId`]}
            />
            <NumberInput
              label={`${t('centreActivities.staffAttended')} ${index + 1}`}
              value={row.staffAttended}
              onChange={(staffAttended) => update({ staffAttended })}
              error={form.errors[`rows.${index}.staffAttended`]}
              min={0}
            />
          </>
        )}
      </RowsEditor>
      {editing && <ReasonField {...form.getInputProps('reason')} />}
    </EntryForm>
  );
}

export function CentreActivitiesPage() {
  const { t, language } = useI18n();
  const canLog = useMe().data?.permissions.includes('cases.write') ?? false;
  const list =
    useQuery({ queryKey: centreActivityKeys.list(), queryFn: () => api<List>('GET', '/api/activities') }).data
      ?.activities ?? [];
  return (
    <Stack>
      <PageHeader title={t('centreActivities.title')}>
        {canLog && (
          <ModalButton
            label={t('centreActivities.log')}
            title={t('centreActivities.log')}
            buttonProps={{ variant: 'filled', size: 'sm' }}
            size="lg"
          >
            {(close) => <LogForm close={close} />}
          </ModalButton>
        )}
      </PageHeader>
      {list.length === 0 ? (
        <Text>{t('centreActivities.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Tbody>
            {list.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td w={110}>{formatDate(a.occursOn)}</Table.Td>
                <Table.Td style={a.voided ? { opacity: 0.7 } : undefined}>
                  <VoidedNote voided={a.voided} />
                  <Text size="sm" fw={600} td={a.voided ? 'line-through' : undefined}>
                    {language === 'lv' ? a.typeNameLv : a.typeNameEn} ·{' '}
                    {t('activity.minutes', { count: a.durationMinutes })}
                    {a.forOwnStaff ? ` · ${t('centreActivities.forOwnStaff')}` : ''}
                    {a.status !== 'held' ? ` · ${t(`activityStatus.${a.status}`)}` : ''}
                  </Text>
                  <Text size="sm">
                    {a.institutions
                      .map((i) => t('centreActivities.attended', { name: i.name, count: i.staffAttended }))
                      .join('; ')}
                  </Text>
                </Table.Td>
                <Table.Td w={1}>
                  {canLog && !a.voided && (
                    <CorrectionActions
                      title={t('activity.correct')}
                      subject={`${formatDate(a.occursOn)} ${language === 'lv' ? a.typeNameLv : a.typeNameEn}`}
                      size="lg"
                      voidUrl={`/api/activities/${a.id}/void`}
                      version={a.version}
                      invalidates={[centreActivityKeys.all]}
                    >
                      {(close) => <LogForm close={close} editing={a} />}
                    </CorrectionActions>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
