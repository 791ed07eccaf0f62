import { SegmentedControl, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate } from '../../../shared/i18n';
import { Panel } from '../../components/panel';
import { useI18n } from '../../i18n';
import { useCaseActivities } from './activities-panel';
import { useAssessments } from './assessments-panel';
import { useDocuments } from './documents-panel';
import { usePlans } from './plans-panel';

type Kind = 'case' | 'family' | 'consents' | 'activities' | 'plans' | 'assessments' | 'documents';
interface Event {
  key: string;
  on: string;
  kind: Kind;
  text: string;
}

/**
 * Everything that happened with the family, newest first, filterable by kind. Later
 * features (activities, plans, assessments, documents) add their own kinds of event.
 */
export function Timeline({ data }: { data: FamilyPage }) {
  const { t, language } = useI18n();
  const [kind, setKind] = useState<'all' | Kind>('all');
  const activities = useCaseActivities(data.case.id).data?.activities ?? [];
  const plans = usePlans(data.case.id).data?.plans ?? [];
  const assessments = useAssessments(data.case.id).data?.assessments ?? [];
  const documents = useDocuments(data.case.id).data?.documents ?? [];
  const events: Event[] = [];
  for (const a of activities) {
    events.push({
      key: `a-${a.id}`,
      on: a.occursOn,
      kind: 'activities',
      text: `${language === 'lv' ? a.typeNameLv : a.typeNameEn} (${t(`activityStatus.${a.status}`)})`,
    });
  }
  for (const plan of plans) {
    events.push({
      key: `p-${plan.id}`,
      on: plan.createdAt.slice(0, 10),
      kind: 'plans',
      text: t('timeline.planWritten', { title: plan.title }),
    });
    if (plan.decidedAt)
      events.push({
        key: `pd-${plan.id}`,
        on: plan.decidedAt.slice(0, 10),
        kind: 'plans',
        text: t('timeline.planDecided', { title: plan.title, status: t(`planStatus.${plan.status}`) }),
      });
    for (const review of plan.reviews)
      events.push({
        key: `pr-${review.id}`,
        on: review.reviewedOn,
        kind: 'plans',
        text: t('timeline.planReviewed', { title: plan.title }),
      });
  }
  for (const a of assessments) {
    events.push({
      key: `as-${a.id}`,
      on: a.assessedOn,
      kind: 'assessments',
      text: t('timeline.assessment', { phase: t(`phase.${a.phase}`), name: a.assessedByName }),
    });
  }
  for (const d of documents) {
    events.push({
      key: `d-${d.id}`,
      on: d.uploadedAt.slice(0, 10),
      kind: 'documents',
      text: t('timeline.document', { file: d.fileName }),
    });
  }
  for (const h of data.case.statusHistory) {
    events.push({
      key: `s-${h.id}`,
      on: h.changedOn,
      kind: 'case',
      text: t('timeline.status', { status: t(`status.${h.toStatus}`) }),
    });
  }
  for (const m of data.members) {
    const name = `${m.person.givenName} ${m.person.familyName}`;
    events.push({
      key: `j-${m.id}`,
      on: m.joinedOn,
      kind: 'family',
      text: t('timeline.joined', { name, relation: t(`relation.${m.relation}`) }),
    });
    if (m.leftOn)
      events.push({ key: `l-${m.id}`, on: m.leftOn, kind: 'family', text: t('timeline.left', { name }) });
  }
  for (const c of data.case.consents) {
    events.push({
      key: `c-${c.id}`,
      on: c.givenOn,
      kind: 'consents',
      text: t('timeline.consentGiven', { purpose: c.purpose, by: c.givenBy }),
    });
    if (c.withdrawnOn) {
      events.push({
        key: `w-${c.id}`,
        on: c.withdrawnOn,
        kind: 'consents',
        text: t('timeline.consentWithdrawn', { purpose: c.purpose }),
      });
    }
  }
  const shown = events
    .filter((e) => kind === 'all' || e.kind === kind)
    .sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0));
  return (
    <Panel
      title={t('timeline.title')}
      actions={
        <SegmentedControl
          size="xs"
          aria-label={t('timeline.kind')}
          value={kind}
          onChange={(v) => setKind(v as 'all' | Kind)}
          data={[
            { value: 'all', label: t('timeline.all') },
            { value: 'activities', label: t('timeline.activities') },
            { value: 'case', label: t('timeline.case') },
            { value: 'family', label: t('timeline.family') },
            { value: 'consents', label: t('timeline.consents') },
            { value: 'plans', label: t('plan.title') },
            { value: 'assessments', label: t('assessment.title') },
            { value: 'documents', label: t('document.title') },
          ]}
        />
      }
    >
      <Table>
        <Table.Tbody>
          {shown.map((event) => (
            <Table.Tr key={event.key}>
              <Table.Td w={120}>{formatDate(event.on)}</Table.Td>
              <Table.Td>
                <Text size="sm">{event.text}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Panel>
  );
}
