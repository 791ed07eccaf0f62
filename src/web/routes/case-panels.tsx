import { Alert, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { FamilyPage, HistoryResponse, WorkerList } from '../../shared/contracts/registry';
import { formatDate, formatDateTime, isMessageKey, type MessageKey, toIsoDate } from '../../shared/i18n';
import { api } from '../api';
import { DateField } from '../components/date-field';
import { FormError, useApiError } from '../components/form-error';
import { useI18n } from '../i18n';
import { centresQuery } from './centres';

type Case = FamilyPage['case'];

/** The case team: who works on it; colleagues of the centre can be added or removed. */
export function TeamPanel({ c, canEdit, onChange }: { c: Case; canEdit: boolean; onChange: () => void }) {
  const { t } = useI18n();
  const [userId, setUserId] = useState<string | null>(null);
  const failure = useApiError();
  const workers = useQuery({
    queryKey: ['workers', c.centreId],
    queryFn: () => api<WorkerList>('GET', `/api/centres/${c.centreId}/workers`),
    enabled: canEdit,
  });
  const candidates = (workers.data?.workers ?? []).filter((w) => !c.team.some((m) => m.userId === w.id));
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (userId && (await failure.run(() => api('POST', `/api/cases/${c.id}/team`, { userId })))) {
      setUserId(null);
      onChange();
    }
  };
  const remove = async (id: string) => {
    if (await failure.run(() => api('DELETE', `/api/cases/${c.id}/team/${id}`))) onChange();
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('case.team')}
      </Title>
      <FormError error={failure.error} />
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
              onClick={() => remove(member.userId)}
              aria-label={`${t('case.removeFromTeam')}: ${member.name}`}
            >
              {t('case.removeFromTeam')}
            </Button>
          )}
        </Group>
      ))}
      {canEdit && candidates.length > 0 && (
        <form onSubmit={add}>
          <Group align="flex-end" mt="xs">
            <Select
              label={t('case.addToTeam')}
              data={candidates.map((w) => ({ value: w.id, label: w.name }))}
              value={userId}
              onChange={setUserId}
            />
            <Button type="submit" variant="default" disabled={!userId}>
              {t('case.addToTeam')}
            </Button>
          </Group>
        </form>
      )}
    </Card>
  );
}

/** Consents: purpose, who gave it, when; withdrawal keeps the record. */
export function ConsentsPanel({ c, canEdit, onChange }: { c: Case; canEdit: boolean; onChange: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ purpose: '', givenBy: '', givenOn: toIsoDate(new Date()) });
  const failure = useApiError();
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await failure.run(() => api('POST', `/api/cases/${c.id}/consents`, draft))) {
      setDraft({ purpose: '', givenBy: '', givenOn: toIsoDate(new Date()) });
      onChange();
    }
  };
  const withdraw = async (consentId: string) => {
    const body = { withdrawnOn: toIsoDate(new Date()) };
    if (await failure.run(() => api('POST', `/api/cases/${c.id}/consents/${consentId}/withdraw`, body)))
      onChange();
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('case.consents')}
      </Title>
      <FormError error={failure.error} />
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
            <Button size="xs" variant="subtle" onClick={() => withdraw(consent.id)}>
              {t('case.withdraw')}
            </Button>
          )}
        </Group>
      ))}
      {canEdit && (
        <form onSubmit={add} noValidate>
          <Group align="flex-start" mt="xs" grow>
            <TextInput
              label={t('case.consentPurpose')}
              value={draft.purpose}
              onChange={(e) => setDraft({ ...draft, purpose: e.currentTarget.value })}
              error={failure.field('purpose')}
            />
            <TextInput
              label={t('case.consentGivenBy')}
              value={draft.givenBy}
              onChange={(e) => setDraft({ ...draft, givenBy: e.currentTarget.value })}
              error={failure.field('givenBy')}
            />
            <DateField
              label={t('case.consentGivenOn')}
              value={draft.givenOn}
              onChange={(givenOn) => setDraft({ ...draft, givenOn })}
              error={failure.field('givenOn')}
            />
          </Group>
          <Button type="submit" variant="default" mt="xs">
            {t('case.addConsent')}
          </Button>
        </form>
      )}
    </Card>
  );
}

/** A manager proposes another centre; that centre's manager accepts or declines. */
export function TransferPanel({
  c,
  managedCentres,
  onChange,
}: {
  c: Case;
  managedCentres: string[];
  onChange: () => void;
}) {
  const { t } = useI18n();
  const [target, setTarget] = useState<string | null>(null);
  const failure = useApiError();
  const centres = (useQuery(centresQuery).data?.centres ?? []).filter((x) => x.active && x.id !== c.centreId);
  const managesHere = managedCentres.includes(c.centreId);
  const decides = c.pendingCentreId !== null && managedCentres.includes(c.pendingCentreId);
  if (!managesHere && !decides) return null;
  const request = async () => {
    if (
      target &&
      (await failure.run(() => api('POST', `/api/cases/${c.id}/transfer`, { toCentreId: target })))
    )
      onChange();
  };
  const decide = async (accept: boolean) => {
    if (await failure.run(() => api('POST', `/api/cases/${c.id}/transfer/decision`, { accept }))) onChange();
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('case.transfer')}
      </Title>
      <FormError error={failure.error} />
      {c.pendingCentreName ? (
        <Stack>
          <Alert>{t('case.transferRequested', { centre: c.pendingCentreName })}</Alert>
          {decides && (
            <Group>
              <Button onClick={() => decide(true)}>{t('case.acceptTransfer')}</Button>
              <Button variant="default" onClick={() => decide(false)}>
                {t('case.declineTransfer')}
              </Button>
            </Group>
          )}
        </Stack>
      ) : (
        c.status !== 'closed' && (
          <Group align="flex-end">
            <Select
              label={t('case.transferTo')}
              data={centres.map((x) => ({ value: x.id, label: x.name }))}
              value={target}
              onChange={setTarget}
              error={failure.field('toCentreId')}
            />
            <Button variant="default" onClick={request} disabled={!target}>
              {t('case.transfer')}
            </Button>
          </Group>
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
    queryKey: ['case-history', caseId],
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
