import { Button, Checkbox, Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FamilyPage, PersonView } from '../../shared/contracts/registry';
import {
  type ReferralReason,
  type ReferralSource,
  referralReasons,
  referralSources,
  type Sex,
  sexes,
} from '../../shared/registry';
import { api } from '../api';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { useOptions } from '../components/labels';
import { ModalButton } from '../components/modal-button';
import { useI18n } from '../i18n';

function EditPersonForm({
  person,
  close,
  onDone,
}: {
  person: PersonView;
  close: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(person);
  const failure = useApiError();
  const sexOptions = useOptions(sexes, 'sex');
  const set = (patch: Partial<PersonView>) => setDraft({ ...draft, ...patch });
  const save = async () => {
    const changed = Object.fromEntries(
      Object.entries(draft).filter(
        ([key, value]) => key !== 'id' && key !== 'version' && value !== person[key as keyof PersonView],
      ),
    );
    const body = { ...changed, version: person.version };
    if (await failure.run(() => api('PATCH', `/api/persons/${person.id}`, body))) {
      close();
      onDone();
    }
  };
  const text = (field: keyof PersonView, label: string) => (
    <TextInput
      label={label}
      value={String(draft[field] ?? '')}
      onChange={(e) => set({ [field]: e.currentTarget.value })}
      error={failure.field(field)}
    />
  );
  return (
    <Stack>
      <FormError error={failure.error} />
      <Group grow align="flex-start">
        {text('givenName', t('person.givenName'))}
        {text('familyName', t('person.familyName'))}
      </Group>
      <Group grow align="flex-start">
        <DateField
          label={t('person.birthDate')}
          value={draft.birthDate ?? ''}
          onChange={(v) => set({ birthDate: v || null })}
          error={failure.field('birthDate')}
        />
        <TextInput
          label={t('person.personalCode')}
          value={draft.personalCode ?? ''}
          onChange={(e) => set({ personalCode: e.currentTarget.value || null })}
          error={failure.field('personalCode')}
        />
        <Select
          label={t('person.sex')}
          data={sexOptions}
          value={draft.sex}
          onChange={(v) => set({ sex: (v ?? 'unknown') as Sex })}
          allowDeselect={false}
        />
      </Group>
      <Group grow align="flex-start">
        {text('phone', t('person.phone'))}
        {text('email', t('person.email'))}
      </Group>
      <Group grow align="flex-start">
        {text('municipality', t('person.municipality'))}
        {text('town', t('person.town'))}
        {text('street', t('person.street'))}
      </Group>
      <Checkbox
        label={t('person.disability')}
        checked={draft.disability}
        onChange={(e) => set({ disability: e.currentTarget.checked })}
      />
      {draft.disability && text('disabilityNote', t('person.disabilityNote'))}
      <Textarea
        label={t('person.notes')}
        value={draft.notes}
        onChange={(e) => set({ notes: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

/** Edits a person's details; only changed fields are sent, and each change is kept in the history. */
export function EditPerson({ person, onDone }: { person: PersonView; onDone: () => void }) {
  const { t } = useI18n();
  const name = `${person.givenName} ${person.familyName}`;
  return (
    <ModalButton
      label={t('common.edit')}
      title={`${t('person.edit')}: ${name}`}
      ariaLabel={`${t('common.edit')}: ${name}`}
      size="lg"
    >
      {(close) => <EditPersonForm person={person} close={close} onDone={onDone} />}
    </ModalButton>
  );
}

function EditCaseForm({
  c,
  close,
  onDone,
}: {
  c: FamilyPage['case'];
  close: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const initial = {
    referralDate: c.referralDate,
    referralSource: c.referralSource,
    referralInstitution: c.referralInstitution,
    referralContact: c.referralContact,
    referralReasons: c.referralReasons,
    legalBasis: c.legalBasis,
    restricted: c.restricted,
  };
  const [draft, setDraft] = useState(initial);
  const failure = useApiError();
  const sourceOptions = useOptions(referralSources, 'source');
  const reasonOptions = useOptions(referralReasons, 'reason');
  const save = async () => {
    if (await failure.run(() => api('PATCH', `/api/cases/${c.id}`, { ...draft, version: c.version }))) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Group grow align="flex-start">
        <DateField
          label={t('case.referralDate')}
          value={draft.referralDate}
          onChange={(referralDate) => setDraft({ ...draft, referralDate })}
          error={failure.field('referralDate')}
        />
        <Select
          label={t('case.referralSource')}
          data={sourceOptions}
          value={draft.referralSource}
          onChange={(v) => setDraft({ ...draft, referralSource: (v ?? 'other') as ReferralSource })}
          allowDeselect={false}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('case.referralInstitution')}
          value={draft.referralInstitution}
          onChange={(e) => setDraft({ ...draft, referralInstitution: e.currentTarget.value })}
        />
        <TextInput
          label={t('case.referralContact')}
          value={draft.referralContact}
          onChange={(e) => setDraft({ ...draft, referralContact: e.currentTarget.value })}
        />
      </Group>
      <MultiSelect
        label={t('case.referralReasons')}
        data={reasonOptions}
        value={draft.referralReasons}
        onChange={(v) => setDraft({ ...draft, referralReasons: v as ReferralReason[] })}
      />
      <TextInput
        label={t('case.legalBasis')}
        value={draft.legalBasis}
        onChange={(e) => setDraft({ ...draft, legalBasis: e.currentTarget.value })}
      />
      <Checkbox
        label={t('case.restricted')}
        description={t('case.restrictedHint')}
        checked={draft.restricted}
        onChange={(e) => setDraft({ ...draft, restricted: e.currentTarget.checked })}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

/** Edits the referral, legal basis and restriction of a case. */
export function EditCase({ c, onDone }: { c: FamilyPage['case']; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <ModalButton label={t('case.edit')} title={t('case.edit')} buttonProps={{ variant: 'default' }} size="lg">
      {(close) => <EditCaseForm c={c} close={close} onDone={onDone} />}
    </ModalButton>
  );
}
