import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FamilyPage, SearchResult } from '../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../shared/i18n';
import { type Relation, relations } from '../../shared/registry';
import { api } from '../api';
import { ReasonField } from '../components/corrections';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { useOptions } from '../components/labels';
import { ModalButton } from '../components/modal-button';
import { useI18n } from '../i18n';

interface Done {
  close: () => void;
  onDone: () => void;
}

function AddMemberForm({ familyId, close, onDone }: Done & { familyId: string }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({
    givenName: '',
    familyName: '',
    birthDate: '',
    relation: 'child' as Relation,
    joinedOn: toIsoDate(new Date()),
  });
  const failure = useApiError();
  const relationOptions = useOptions(relations, 'relation');
  const submit = async (confirmSimilar = false) => {
    const body = {
      relation: draft.relation,
      joinedOn: draft.joinedOn,
      person: {
        givenName: draft.givenName,
        familyName: draft.familyName,
        birthDate: draft.birthDate || null,
      },
      confirmSimilar,
    };
    if (await failure.run(() => api('POST', `/api/families/${familyId}/members`, body))) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Select
        label={t('person.relation')}
        data={relationOptions}
        value={draft.relation}
        onChange={(v) => setDraft({ ...draft, relation: (v ?? 'other') as Relation })}
        allowDeselect={false}
      />
      <TextInput
        label={t('person.givenName')}
        value={draft.givenName}
        onChange={(e) => setDraft({ ...draft, givenName: e.currentTarget.value })}
        error={failure.field('person.givenName')}
      />
      <TextInput
        label={t('person.familyName')}
        value={draft.familyName}
        onChange={(e) => setDraft({ ...draft, familyName: e.currentTarget.value })}
        error={failure.field('person.familyName')}
      />
      <DateField
        label={t('person.birthDate')}
        value={draft.birthDate}
        onChange={(birthDate) => setDraft({ ...draft, birthDate })}
        error={failure.field('person.birthDate')}
      />
      <DateField
        label={t('family.joinedOn')}
        value={draft.joinedOn}
        onChange={(joinedOn) => setDraft({ ...draft, joinedOn })}
      />
      <Group>
        <Button onClick={() => submit()}>{t('common.save')}</Button>
        {failure.error?.code === 'SIMILAR_PERSONS' && (
          <Button variant="default" onClick={() => submit(true)}>
            {t('register.confirmNew')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Adds a new person to the family. */
export function AddMember({ familyId, onDone }: { familyId: string; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <ModalButton
      label={t('family.addMember')}
      title={t('family.addMember')}
      buttonProps={{ variant: 'default' }}
    >
      {(close) => <AddMemberForm familyId={familyId} close={close} onDone={onDone} />}
    </ModalButton>
  );
}

function LeaveForm({ familyId, memberId, close, onDone }: Done & { familyId: string; memberId: string }) {
  const { t } = useI18n();
  const [leftOn, setLeftOn] = useState(toIsoDate(new Date()));
  const failure = useApiError();
  const submit = async () => {
    if (
      await failure.run(() => api('POST', `/api/families/${familyId}/members/${memberId}/leave`, { leftOn }))
    ) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <DateField
        label={t('family.leftOn')}
        value={leftOn}
        onChange={setLeftOn}
        error={failure.field('leftOn')}
      />
      <Button onClick={submit}>{t('common.save')}</Button>
    </Stack>
  );
}

type Membership = FamilyPage['members'][number];

/** Corrects a membership: the relation, the day the person joined the household and the day she left. */
function MembershipForm({
  familyId,
  member,
  close,
  onDone,
}: Done & { familyId: string; member: Membership }) {
  const { t } = useI18n();
  const relationOptions = useOptions(relations, 'relation');
  const [draft, setDraft] = useState({
    relation: member.relation,
    joinedOn: member.joinedOn,
    leftOn: member.leftOn ?? '',
  });
  const [reason, setReason] = useState('');
  const failure = useApiError();
  const submit = async () => {
    const body = { ...draft, leftOn: draft.leftOn || null, version: member.version, reason };
    if (await failure.run(() => api('PATCH', `/api/families/${familyId}/members/${member.id}`, body))) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Text size="sm">{t('member.correctHint')}</Text>
      <Select
        label={t('person.relation')}
        data={relationOptions}
        value={draft.relation}
        onChange={(v) => setDraft({ ...draft, relation: (v ?? draft.relation) as Membership['relation'] })}
        allowDeselect={false}
      />
      <Group grow align="flex-start">
        <DateField
          label={t('member.joinedOn')}
          value={draft.joinedOn}
          onChange={(joinedOn) => setDraft({ ...draft, joinedOn })}
          error={failure.field('joinedOn')}
        />
        <DateField
          label={t('family.leftOn')}
          value={draft.leftOn}
          onChange={(leftOn) => setDraft({ ...draft, leftOn })}
          error={failure.field('leftOn')}
        />
      </Group>
      <ReasonField value={reason} onChange={setReason} error={failure.field('reason')} />
      <Button onClick={submit} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

export function CorrectMembership(props: {
  familyId: string;
  member: Membership;
  name: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const title = `${t('member.correct')}: ${props.name}`;
  return (
    <ModalButton label={t('member.correct')} title={title} ariaLabel={title}>
      {(close) => <MembershipForm {...props} close={close} />}
    </ModalButton>
  );
}

/** Ends a membership on a date (the person left the household). */
export function LeaveFamily(props: { familyId: string; memberId: string; name: string; onDone: () => void }) {
  const { t } = useI18n();
  const title = `${t('family.leave')}: ${props.name}`;
  return (
    <ModalButton label={t('family.leave')} title={title} ariaLabel={title}>
      {(close) => <LeaveForm {...props} close={close} />}
    </ModalButton>
  );
}

function MergeForm({ personId, close, onDone }: Done & { personId: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult['results']>([]);
  const failure = useApiError();
  const search = async () => {
    const found = await failure.run(() =>
      api<SearchResult>('GET', `/api/search?q=${encodeURIComponent(query)}`),
    );
    setResults((found?.results ?? []).filter((r) => r.personId !== personId));
  };
  const merge = async (mergeId: string) => {
    if (await failure.run(() => api('POST', '/api/persons/merge', { keepId: personId, mergeId }))) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <Text size="sm">{t('family.mergeHint')}</Text>
      <FormError error={failure.error} />
      <Group align="flex-end">
        <TextInput
          label={t('search.query')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <Button variant="default" onClick={search}>
          {t('search.submit')}
        </Button>
      </Group>
      {results.map((r) => (
        <Group key={r.personId} justify="space-between">
          <Text size="sm">
            {r.familyName} {r.givenName}
            {r.birthDate ? `, ${formatDate(r.birthDate)}` : ''} —{' '}
            {r.cases.map((c) => c.centreName).join(', ')}
          </Text>
          <Button size="xs" onClick={() => merge(r.personId)}>
            {t('family.mergeInto')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

/** A manager merges another record of the same person into this one. */
export function MergePerson({
  personId,
  name,
  onDone,
}: {
  personId: string;
  name: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const title = `${t('family.merge')}: ${name}`;
  return (
    <ModalButton label={t('family.merge')} title={title} ariaLabel={title}>
      {(close) => <MergeForm personId={personId} close={close} onDone={onDone} />}
    </ModalButton>
  );
}
