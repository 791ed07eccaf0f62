import { Alert, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  consentInput,
  type FamilyPage,
  type HistoryResponse,
  teamMemberInput,
  transferInput,
} from '../../../shared/contracts/registry';
import { formatDate, formatDateTime, isMessageKey, type MessageKey, toIsoDate } from '../../../shared/i18n';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { FormError } from '../../components/form-error';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { centresQuery, workersQuery } from '../../queries';
import { caseKeys } from './keys';

type Case = FamilyPage['case'];

/** The case team: who works on it; colleagues of the centre can be added or removed. */
export function TeamPanel({ c, canEdit }: { c: Case; canEdit: boolean }) {
  const { t } = useI18n();
  const workers = useQuery({ ...workersQuery(c.centreId), enabled: canEdit });
  const candidates = (workers.data?.workers ?? []).filter((w) => !c.team.some((m) => m.userId === w.id));
  const form = useEntryForm({ initialValues: { userId: '' }, contract: teamMemberInput });
  const add = useSave({
    form,
    send: (values: { userId: string }) => api('POST', `/api/cases/${c.id}/team`, values),
    invalidates: () => [caseKeys.all(c.id)],
    saved: t('case.teamChanged'),
    onSaved: () => form.reset(),
  });
  const remove = useSave({
    send: (userId: string) => api('DELETE', `/api/cases/${c.id}/team/${userId}`),
    invalidates: () => [caseKeys.all(c.id)],
    saved: t('case.teamChanged'),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('case.team')}
      </Title>
      <FormError error={remove.error} />
      {c.team.map((member) => (
        <Group key={member.userId} justify="space-between">
          <Text size="sm">
            {member.name}
            {member.keyWorker ? ` — ${t('case.keyWorker')}` : ''}
          </Text>
          {canEdit && !member.keyWorker && (
            <Button
              size="xs"
              variant="subtle"
              c="red.9"
              onClick={() => remove.run(member.userId)}
              loading={remove.pending && remove.variables === member.userId}
              aria-label={`${t('case.removeFromTeam')}: ${member.name}`}
            >
              {t('case.removeFromTeam')}
            </Button>
          )}
        </Group>
      ))}
      {canEdit && candidates.length > 0 && (
        <EntryForm
          form={form}
          save={add}
          submitLabel={t('case.addToTeam')}
          submitProps={{ variant: 'default', disabled: !form.values.userId }}
        >
          <Select
            label={t('case.addToTeam')}
            data={candidates.map((w) => ({ value: w.id, label: w.name }))}
            {...form.getInputProps('userId')}
          />
        </EntryForm>
      )}
    </Card>
  );
}

const noConsent = () => ({ purpose: '', givenBy: '', givenOn: toIsoDate(new Date()) });

/** Consents: purpose, who gave it, when; withdrawal keeps the record. */
export function ConsentsPanel({ c, canEdit }: { c: Case; canEdit: boolean }) {
  const { t } = useI18n();
  const form = useEntryForm({ initialValues: noConsent(), contract: consentInput });
  const add = useSave({
    form,
    send: (values: ReturnType<typeof noConsent>) => api('POST', `/api/cases/${c.id}/consents`, values),
    invalidates: () => [caseKeys.all(c.id)],
    saved: t('case.consentAdded'),
    onSaved: () => form.setValues(noConsent()),
  });
  const withdraw = useSave({
    send: (consentId: string) =>
      api('POST', `/api/cases/${c.id}/consents/${consentId}/withdraw`, {
        withdrawnOn: toIsoDate(new Date()),
      }),
    invalidates: () => [caseKeys.all(c.id)],
    saved: t('case.consentWithdrawn'),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('case.consents')}
      </Title>
      <FormError error={withdraw.error} />
      {c.consents.length === 0 && <Text size="sm">{t('case.noConsents')}</Text>}
      {c.consents.map((consent) => (
        <Group key={consent.id} justify="space-between">
          <Text size="sm">
            {consent.purpose} — {consent.givenBy}, {formatDate(consent.givenOn)}
            {consent.withdrawnOn
              ? ` (${t('case.withdrawnOn', { date: formatDate(consent.withdrawnOn) })})`
              : ''}
          </Text>
          {canEdit && !consent.withdrawnOn && (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => withdraw.run(consent.id)}
              loading={withdraw.pending && withdraw.variables === consent.id}
            >
              {t('case.withdraw')}
            </Button>
          )}
        </Group>
      ))}
      {canEdit && (
        <EntryForm
          form={form}
          save={add}
          submitLabel={t('case.addConsent')}
          submitProps={{ variant: 'default' }}
        >
          <Group align="flex-start" grow>
            <TextInput label={t('case.consentPurpose')} {...form.getInputProps('purpose')} />
            <TextInput label={t('case.consentGivenBy')} {...form.getInputProps('givenBy')} />
            <DateField label={t('case.consentGivenOn')} {...form.getInputProps('givenOn')} />
          </Group>
        </EntryForm>
      )}
    </Card>
  );
}

/**
 * A manager of the case's centre proposes another centre; a manager of that centre accepts or declines.
 * Shown by the abilities the server sent with the page.
 */
export function TransferPanel({ data }: { data: FamilyPage }) {
  const { t } = useI18n();
  const c = data.case;
  const centres = (
    useQuery({ ...centresQuery, enabled: data.abilities.supervise }).data?.centres ?? []
  ).filter((x) => x.active && x.id !== c.centreId);
  const form = useEntryForm({ initialValues: { toCentreId: '' }, contract: transferInput });
  const request = useSave({
    form,
    send: (values: { toCentreId: string }) => api('POST', `/api/cases/${c.id}/transfer`, values),
    invalidates: () => [caseKeys.all(c.id)],
    saved: t('case.transferProposed'),
  });
  const decide = useSave({
    send: (accept: boolean) => api('POST', `/api/cases/${c.id}/transfer/decision`, { accept }),
    invalidates: () => [caseKeys.all(c.id)],
    saved: (_, accept) => t(accept ? 'case.transferAccepted' : 'case.transferDeclined'),
  });
  if (!data.abilities.supervise && !data.abilities.decideTransfer) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('case.transfer')}
      </Title>
      {c.pendingCentreName ? (
        <Stack>
          <FormError error={decide.error} />
          <Alert>{t('case.transferRequested', { centre: c.pendingCentreName })}</Alert>
          {data.abilities.decideTransfer && (
            <Group>
              <Button onClick={() => decide.run(true)} loading={decide.pending && decide.variables === true}>
                {t('case.acceptTransfer')}
              </Button>
              <Button
                variant="default"
                onClick={() => decide.run(false)}
                loading={decide.pending && decide.variables === false}
              >
                {t('case.declineTransfer')}
              </Button>
            </Group>
          )}
        </Stack>
      ) : (
        c.status !== 'closed' && (
          <EntryForm
            form={form}
            save={request}
            submitLabel={t('case.transfer')}
            submitProps={{ variant: 'default', disabled: !form.values.toCentreId }}
          >
            <Select
              label={t('case.transferTo')}
              data={centres.map((x) => ({ value: x.id, label: x.name }))}
              {...form.getInputProps('toCentreId')}
            />
          </EntryForm>
        )
      )}
    </Card>
  );
}

const fieldKeys: Record<string, MessageKey> = {
  keyWorker: 'case.keyWorker',
  riskLevel: 'case.risk',
  member: 'family.members',
  restricted: 'case.restricted',
};
const valuePrefixes: Record<string, string> = {
  riskLevel: 'risk',
  referralSource: 'source',
  referralReasons: 'reason',
  sex: 'sex',
};

/** A field's label and a stored value in the user's language, where the vocabulary is known. */
function useHistoryLabels() {
  const { t } = useI18n();
  const field = (name: string) => {
    const key = fieldKeys[name] ?? [`person.${name}`, `case.${name}`].find(isMessageKey);
    return key && isMessageKey(key) ? t(key) : name;
  };
  const value = (name: string, stored: string | null) => {
    if (stored === null) return '';
    if (stored === 'true' || stored === 'false') return t(stored === 'true' ? 'common.yes' : 'common.no');
    const prefix = valuePrefixes[name];
    if (name.endsWith('Date') || name === 'givenOn')
      return /^\d{4}-\d{2}-\d{2}$/.test(stored) ? formatDate(stored) : stored;
    if (!prefix) return stored;
    return stored
      .split(', ')
      .map((code) => {
        const key = `${prefix}.${code}`;
        return isMessageKey(key) ? t(key) : code;
      })
      .join(', ');
  };
  return { field, value };
}

/** Who changed which field of the case, its family and its people. */
export function ChangeHistory({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const history = useQuery({
    queryKey: caseKeys.list(caseId, 'history'),
    queryFn: () => api<HistoryResponse>('GET', `/api/cases/${caseId}/history`),
  });
  const changes = history.data?.changes ?? [];
  const labels = useHistoryLabels();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('case.changeHistory')}
      </Title>
      {changes.length === 0 ? (
        <Text size="sm">{t('case.noChanges')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.time')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('case.field')}</Table.Th>
                <Table.Th>{t('case.from')}</Table.Th>
                <Table.Th>{t('case.to')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.map((change) => (
                <Table.Tr key={change.id}>
                  <Table.Td>{formatDateTime(change.changedAt)}</Table.Td>
                  <Table.Td>{change.changedByName}</Table.Td>
                  <Table.Td>{labels.field(change.field)}</Table.Td>
                  <Table.Td>{labels.value(change.field, change.oldValue)}</Table.Td>
                  <Table.Td>{labels.value(change.field, change.newValue)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
