import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type DuplicateCheckResult, registerFamilyInput } from '../../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { referralReasons, referralSources, relations, sexes } from '../../../shared/registry';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { useOptions } from '../../components/labels';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { useActiveCentresWith, workersQuery } from '../../queries';
import { useMe } from '../../session';

/** A member as the form holds it: a new person's fields, or a person already on record (`existingId`). */
interface MemberValues {
  key: number;
  relation: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  personalCode: string;
  sex: string;
  existingId: string;
  existingName: string;
}

interface RegistrationValues extends Record<string, unknown> {
  members: MemberValues[];
  case: {
    centreId: string;
    keyWorkerId: string;
    referralDate: string;
    referralSource: string;
    referralInstitution: string;
    referralContact: string;
    referralReasons: string[];
    restricted: boolean;
  };
  confirmSimilar: boolean;
}

let nextKey = 1;
const blankMember = (relation: string): MemberValues => ({
  key: nextKey++,
  relation,
  givenName: '',
  familyName: '',
  birthDate: '',
  personalCode: '',
  sex: 'unknown',
  existingId: '',
  existingName: '',
});

/** The request: members new or on record, the case at the chosen centre (the first one by default). */
const registration = (values: RegistrationValues, defaultCentre: string) => ({
  members: values.members.map((m) =>
    m.existingId
      ? { relation: m.relation, personId: m.existingId }
      : {
          relation: m.relation,
          person: {
            givenName: m.givenName,
            familyName: m.familyName,
            birthDate: m.birthDate || null,
            personalCode: m.personalCode || null,
            sex: m.sex,
          },
        },
  ),
  case: {
    ...values.case,
    centreId: values.case.centreId || defaultCentre,
    keyWorkerId: values.case.keyWorkerId || undefined,
  },
  confirmSimilar: values.confirmSimilar,
});

/** Where the request's fields are in the form: a member's person fields sit on the member. */
const memberField = (field: string) =>
  field
    .replace(/^members\.(\d+)\.person\./, 'members.$1.')
    .replace(/^members\.(\d+)$/, 'members.$1.givenName');

/** One flow: the family's members, then the case at a centre with its referral. */
export function RegisterPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const navigate = useNavigate();
  const centres = useActiveCentresWith('cases.write');
  const defaultCentre = centres[0]?.id ?? '';
  const form = useEntryForm<RegistrationValues>({
    initialValues: {
      members: [blankMember('mother')],
      case: {
        centreId: '',
        keyWorkerId: '',
        referralDate: toIsoDate(new Date()),
        referralSource: 'social_service',
        referralInstitution: '',
        referralContact: '',
        referralReasons: [],
        restricted: false,
      },
      confirmSimilar: false,
    },
    contract: registerFamilyInput,
    toBody: (values) => registration(values, defaultCentre),
    fieldOf: memberField,
  });
  const save = useSave({
    form,
    send: (values: RegistrationValues) =>
      api<{ caseId: string }>('POST', '/api/families', registration(values, defaultCentre)),
    saved: t('register.saved'),
    onSaved: (result) => navigate({ to: '/cases/$caseId', params: { caseId: result.caseId } }),
  });
  const centreId = form.values.case.centreId || defaultCentre;
  const workers = useQuery({ ...workersQuery(centreId), enabled: !!centreId });
  /** What the duplicate check found for each member (by its key), shown under the member. */
  const [checks, setChecks] = useState<Record<number, DuplicateCheckResult | null>>({});
  const relationOptions = useOptions(relations, 'relation');
  const sexOptions = useOptions(sexes, 'sex');
  const sourceOptions = useOptions(referralSources, 'source');
  const reasonOptions = useOptions(referralReasons, 'reason');

  const check = async (index: number) => {
    const member = form.getValues().members[index];
    if (!member || member.existingId || (!member.personalCode && !(member.birthDate && member.familyName)))
      return;
    const result = await api<DuplicateCheckResult>('POST', '/api/persons/check', {
      givenName: member.givenName,
      familyName: member.familyName,
      birthDate: member.birthDate || null,
      personalCode: member.personalCode || null,
    }).catch(() => null);
    setChecks((all) => ({ ...all, [member.key]: result }));
  };
  const similarRefused = save.error?.code === 'SIMILAR_PERSONS';

  return (
    <Stack maw={960}>
      <Title order={1}>{t('register.title')}</Title>
      <EntryForm form={form} save={save} submitLabel={t('register.submit')} ownErrors={['SIMILAR_PERSONS']}>
        <Title order={2} size="h3">
          {t('register.members')}
        </Title>
        {form.values.members.map((member, index) => {
          const at = (name: keyof MemberValues) => form.getInputProps(`members.${index}.${name}`);
          const found = checks[member.key];
          return (
            <Fieldset key={member.key} legend={t('register.member', { n: index + 1 })}>
              {member.existingId ? (
                <Group justify="space-between">
                  <Text>{t('register.existing', { name: member.existingName })}</Text>
                  <Select
                    label={t('person.relation')}
                    data={relationOptions}
                    {...at('relation')}
                    allowDeselect={false}
                  />
                </Group>
              ) : (
                <Stack gap="xs">
                  <SimpleGrid cols={{ base: 1, xs: 3 }}>
                    <Select
                      label={t('person.relation')}
                      data={relationOptions}
                      {...at('relation')}
                      allowDeselect={false}
                    />
                    <TextInput label={t('person.givenName')} required {...at('givenName')} />
                    <TextInput
                      label={t('person.familyName')}
                      required
                      {...at('familyName')}
                      onBlur={() => check(index)}
                    />
                  </SimpleGrid>
                  <SimpleGrid cols={{ base: 1, xs: 3 }}>
                    <DateField
                      label={t('person.birthDate')}
                      {...at('birthDate')}
                      onBlur={() => check(index)}
                    />
                    <TextInput
                      label={t('person.personalCode')}
                      {...at('personalCode')}
                      onBlur={() => check(index)}
                    />
                    <Select label={t('person.sex')} data={sexOptions} {...at('sex')} allowDeselect={false} />
                  </SimpleGrid>
                  {found?.existing && (
                    <Alert color="yellow" variant="light">
                      <Group justify="space-between">
                        <Text size="sm">
                          {found.existing.familyName} {found.existing.givenName}
                          {found.existing.birthDate ? `, ${formatDate(found.existing.birthDate)}` : ''}
                        </Text>
                        <Button
                          size="xs"
                          onClick={() =>
                            form.setFieldValue(`members.${index}`, {
                              ...member,
                              existingId: found.existing!.id,
                              existingName: `${found.existing!.givenName} ${found.existing!.familyName}`,
                            })
                          }
                        >
                          {t('register.useExisting')}
                        </Button>
                      </Group>
                    </Alert>
                  )}
                  {found?.existsElsewhere && (
                    <Alert color="orange.9" variant="light" role="alert">
                      {t('register.existsElsewhere', {
                        centres: found.existsElsewhere.centreNames.join(', '),
                      })}
                    </Alert>
                  )}
                  {found && found.similar.length > 0 && (
                    <Alert color="yellow" variant="light">
                      <Text size="sm">{t('register.similar')}</Text>
                      {found.similar.map((s) => (
                        <Text size="sm" key={s.id}>
                          {s.familyName} {s.givenName}
                          {s.birthDate ? `, ${formatDate(s.birthDate)}` : ''}
                        </Text>
                      ))}
                    </Alert>
                  )}
                </Stack>
              )}
              {form.values.members.length > 1 && (
                <Button
                  variant="subtle"
                  c="red.9"
                  size="xs"
                  mt="xs"
                  onClick={() => form.removeListItem('members', index)}
                  aria-label={`${t('register.removeMember')}: ${t('register.member', { n: index + 1 })}`}
                >
                  {t('register.removeMember')}
                </Button>
              )}
            </Fieldset>
          );
        })}
        <Button
          variant="default"
          w="fit-content"
          onClick={() => form.insertListItem('members', blankMember('child'))}
        >
          {t('register.addMember')}
        </Button>

        <Title order={2} size="h3">
          {t('register.caseSection')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t('case.centre')}
            data={centres.map((c) => ({ value: c.id, label: c.name }))}
            {...form.getInputProps('case.centreId')}
            value={centreId}
            onChange={(v) => {
              form.setFieldValue('case.centreId', v ?? '');
              form.setFieldValue('case.keyWorkerId', '');
            }}
            allowDeselect={false}
          />
          <Select
            label={t('case.keyWorker')}
            data={(workers.data?.workers ?? []).map((w) => ({ value: w.id, label: w.name }))}
            {...form.getInputProps('case.keyWorkerId')}
            value={form.values.case.keyWorkerId || me?.user.id || ''}
            allowDeselect={false}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DateField label={t('case.referralDate')} {...form.getInputProps('case.referralDate')} required />
          <Select
            label={t('case.referralSource')}
            data={sourceOptions}
            {...form.getInputProps('case.referralSource')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t('case.referralInstitution')}
            {...form.getInputProps('case.referralInstitution')}
          />
          <TextInput label={t('case.referralContact')} {...form.getInputProps('case.referralContact')} />
        </SimpleGrid>
        <MultiSelect
          label={t('case.referralReasons')}
          placeholder={form.values.case.referralReasons.length === 0 ? t('common.choose') : undefined}
          data={reasonOptions}
          {...form.getInputProps('case.referralReasons')}
        />
        <Checkbox
          label={t('case.restricted')}
          description={t('case.restrictedHint')}
          {...form.getInputProps('case.restricted', { type: 'checkbox' })}
        />
        {similarRefused && (
          <Alert color="yellow" role="alert">
            <Stack gap="xs">
              <Text>{save.error?.message}</Text>
              <Button w="fit-content" onClick={() => save.run({ ...form.getValues(), confirmSimilar: true })}>
                {t('register.confirmNew')}
              </Button>
            </Stack>
          </Alert>
        )}
      </EntryForm>
    </Stack>
  );
}
