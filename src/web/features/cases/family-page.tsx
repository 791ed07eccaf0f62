import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { changeStatusInput, type FamilyPage } from '../../../shared/contracts/registry';
import { formatDate } from '../../../shared/i18n';
import {
  allowedTransitions,
  type CaseStatus,
  closureReasons,
  type RiskLevel,
  riskLevels,
} from '../../../shared/registry';
import { api } from '../../api';
import { useConfirmation } from '../../components/confirm-dialog';
import { useDayOrNotYet } from '../../components/family-glance';
import { FormError } from '../../components/form-error';
import { RiskBadge, StatusBadge, useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { workersQuery } from '../../queries';
import { ActivitiesPanel, LogActivityButton } from './activities-panel';
import { AssessmentsPanel } from './assessments-panel';
import { ChangeHistory, ConsentsPanel, TeamPanel, TransferPanel } from './case-panels';
import { DocumentsPanel } from './documents-panel';
import { EditCase, EditPerson } from './edit-forms';
import { EnrolmentPanel } from './enrolment-panel';
import { caseKeys } from './keys';
import { AddMember, CorrectMembership, LeaveFamily, MergePerson } from './member-actions';
import { PlansPanel } from './plans-panel';
import { Timeline } from './timeline';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" fw={600} miw={180}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

/** Close with a reason and an outcome note. */
function CloseCase({ caseId, close }: { caseId: string; close: () => void }) {
  const { t } = useI18n();
  const reasons = useOptions(closureReasons, 'closure');
  const body = (values: { closureReason: string; note: string }) => ({
    status: 'closed',
    closureReason: values.closureReason || undefined,
    note: values.note,
  });
  const form = useEntryForm({
    initialValues: { closureReason: '', note: '' },
    contract: changeStatusInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: { closureReason: string; note: string }) =>
      api('POST', `/api/cases/${caseId}/status`, body(values)),
    invalidates: () => [caseKeys.all(caseId)],
    saved: t('case.closed'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save} submitLabel={t('case.close')}>
      <Select
        label={t('case.closureReason')}
        data={reasons}
        {...form.getInputProps('closureReason')}
        required
      />
      <Textarea label={t('case.outcomeNote')} {...form.getInputProps('note')} autosize minRows={3} />
    </EntryForm>
  );
}

export function FamilyPageView() {
  const { t } = useI18n();
  const { caseId } = useParams({ from: '/cases/$caseId' });
  const page = useQuery({
    queryKey: caseKeys.page(caseId),
    queryFn: () => api<FamilyPage>('GET', `/api/cases/${caseId}`),
  });
  const data = page.data;
  const workers = useQuery({
    ...workersQuery(data?.case.centreId),
    enabled: !!data?.abilities.edit,
  });
  const invalidates = () => [caseKeys.all(caseId)];
  const move = useSave({
    send: (status: CaseStatus) => api('POST', `/api/cases/${caseId}/status`, { status }),
    invalidates,
    saved: t('case.statusChanged'),
  });
  const patch = useSave({
    send: (body: Record<string, unknown>) => api('PATCH', `/api/cases/${caseId}`, body),
    invalidates,
  });
  const confirmation = useConfirmation();
  const [notCounted, setNotCounted] = useState<string[]>([]);
  const dayOrNotYet = useDayOrNotYet();
  const riskOptions = useOptions(riskLevels, 'risk');

  if (page.error) return <FormError error={page.error as never} />;
  if (!data) return <Text>{t('app.loading')}</Text>;
  const c = data.case;
  const current = data.members.filter((m) => !m.leftOn);
  const former = data.members.filter((m) => m.leftOn);
  const children = current.filter((m) => m.age !== null && m.age < 18).length;
  const nextStatuses = allowedTransitions[c.status].filter((s) => s !== 'closed');

  /** A change of the case at the version shown; true when it was saved. */
  const change = async (body: Record<string, unknown>) =>
    (await patch.run({ ...body, version: c.version })) !== undefined;
  const workerName = (id: string) => workers.data?.workers.find((w) => w.id === id)?.name ?? '';
  const riskName = (risk: string | null) => (risk ? t(`risk.${risk as RiskLevel}`) : t('case.riskNone'));

  const reachable = current.find((m) => m.person.phone);
  const housed = current.find((m) => m.person.street || m.person.town);
  const caseActions = data.abilities.edit && (
    <Group gap="xs" role="group" aria-label={t('case.moreActions')}>
      {nextStatuses.map((status) => (
        <Button
          key={status}
          variant="default"
          size="xs"
          onClick={() => move.run(status)}
          loading={move.pending && move.variables === status}
        >
          {c.status === 'closed' ? t('case.reopen') : t('case.moveTo')}: {t(`status.${status}`)}
        </Button>
      ))}
      {c.status !== 'closed' && (
        <ModalButton
          label={t('case.close')}
          title={t('case.close')}
          buttonProps={{ variant: 'default', size: 'xs', c: 'red.9' }}
        >
          {(close) => <CloseCase caseId={caseId} close={close} />}
        </ModalButton>
      )}
    </Group>
  );

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1}>{data.family.name}</Title>
        <Group gap="xs">
          <StatusBadge status={c.status} />
          <RiskBadge risk={c.riskLevel} />
          {c.restricted && (
            <Badge color="red.9" variant="filled">
              {t('case.restricted')}
            </Badge>
          )}
          <Text size="sm">
            {t('case.number')} {c.number} · {c.centreName} · {t('family.children', { count: children })}
          </Text>
        </Group>
        {(reachable || housed) && (
          <Text size="sm">
            {[
              reachable && `${t('person.phone')}: ${reachable.person.phone}`,
              housed && [housed.person.street, housed.person.town].filter(Boolean).join(', '),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        )}
        <Text size="sm">
          {t('family.lastContact')}: {dayOrNotYet(data.lastContact)} · {t('family.nextFollowUp')}:{' '}
          {dayOrNotYet(data.nextFollowUp)}
        </Text>
      </Stack>
      {/* The day's action first: visible without scrolling, on a phone too. */}
      {data.abilities.edit && c.status !== 'closed' && (
        <Group gap="xs">
          <LogActivityButton data={data} onDone={setNotCounted} />
          <LogActivityButton data={data} homeVisit onDone={setNotCounted} />
        </Group>
      )}
      {notCounted.length > 0 && (
        <Alert
          color="yellow"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotCounted([])}
        >
          {t('activity.notCounted', { names: notCounted.join(', ') })}
        </Alert>
      )}
      {caseActions}
      <FormError error={move.error ?? patch.error} />
      {c.pendingCentreName && <Alert>{t('case.pendingTransfer', { centre: c.pendingCentreName })}</Alert>}

      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('family.members')}
          </Title>
          {data.abilities.edit && <AddMember familyId={data.family.id} caseId={caseId} />}
        </Group>
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('person.relation')}</Table.Th>
                <Table.Th>{t('person.birthDate')}</Table.Th>
                <Table.Th>{t('person.personalCode')}</Table.Th>
                {data.abilities.edit && (
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {current.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {m.person.givenName} {m.person.familyName}
                  </Table.Td>
                  <Table.Td>{t(`relation.${m.relation}`)}</Table.Td>
                  <Table.Td>
                    {m.person.birthDate ? formatDate(m.person.birthDate) : (m.person.birthYear ?? '')}
                    {' · '}
                    {m.age === null ? t('person.ageUnknown') : t('person.age', { count: m.age })}
                  </Table.Td>
                  <Table.Td>{m.person.personalCode ?? ''}</Table.Td>
                  {data.abilities.edit && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <EditPerson person={m.person} caseId={caseId} />
                        <CorrectMembership
                          familyId={data.family.id}
                          caseId={caseId}
                          member={m}
                          name={`${m.person.givenName} ${m.person.familyName}`}
                        />
                        <LeaveFamily
                          familyId={data.family.id}
                          caseId={caseId}
                          memberId={m.id}
                          name={`${m.person.givenName} ${m.person.familyName}`}
                        />
                        {data.abilities.supervise && (
                          <MergePerson
                            personId={m.person.id}
                            caseId={caseId}
                            name={`${m.person.givenName} ${m.person.familyName}`}
                          />
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {former.length > 0 && (
          <Text size="sm" mt="xs">
            {t('family.formerMembers')}:{' '}
            {former
              .map(
                (m) =>
                  `${m.person.givenName} ${m.person.familyName} (${t('family.left', { date: formatDate(m.leftOn!) })})`,
              )
              .join(', ')}
          </Text>
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('case.title')}
          </Title>
          <Stack gap={6}>
            <Row label={t('case.status')}>{t(`status.${c.status}`)}</Row>
            <Row label={t('case.openedOn')}>{formatDate(c.openedOn)}</Row>
            {c.closedOn && (
              <Row label={t('case.closedOn')}>
                {formatDate(c.closedOn)}
                {c.closureReason ? ` — ${t(`closure.${c.closureReason}`)}` : ''}
              </Row>
            )}
            {c.outcomeNote && <Row label={t('case.outcomeNote')}>{c.outcomeNote}</Row>}
            <Row label={t('case.keyWorker')}>
              {data.abilities.edit ? (
                <Select
                  aria-label={t('case.keyWorker')}
                  data={(workers.data?.workers ?? [{ id: c.keyWorkerId, name: c.keyWorkerName }]).map(
                    (w) => ({
                      value: w.id,
                      label: w.name,
                    }),
                  )}
                  value={c.keyWorkerId}
                  onChange={(v) => {
                    if (!v || v === c.keyWorkerId) return;
                    const name = workerName(v);
                    confirmation.ask({
                      title: t('case.confirmKeyWorkerTitle'),
                      question: t('case.confirmKeyWorker', { name }),
                      run: () => change({ keyWorkerId: v }),
                      done: t('case.keyWorkerChanged', { name }),
                    });
                  }}
                  allowDeselect={false}
                />
              ) : (
                c.keyWorkerName
              )}
            </Row>
            <Row label={t('case.risk')}>
              {data.abilities.edit ? (
                <Select
                  aria-label={t('case.risk')}
                  data={[{ value: '', label: t('case.riskNone') }, ...riskOptions]}
                  value={c.riskLevel ?? ''}
                  onChange={(v) => {
                    const next = (v || null) as RiskLevel | null;
                    if (next === c.riskLevel) return;
                    confirmation.ask({
                      title: t('case.confirmRiskTitle'),
                      question: t('case.confirmRisk', { from: riskName(c.riskLevel), to: riskName(next) }),
                      run: () => change({ riskLevel: next }),
                      done: t('case.riskChanged', { to: riskName(next) }),
                    });
                  }}
                  allowDeselect={false}
                />
              ) : c.riskLevel ? (
                t(`risk.${c.riskLevel}`)
              ) : (
                t('case.riskNone')
              )}
              {c.riskSetOn && (
                <Text size="xs">
                  {t('case.riskSet', { date: formatDate(c.riskSetOn), name: c.riskSetByName ?? '' })}
                </Text>
              )}
            </Row>
            {c.legalBasis && <Row label={t('case.legalBasis')}>{c.legalBasis}</Row>}
          </Stack>
          {confirmation.dialog}
        </Card>
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('case.referral')}
            </Title>
            {data.abilities.edit && <EditCase c={c} />}
          </Group>
          <Stack gap={6}>
            <Row label={t('case.referralDate')}>{formatDate(c.referralDate)}</Row>
            <Row label={t('case.referralSource')}>{t(`source.${c.referralSource}`)}</Row>
            {c.referralInstitution && (
              <Row label={t('case.referralInstitution')}>{c.referralInstitution}</Row>
            )}
            {c.referralContact && <Row label={t('case.referralContact')}>{c.referralContact}</Row>}
            <Row label={t('case.referralReasons')}>
              {c.referralReasons.map((r) => t(`reason.${r}`)).join(', ')}
            </Row>
          </Stack>
        </Card>
      </SimpleGrid>

      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('case.history')}
        </Title>
        <Table>
          <Table.Tbody>
            {c.statusHistory.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{formatDate(h.changedOn)}</Table.Td>
                <Table.Td>
                  {h.fromStatus ? `${t(`status.${h.fromStatus}`)} → ` : ''}
                  {t(`status.${h.toStatus}`)}
                </Table.Td>
                <Table.Td>{h.changedByName}</Table.Td>
                <Table.Td>{h.note}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TeamPanel c={c} canEdit={data.abilities.edit} />
        <ConsentsPanel c={c} canEdit={data.abilities.edit} />
      </SimpleGrid>
      <TransferPanel data={data} />
      <ActivitiesPanel data={data} canEdit={data.abilities.edit} />
      <EnrolmentPanel data={data} canEdit={data.abilities.edit} />
      <PlansPanel data={data} canEdit={data.abilities.edit} />
      <AssessmentsPanel data={data} canEdit={data.abilities.edit} />
      <DocumentsPanel data={data} canEdit={data.abilities.edit} />
      <Timeline data={data} />
      <ChangeHistory caseId={caseId} />

      {data.otherCases.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('case.otherCases')}
          </Title>
          {data.otherCases.map((other) => (
            <Group key={other.id} gap="xs">
              <Link to="/cases/$caseId" params={{ caseId: other.id }}>
                {other.centreName}, {formatDate(other.openedOn)}
              </Link>
              <StatusBadge status={other.status} />
            </Group>
          ))}
        </Card>
      )}
    </Stack>
  );
}
