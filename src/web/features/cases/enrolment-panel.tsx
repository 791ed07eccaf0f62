import { Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  endEnrolmentInput,
  enrolInput,
  type enrolmentList,
  exitReasons,
} from '../../../shared/contracts/agreements';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { programmesQuery } from '../../queries';
import { caseKeys } from './keys';

type Enrolments = z.infer<typeof enrolmentList>['enrolments'];

function EnrolForm({ data, close }: { data: FamilyPage; close: () => void }) {
  const { t, language } = useI18n();
  const programmes = (useQuery(programmesQuery).data?.programmes ?? []).filter((p) => p.active);
  type Values = { programmeId: string; who: string; startsOn: string };
  const body = ({ who, ...values }: Values) => ({
    ...values,
    ...(who === 'family' ? { familyId: data.family.id } : { personId: who }),
  });
  const form = useEntryForm<Values>({
    initialValues: { programmeId: '', who: 'family', startsOn: toIsoDate(new Date()) },
    contract: enrolInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: Values) => api('POST', '/api/enrolments', body(values)),
    invalidates: () => [caseKeys.all(data.case.id)],
    saved: t('enrolment.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <Select
        label={t('enrolment.programme')}
        data={programmes.map((p) => ({ value: p.id, label: language === 'lv' ? p.nameLv : p.nameEn }))}
        {...form.getInputProps('programmeId')}
      />
      <Select
        label={t('enrolment.who')}
        data={[
          { value: 'family', label: t('enrolment.wholeFamily') },
          ...data.members
            .filter((m) => !m.leftOn)
            .map((m) => ({ value: m.person.id, label: `${m.person.givenName} ${m.person.familyName}` })),
        ]}
        {...form.getInputProps('who')}
        allowDeselect={false}
      />
      <DateField label={t('enrolment.startsOn')} {...form.getInputProps('startsOn')} />
    </EntryForm>
  );
}

function EndForm({ id, caseId, close }: { id: string; caseId: string; close: () => void }) {
  const { t } = useI18n();
  const reasons = useOptions(exitReasons, 'exit');
  type Values = { endsOn: string; exitReason: string };
  const form = useEntryForm<Values>({
    initialValues: { endsOn: toIsoDate(new Date()), exitReason: 'completed' },
    contract: endEnrolmentInput,
  });
  const save = useSave({
    form,
    send: (values: Values) => api('POST', `/api/enrolments/${id}/end`, values),
    invalidates: () => [caseKeys.all(caseId)],
    saved: t('enrolment.ended'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <DateField label={t('enrolment.endsOn')} {...form.getInputProps('endsOn')} />
      <Select
        label={t('enrolment.exitReason')}
        data={reasons}
        {...form.getInputProps('exitReason')}
        allowDeselect={false}
      />
    </EntryForm>
  );
}

/** The family's and its members' programme enrolments, with enrolling and ending. */
export function EnrolmentPanel({ data, canEdit }: { data: FamilyPage; canEdit: boolean }) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: caseKeys.list(data.case.id, 'enrolments'),
    queryFn: () => api<{ enrolments: Enrolments }>('GET', `/api/families/${data.family.id}/enrolments`),
  });
  const list = query.data?.enrolments ?? [];
  const nameOf = (personId: string | null) => {
    if (!personId) return t('enrolment.wholeFamily');
    const member = data.members.find((m) => m.person.id === personId);
    return member ? `${member.person.givenName} ${member.person.familyName}` : '';
  };
  return (
    <Panel
      title={t('enrolment.title')}
      actions={
        canEdit && (
          <ModalButton
            label={t('enrolment.enrol')}
            title={t('enrolment.enrol')}
            buttonProps={{ variant: 'default' }}
          >
            {(close) => <EnrolForm data={data} close={close} />}
          </ModalButton>
        )
      }
    >
      {list.length === 0 ? (
        <Text size="sm">{t('enrolment.none')}</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {list.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{e.programmeName}</Table.Td>
                <Table.Td>{nameOf(e.personId)}</Table.Td>
                <Table.Td>
                  {formatDate(e.startsOn)} –{' '}
                  {e.endsOn ? `${formatDate(e.endsOn)} (${t(`exit.${e.exitReason ?? 'other'}`)})` : ''}
                </Table.Td>
                <Table.Td>
                  {canEdit && !e.endsOn && (
                    <ModalButton
                      label={t('enrolment.end')}
                      title={`${t('enrolment.end')}: ${e.programmeName}`}
                      ariaLabel={`${t('enrolment.end')}: ${e.programmeName}`}
                    >
                      {(close) => <EndForm id={e.id} caseId={data.case.id} close={close} />}
                    </ModalButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Panel>
  );
}
