import { Button, Checkbox, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { type ActivityStatus, activityStatuses, type Place, places } from '../../shared/activities';
import type { CentreActivityView, centreActivityList } from '../../shared/contracts/activities';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { api } from '../api';
import { CentreAndTypeFields } from '../components/centre-type-fields';
import { CorrectionActions, ReasonField, VoidedNote } from '../components/corrections';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { useOptions } from '../components/labels';
import { ModalButton } from '../components/modal-button';
import { PageHeader } from '../components/page-header';
import { RowsEditor } from '../components/rows-editor';
import { useI18n } from '../i18n';
import { activityTypesQuery } from '../queries';
import { useMe } from '../session';
import { useActiveCentresWith } from './centres';
import { institutionsQuery } from './institutions';

type List = z.infer<typeof centreActivityList>;

/** Logs a centre activity, or corrects one (`editing`): the same form, with the version read and a reason. */
function LogForm({ close, editing }: { close: () => void; editing?: CentreActivityView }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const centres = useActiveCentresWith('cases.write');
  const types = (useQuery(activityTypesQuery).data?.types ?? []).filter(
    (x) => x.active && (x.kind === 'institutional' || x.kind === 'event'),
  );
  const institutions = useQuery(institutionsQuery).data?.institutions ?? [];
  const [draft, setDraft] = useState({
    centreId: editing?.centreId ?? '',
    typeId: editing?.typeId ?? '',
    occursOn: editing?.occursOn ?? toIsoDate(new Date()),
    durationMinutes: (editing?.durationMinutes ?? 120) as number | string,
    place: editing?.place ?? ('institution' as Place),
    status: editing?.status ?? ('held' as ActivityStatus),
    forOwnStaff: editing?.forOwnStaff ?? false,
    rows: (editing?.institutions ?? []).map((i, key) => ({
      key,
      institutionId: i.institutionId,
      staffAttended: i.staffAttended as number | string,
    })),
  });
  const [reason, setReason] = useState('');
  const statusOptions = useOptions(activityStatuses, 'activityStatus');
  const failure = useApiError();
  const placeOptions = useOptions(places, 'place');
  const centreId = draft.centreId || centres[0]?.id || '';
  const typeId = draft.typeId || types.find((x) => x.code === 'training')?.id || '';
  const save = async () => {
    const body = {
      centreId,
      typeId,
      occursOn: draft.occursOn,
      durationMinutes: Number(draft.durationMinutes),
      place: draft.place,
      status: draft.status,
      forOwnStaff: draft.forOwnStaff,
      institutions: draft.rows.map((r) => ({
        institutionId: r.institutionId,
        staffAttended: Number(r.staffAttended) || 0,
      })),
    };
    const send = () =>
      editing
        ? api('PATCH', `/api/centre-activities/${editing.id}`, {
            ...body,
            // What this form does not show stays as logged.
            startsAt: editing.startsAt,
            notes: editing.notes,
            programmeId: editing.programmeId,
            projectIds: editing.projectIds,
            staffIds: editing.staffIds,
            version: editing.version,
            reason,
          })
        : api('POST', '/api/activities', body);
    if (!(await failure.run(send))) return;
    await queryClient.invalidateQueries({ queryKey: ['centre-activities'] });
    close();
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
          label={t('activity.date')}
          value={draft.occursOn}
          onChange={(occursOn) => setDraft({ ...draft, occursOn })}
          error={failure.field('occursOn')}
        />
        <NumberInput
          label={t('activity.duration')}
          value={draft.durationMinutes}
          onChange={(durationMinutes) => setDraft({ ...draft, durationMinutes })}
          min={1}
          max={1440}
          error={failure.field('durationMinutes')}
        />
        <Select
          label={t('activity.place')}
          data={placeOptions}
          value={draft.place}
          onChange={(v) => setDraft({ ...draft, place: (v ?? 'centre') as Place })}
          allowDeselect={false}
        />
        <Select
          label={t('activity.status')}
          data={statusOptions}
          value={draft.status}
          onChange={(v) => setDraft({ ...draft, status: (v ?? 'held') as ActivityStatus })}
          allowDeselect={false}
        />
      </Group>
      <Checkbox
        label={t('centreActivities.forOwnStaff')}
        checked={draft.forOwnStaff}
        onChange={(e) => setDraft({ ...draft, forOwnStaff: e.currentTarget.checked })}
      />
      <RowsEditor
        rows={draft.rows}
        onChange={(rows) => setDraft({ ...draft, rows })}
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
              error={failure.field(`institutions.${index}.institutionId`)}
            />
            <NumberInput
              label={`${t('centreActivities.staffAttended')} ${index + 1}`}
              value={row.staffAttended}
              onChange={(staffAttended) => update({ staffAttended })}
              min={0}
            />
          </>
        )}
      </RowsEditor>
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

export function CentreActivitiesPage() {
  const { t, language } = useI18n();
  const canLog = useMe().data?.permissions.includes('cases.write') ?? false;
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['centre-activities'] });
  const list =
    useQuery({ queryKey: ['centre-activities'], queryFn: () => api<List>('GET', '/api/activities') }).data
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
                      onVoided={refresh}
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
