import { Checkbox, Group, MultiSelect, Select, Textarea, TextInput } from '@mantine/core';
import {
  type FamilyPage,
  type PersonView,
  personUpdate,
  updateCaseInput,
} from '../../../shared/contracts/registry';
import { referralReasons, referralSources, sexes } from '../../../shared/registry';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { caseKeys } from './keys';

/** A person's details as the form holds them: text for text fields, '' for a date or code not known. */
function personValues(person: PersonView) {
  return {
    givenName: person.givenName,
    familyName: person.familyName,
    birthDate: person.birthDate ?? '',
    personalCode: person.personalCode ?? '',
    sex: person.sex as string,
    phone: person.phone,
    email: person.email,
    municipality: person.municipality,
    town: person.town,
    street: person.street,
    disability: person.disability,
    disabilityNote: person.disabilityNote,
    notes: person.notes,
  };
}
type PersonValues = ReturnType<typeof personValues>;

/** Only the fields changed, and the version the person was read at (a stale screen gets 409). */
function personChanges(person: PersonView, values: PersonValues) {
  const before = personValues(person);
  const changed = Object.fromEntries(
    Object.entries(values)
      .filter(([key, value]) => value !== before[key as keyof PersonValues])
      .map(([key, value]) => [
        key,
        (key === 'birthDate' || key === 'personalCode') && value === '' ? null : value,
      ]),
  );
  return { ...changed, version: person.version };
}

function EditPersonForm({
  person,
  caseId,
  close,
}: {
  person: PersonView;
  caseId: string;
  close: () => void;
}) {
  const { t } = useI18n();
  const sexOptions = useOptions(sexes, 'sex');
  const form = useEntryForm({
    initialValues: personValues(person),
    contract: personUpdate,
    toBody: (values) => personChanges(person, values),
  });
  const save = useSave({
    form,
    send: (values: PersonValues) => api('PATCH', `/api/persons/${person.id}`, personChanges(person, values)),
    invalidates: () => [caseKeys.all(caseId)],
    saved: t('person.saved'),
    onSaved: close,
  });
  const text = (field: keyof PersonValues, label: string) => (
    <TextInput label={label} {...form.getInputProps(field)} />
  );
  return (
    <EntryForm form={form} save={save}>
      <Group grow align="flex-start">
        {text('givenName', t('person.givenName'))}
        {text('familyName', t('person.familyName'))}
      </Group>
      <Group grow align="flex-start">
        <DateField label={t('person.birthDate')} {...form.getInputProps('birthDate')} />
        {text('personalCode', t('person.personalCode'))}
        <Select
          label={t('person.sex')}
          data={sexOptions}
          {...form.getInputProps('sex')}
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
      <Checkbox label={t('person.disability')} {...form.getInputProps('disability', { type: 'checkbox' })} />
      {form.values.disability && text('disabilityNote', t('person.disabilityNote'))}
      <Textarea label={t('person.notes')} {...form.getInputProps('notes')} autosize minRows={2} />
    </EntryForm>
  );
}

/** Edits a person's details; only changed fields are sent, and each change is kept in the history. */
export function EditPerson({ person, caseId }: { person: PersonView; caseId: string }) {
  const { t } = useI18n();
  const name = `${person.givenName} ${person.familyName}`;
  return (
    <ModalButton
      label={t('common.edit')}
      title={`${t('person.edit')}: ${name}`}
      ariaLabel={`${t('common.edit')}: ${name}`}
      size="lg"
    >
      {(close) => <EditPersonForm person={person} caseId={caseId} close={close} />}
    </ModalButton>
  );
}

type Case = FamilyPage['case'];
const caseValues = (c: Case) => ({
  referralDate: c.referralDate,
  referralSource: c.referralSource as string,
  referralInstitution: c.referralInstitution,
  referralContact: c.referralContact,
  referralReasons: c.referralReasons as string[],
  legalBasis: c.legalBasis,
  restricted: c.restricted,
});

function EditCaseForm({ c, close }: { c: Case; close: () => void }) {
  const { t } = useI18n();
  const sourceOptions = useOptions(referralSources, 'source');
  const reasonOptions = useOptions(referralReasons, 'reason');
  const body = (values: ReturnType<typeof caseValues>) => ({ ...values, version: c.version });
  const form = useEntryForm({ initialValues: caseValues(c), contract: updateCaseInput, toBody: body });
  const save = useSave({
    form,
    send: (values: ReturnType<typeof caseValues>) => api('PATCH', `/api/cases/${c.id}`, body(values)),
    invalidates: () => [caseKeys.all(c.id)],
    saved: t('case.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <Group grow align="flex-start">
        <DateField label={t('case.referralDate')} {...form.getInputProps('referralDate')} />
        <Select
          label={t('case.referralSource')}
          data={sourceOptions}
          {...form.getInputProps('referralSource')}
          allowDeselect={false}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t('case.referralInstitution')} {...form.getInputProps('referralInstitution')} />
        <TextInput label={t('case.referralContact')} {...form.getInputProps('referralContact')} />
      </Group>
      <MultiSelect
        label={t('case.referralReasons')}
        data={reasonOptions}
        {...form.getInputProps('referralReasons')}
      />
      <TextInput label={t('case.legalBasis')} {...form.getInputProps('legalBasis')} />
      <Checkbox
        label={t('case.restricted')}
        description={t('case.restrictedHint')}
        {...form.getInputProps('restricted', { type: 'checkbox' })}
      />
    </EntryForm>
  );
}

/** Edits the referral, legal basis and restriction of a case. */
export function EditCase({ c }: { c: Case }) {
  const { t } = useI18n();
  return (
    <ModalButton label={t('case.edit')} title={t('case.edit')} buttonProps={{ variant: 'default' }} size="lg">
      {(close) => <EditCaseForm c={c} close={close} />}
    </ModalButton>
  );
}
