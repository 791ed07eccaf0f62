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
import { type FormEvent, useState } from 'react';
import type { DuplicateCheckResult } from '../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../shared/i18n';
import {
  type ReferralReason,
  type ReferralSource,
  type Relation,
  referralReasons,
  referralSources,
  relations,
  type Sex,
  sexes,
} from '../../shared/registry';
import { api } from '../api';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { useOptions } from '../components/labels';
import { useI18n } from '../i18n';
import { workersQuery } from '../queries';
import { useMe } from '../session';
import { useActiveCentresWith } from './centres';

interface MemberDraft {
  key: number;
  relation: Relation;
  givenName: string;
  familyName: string;
  birthDate: string;
  personalCode: string;
  sex: Sex;
  existing: { id: string; name: string } | null;
  check: DuplicateCheckResult | null;
}

let nextKey = 1;
const blankMember = (relation: Relation): MemberDraft => ({
  key: nextKey++,
  relation,
  givenName: '',
  familyName: '',
  birthDate: '',
  personalCode: '',
  sex: 'unknown',
  existing: null,
  check: null,
});

/** One flow: the family's members, then the case at a centre with its referral. */
export function RegisterPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const navigate = useNavigate();
  const centres = useActiveCentresWith('cases.write');
  const [members, setMembers] = useState<MemberDraft[]>([blankMember('mother')]);
  const [caseDraft, setCaseDraft] = useState({
    centreId: '',
    keyWorkerId: '',
    referralDate: toIsoDate(new Date()),
    referralSource: 'social_service' as ReferralSource,
    referralInstitution: '',
    referralContact: '',
    referralReasons: [] as ReferralReason[],
    restricted: false,
  });
  const centreId = caseDraft.centreId || centres[0]?.id || '';
  const workers = useQuery({
    ...workersQuery(centreId),
    enabled: !!centreId,
  });
  const [similar, setSimilar] = useState(false);
  const [busy, setBusy] = useState(false);
  const failure = useApiError();
  const relationOptions = useOptions(relations, 'relation');
  const sexOptions = useOptions(sexes, 'sex');
  const sourceOptions = useOptions(referralSources, 'source');
  const reasonOptions = useOptions(referralReasons, 'reason');

  const update = (key: number, patch: Partial<MemberDraft>) =>
    setMembers((list) => list.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  const check = async (member: MemberDraft) => {
    if (member.existing || (!member.personalCode && !(member.birthDate && member.familyName))) return;
    const result = await api<DuplicateCheckResult>('POST', '/api/persons/check', {
      givenName: member.givenName,
      familyName: member.familyName,
      birthDate: member.birthDate || null,
      personalCode: member.personalCode || null,
    }).catch(() => null);
    update(member.key, { check: result });
  };

  const submit = async (event: FormEvent, confirmSimilar = false) => {
    event.preventDefault();
    setBusy(true);
    const body = {
      members: members.map((m) =>
        m.existing
          ? { relation: m.relation, personId: m.existing.id }
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
      case: { ...caseDraft, centreId, keyWorkerId: caseDraft.keyWorkerId || undefined },
      confirmSimilar,
    };
    const result = await failure.run(() => api<{ caseId: string }>('POST', '/api/families', body));
    setBusy(false);
    setSimilar(failure.error === null && !result ? false : similar);
    if (result) await navigate({ to: '/cases/$caseId', params: { caseId: result.caseId } });
  };
  const similarRefused = failure.error?.code === 'SIMILAR_PERSONS';
  const fieldError = (index: number, name: string) =>
    failure.field(`members.${index}.person.${name}`) ??
    (name === 'givenName' ? failure.field(`members.${index}`) : undefined);

  return (
    <form onSubmit={(e) => submit(e)} noValidate>
      <Stack maw={960}>
        <Title order={1}>{t('register.title')}</Title>
        <FormError error={similarRefused ? null : failure.error} />
        <Title order={2} size="h3">
          {t('register.members')}
        </Title>
        {members.map((member, index) => (
          <Fieldset key={member.key} legend={t('register.member', { n: index + 1 })}>
            {member.existing ? (
              <Group justify="space-between">
                <Text>{t('register.existing', { name: member.existing.name })}</Text>
                <Select
                  label={t('person.relation')}
                  data={relationOptions}
                  value={member.relation}
                  onChange={(v) => update(member.key, { relation: (v ?? 'other') as Relation })}
                  allowDeselect={false}
                />
              </Group>
            ) : (
              <Stack gap="xs">
                <SimpleGrid cols={{ base: 1, xs: 3 }}>
                  <Select
                    label={t('person.relation')}
                    data={relationOptions}
                    value={member.relation}
                    onChange={(v) => update(member.key, { relation: (v ?? 'other') as Relation })}
                    allowDeselect={false}
                  />
                  <TextInput
                    label={t('person.givenName')}
                    required
                    value={member.givenName}
                    onChange={(e) => update(member.key, { givenName: e.currentTarget.value })}
                    error={fieldError(index, 'givenName')}
                  />
                  <TextInput
                    label={t('person.familyName')}
                    required
                    value={member.familyName}
                    onChange={(e) => update(member.key, { familyName: e.currentTarget.value })}
                    onBlur={() => check(member)}
                    error={fieldError(index, 'familyName')}
                  />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, xs: 3 }}>
                  <DateField
                    label={t('person.birthDate')}
                    value={member.birthDate}
                    onChange={(birthDate) => update(member.key, { birthDate })}
                    onBlur={() => check(member)}
                    error={fieldError(index, 'birthDate')}
                  />
                  <TextInput
                    label={t('person.personalCode')}
                    value={member.personalCode}
                    onChange={(e) => update(member.key, { personalCode: e.currentTarget.value })}
                    onBlur={() => check(member)}
                    error={fieldError(index, 'personalCode')}
                  />
                  <Select
                    label={t('person.sex')}
                    data={sexOptions}
                    value={member.sex}
                    onChange={(v) => update(member.key, { sex: (v ?? 'unknown') as Sex })}
                    allowDeselect={false}
                  />
                </SimpleGrid>
                {member.check?.existing && (
                  <Alert color="yellow" variant="light">
                    <Group justify="space-between">
                      <Text size="sm">
                        {member.check.existing.familyName} {member.check.existing.givenName}
                        {member.check.existing.birthDate
                          ? `, ${formatDate(member.check.existing.birthDate)}`
                          : ''}
                      </Text>
                      <Button
                        size="xs"
                        onClick={() => {
                          const found = member.check!.existing!;
                          update(member.key, {
                            existing: { id: found.id, name: `${found.givenName} ${found.familyName}` },
                          });
                        }}
                      >
                        {t('register.useExisting')}
                      </Button>
                    </Group>
                  </Alert>
                )}
                {member.check?.existsElsewhere && (
                  <Alert color="orange.9" variant="light" role="alert">
                    {t('register.existsElsewhere', {
                      centres: member.check.existsElsewhere.centreNames.join(', '),
                    })}
                  </Alert>
                )}
                {member.check && member.check.similar.length > 0 && (
                  <Alert color="yellow" variant="light">
                    <Text size="sm">{t('register.similar')}</Text>
                    {member.check.similar.map((s) => (
                      <Text size="sm" key={s.id}>
                        {s.familyName} {s.givenName}
                        {s.birthDate ? `, ${formatDate(s.birthDate)}` : ''}
                      </Text>
                    ))}
                  </Alert>
                )}
              </Stack>
            )}
            {members.length > 1 && (
              <Button
                variant="subtle"
                c="red.9"
                size="xs"
                mt="xs"
                onClick={() => setMembers((list) => list.filter((m) => m.key !== member.key))}
                aria-label={`${t('register.removeMember')}: ${t('register.member', { n: index + 1 })}`}
              >
                {t('register.removeMember')}
              </Button>
            )}
          </Fieldset>
        ))}
        <Button
          variant="default"
          w="fit-content"
          onClick={() => setMembers((list) => [...list, blankMember('child')])}
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
            value={centreId}
            onChange={(v) => setCaseDraft({ ...caseDraft, centreId: v ?? '', keyWorkerId: '' })}
            error={failure.field('case.centreId')}
            allowDeselect={false}
          />
          <Select
            label={t('case.keyWorker')}
            data={(workers.data?.workers ?? []).map((w) => ({ value: w.id, label: w.name }))}
            value={caseDraft.keyWorkerId || me?.user.id || ''}
            onChange={(v) => setCaseDraft({ ...caseDraft, keyWorkerId: v ?? '' })}
            error={failure.field('case.keyWorkerId')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DateField
            label={t('case.referralDate')}
            value={caseDraft.referralDate}
            onChange={(referralDate) => setCaseDraft({ ...caseDraft, referralDate })}
            error={failure.field('case.referralDate')}
            required
          />
          <Select
            label={t('case.referralSource')}
            data={sourceOptions}
            value={caseDraft.referralSource}
            onChange={(v) => setCaseDraft({ ...caseDraft, referralSource: (v ?? 'other') as ReferralSource })}
            allowDeselect={false}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t('case.referralInstitution')}
            value={caseDraft.referralInstitution}
            onChange={(e) => setCaseDraft({ ...caseDraft, referralInstitution: e.currentTarget.value })}
          />
          <TextInput
            label={t('case.referralContact')}
            value={caseDraft.referralContact}
            onChange={(e) => setCaseDraft({ ...caseDraft, referralContact: e.currentTarget.value })}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('case.referralReasons')}
          placeholder={caseDraft.referralReasons.length === 0 ? t('common.choose') : undefined}
          data={reasonOptions}
          value={caseDraft.referralReasons}
          onChange={(v) => setCaseDraft({ ...caseDraft, referralReasons: v as ReferralReason[] })}
        />
        <Checkbox
          label={t('case.restricted')}
          description={t('case.restrictedHint')}
          checked={caseDraft.restricted}
          onChange={(e) => setCaseDraft({ ...caseDraft, restricted: e.currentTarget.checked })}
        />
        {similarRefused && (
          <Alert color="yellow" role="alert">
            <Stack gap="xs">
              <Text>{failure.error?.message}</Text>
              <Button w="fit-content" onClick={(e) => submit(e, true)}>
                {t('register.confirmNew')}
              </Button>
            </Stack>
          </Alert>
        )}
        <Button type="submit" loading={busy} w="fit-content">
          {t('register.submit')}
        </Button>
      </Stack>
    </form>
  );
}
