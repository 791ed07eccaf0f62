import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  addMemberInput,
  type FamilyPage,
  leaveFamilyInput,
  membershipCorrection,
  type SearchResult,
} from '../../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { relations } from '../../../shared/registry';
import { api } from '../../api';
import { ReasonField } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { FormError } from '../../components/form-error';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { caseKeys } from './keys';

interface Target {
  familyId: string;
  /** The case whose page shows the family: read again after the change. */
  caseId: string;
}

function AddMemberForm({ familyId, caseId, close }: Target & { close: () => void }) {
  const { t } = useI18n();
  const relationOptions = useOptions(relations, 'relation');
  type Values = {
    relation: string;
    joinedOn: string;
    person: { givenName: string; familyName: string; birthDate: string };
    confirmSimilar: boolean;
  };
  const body = (values: Values) => ({
    ...values,
    person: { ...values.person, birthDate: values.person.birthDate || null },
  });
  const form = useEntryForm<Values>({
    initialValues: {
      relation: 'child',
      joinedOn: toIsoDate(new Date()),
      person: { givenName: '', familyName: '', birthDate: '' },
      confirmSimilar: false,
    },
    contract: addMemberInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: Values) => api('POST', `/api/families/${familyId}/members`, body(values)),
    invalidates: () => [caseKeys.all(caseId)],
    saved: t('member.added'),
    onSaved: close,
  });
  return (
    <EntryForm
      form={form}
      save={save}
      actions={
        save.error?.code === 'SIMILAR_PERSONS' && (
          <Button variant="default" onClick={() => save.run({ ...form.getValues(), confirmSimilar: true })}>
            {t('register.confirmNew')}
          </Button>
        )
      }
    >
      <Select
        label={t('person.relation')}
        data={relationOptions}
        {...form.getInputProps('relation')}
        allowDeselect={false}
      />
      <TextInput label={t('person.givenName')} {...form.getInputProps('person.givenName')} />
      <TextInput label={t('person.familyName')} {...form.getInputProps('person.familyName')} />
      <DateField label={t('person.birthDate')} {...form.getInputProps('person.birthDate')} />
      <DateField label={t('family.joinedOn')} {...form.getInputProps('joinedOn')} />
    </EntryForm>
  );
}

/** Adds a new person to the family. */
export function AddMember(target: Target) {
  const { t } = useI18n();
  return (
    <ModalButton
      label={t('family.addMember')}
      title={t('family.addMember')}
      buttonProps={{ variant: 'default' }}
    >
      {(close) => <AddMemberForm {...target} close={close} />}
    </ModalButton>
  );
}

function LeaveForm({ familyId, caseId, memberId, close }: Target & { memberId: string; close: () => void }) {
  const { t } = useI18n();
  const form = useEntryForm({ initialValues: { leftOn: toIsoDate(new Date()) }, contract: leaveFamilyInput });
  const save = useSave({
    form,
    send: (values: { leftOn: string }) =>
      api('POST', `/api/families/${familyId}/members/${memberId}/leave`, values),
    invalidates: () => [caseKeys.all(caseId)],
    saved: t('member.left'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <DateField label={t('family.leftOn')} {...form.getInputProps('leftOn')} />
    </EntryForm>
  );
}

type Membership = FamilyPage['members'][number];

/** Corrects a membership: the relation, the day the person joined the household and the day she left. */
function MembershipForm({
  familyId,
  caseId,
  member,
  close,
}: Target & { member: Membership; close: () => void }) {
  const { t } = useI18n();
  const relationOptions = useOptions(relations, 'relation');
  type Values = { relation: string; joinedOn: string; leftOn: string; reason: string };
  const body = (values: Values) => ({ ...values, leftOn: values.leftOn || null, version: member.version });
  const form = useEntryForm<Values>({
    initialValues: {
      relation: member.relation,
      joinedOn: member.joinedOn,
      leftOn: member.leftOn ?? '',
      reason: '',
    },
    contract: membershipCorrection,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: Values) => api('PATCH', `/api/families/${familyId}/members/${member.id}`, body(values)),
    invalidates: () => [caseKeys.all(caseId)],
    saved: t('record.corrected'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <Text size="sm">{t('member.correctHint')}</Text>
      <Select
        label={t('person.relation')}
        data={relationOptions}
        {...form.getInputProps('relation')}
        allowDeselect={false}
      />
      <Group grow align="flex-start">
        <DateField label={t('member.joinedOn')} {...form.getInputProps('joinedOn')} />
        <DateField label={t('family.leftOn')} {...form.getInputProps('leftOn')} />
      </Group>
      <ReasonField {...form.getInputProps('reason')} />
    </EntryForm>
  );
}

export function CorrectMembership(props: Target & { member: Membership; name: string }) {
  const { t } = useI18n();
  const title = `${t('member.correct')}: ${props.name}`;
  return (
    <ModalButton label={t('member.correct')} title={title} ariaLabel={title}>
      {(close) => <MembershipForm {...props} close={close} />}
    </ModalButton>
  );
}

/** Ends a membership on a date (the person left the household). */
export function LeaveFamily(props: Target & { memberId: string; name: string }) {
  const { t } = useI18n();
  const title = `${t('family.leave')}: ${props.name}`;
  return (
    <ModalButton label={t('family.leave')} title={title} ariaLabel={title}>
      {(close) => <LeaveForm {...props} close={close} />}
    </ModalButton>
  );
}

function MergeForm({ personId, caseId, close }: { personId: string; caseId: string; close: () => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const found = useQuery({
    queryKey: ['search', query],
    queryFn: () => api<SearchResult>('GET', `/api/search?q=${encodeURIComponent(query)}`),
    enabled: query !== '',
  });
  const results = (found.data?.results ?? []).filter((r) => r.personId !== personId);
  const merge = useSave({
    send: (mergeId: string) => api('POST', '/api/persons/merge', { keepId: personId, mergeId }),
    invalidates: () => [caseKeys.all(caseId)],
    saved: t('family.merged'),
    onSaved: close,
  });
  return (
    <Stack>
      <Text size="sm">{t('family.mergeHint')}</Text>
      <FormError error={(found.error as never) ?? merge.error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(typed.trim());
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('search.query')}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
          <Button type="submit" variant="default" loading={found.isFetching}>
            {t('search.submit')}
          </Button>
        </Group>
      </form>
      {results.map((r) => (
        <Group key={r.personId} justify="space-between">
          <Text size="sm">
            {r.familyName} {r.givenName}
            {r.birthDate ? `, ${formatDate(r.birthDate)}` : ''} —{' '}
            {r.cases.map((c) => c.centreName).join(', ')}
          </Text>
          <Button
            size="xs"
            onClick={() => merge.run(r.personId)}
            loading={merge.pending && merge.variables === r.personId}
          >
            {t('family.mergeInto')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

/** A manager merges another record of the same person into this one. */
export function MergePerson({ personId, caseId, name }: { personId: string; caseId: string; name: string }) {
  const { t } = useI18n();
  const title = `${t('family.merge')}: ${name}`;
  return (
    <ModalButton label={t('family.merge')} title={title} ariaLabel={title}>
      {(close) => <MergeForm personId={personId} caseId={caseId} close={close} />}
    </ModalButton>
  );
}
