import { Button, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { type enrolmentList, exitReasons } from '../../../shared/contracts/agreements';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { FormError, useApiError } from '../../components/form-error';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { useI18n } from '../../i18n';
import { programmesQuery } from '../../queries';

type Enrolments = z.infer<typeof enrolmentList>['enrolments'];

function EnrolForm({ data, close, onDone }: { data: FamilyPage; close: () => void; onDone: () => void }) {
  const { t, language } = useI18n();
  const programmes = (useQuery(programmesQuery).data?.programmes ?? []).filter((p) => p.active);
  const [draft, setDraft] = useState({ programmeId: '', who: 'family', startsOn: toIsoDate(new Date()) });
  const failure = useApiError();
  const save = async () => {
    const subject = draft.who === 'family' ? { familyId: data.family.id } : { personId: draft.who };
    const body = { programmeId: draft.programmeId, startsOn: draft.startsOn, ...subject };
    if (await failure.run(() => api('POST', '/api/enrolments', body))) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Select
        label={t('enrolment.programme')}
        data={programmes.map((p) => ({ value: p.id, label: language === 'lv' ? p.nameLv : p.nameEn }))}
        value={draft.programmeId || null}
        onChange={(v) => setDraft({ ...draft, programmeId: v ?? '' })}
        error={failure.field('programmeId')}
      />
      <Select
        label={t('enrolment.who')}
        data={[
          { value: 'family', label: t('enrolment.wholeFamily') },
          ...data.members
            .filter((m) => !m.leftOn)
            .map((m) => ({ value: m.person.id, label: `${m.person.givenName} ${m.person.familyName}` })),
        ]}
        value={draft.who}
        onChange={(v) => setDraft({ ...draft, who: v ?? 'family' })}
        allowDeselect={false}
      />
      <DateField
        label={t('enrolment.startsOn')}
        value={draft.startsOn}
        onChange={(startsOn) => setDraft({ ...draft, startsOn })}
        error={failure.field('startsOn')}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

function EndForm({ id, close, onDone }: { id: string; close: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ endsOn: toIsoDate(new Date()), exitReason: 'completed' });
  const failure = useApiError();
  const reasons = useOptions(exitReasons, 'exit');
  const save = async () => {
    if (await failure.run(() => api('POST', `/api/enrolments/${id}/end`, draft))) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <DateField
        label={t('enrolment.endsOn')}
        value={draft.endsOn}
        onChange={(endsOn) => setDraft({ ...draft, endsOn })}
        error={failure.field('endsOn')}
      />
      <Select
        label={t('enrolment.exitReason')}
        data={reasons}
        value={draft.exitReason}
        onChange={(v) => setDraft({ ...draft, exitReason: v ?? 'completed' })}
        allowDeselect={false}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

/** The family's and its members' programme enrolments, with enrolling and ending. */
export function EnrolmentPanel({ data, canEdit }: { data: FamilyPage; canEdit: boolean }) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['enrolments', data.family.id],
    queryFn: () => api<{ enrolments: Enrolments }>('GET', `/api/families/${data.family.id}/enrolments`),
  });
  const list = query.data?.enrolments ?? [];
  const refresh = () => query.refetch();
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
            {(close) => <EnrolForm data={data} close={close} onDone={refresh} />}
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
                      {(close) => <EndForm id={e.id} close={close} onDone={refresh} />}
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
