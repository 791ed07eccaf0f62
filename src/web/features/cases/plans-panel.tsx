import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { can } from '../../../shared/access';
import type { PlanInput, PlanView } from '../../../shared/contracts/plans';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import {
  type ActionStatus,
  actionStatuses,
  type GoalProgress,
  goalProgress,
  planAreas,
} from '../../../shared/plans';
import { api } from '../../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { FormError, useApiError } from '../../components/form-error';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useCaseList } from './keys';

type Goal = PlanInput['goals'][number];
type Action = NonNullable<Goal['actions']>[number];
const emptyAction = (): Action => ({ responsible: '', description: '', dueOn: null });
const emptyGoal = (): Goal => ({ area: 'care', description: '', targetOn: null, actions: [emptyAction()] });

function toInput(plan: PlanView): PlanInput {
  return {
    title: plan.title,
    nextReviewOn: plan.nextReviewOn,
    goals: plan.goals.map((g) => ({
      area: g.area,
      description: g.description,
      targetOn: g.targetOn,
      actions: g.actions.map((a) => ({
        responsible: a.responsible,
        description: a.description,
        dueOn: a.dueOn,
        status: a.status,
      })),
    })),
  };
}

export function usePlans(caseId: string) {
  return useCaseList<{ plans: PlanView[] }>(caseId, 'plans');
}

/** Goals (area, description, target date), each with its actions (who, what, by when). */
function PlanForm({
  caseId,
  plan,
  close,
  onDone,
}: {
  caseId: string;
  plan: PlanView | null;
  close: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const areas = useOptions(planAreas, 'domain');
  const [draft, setDraft] = useState<PlanInput>(
    plan ? toInput(plan) : { title: '', nextReviewOn: null, goals: [emptyGoal()] },
  );
  const failure = useApiError();
  const setGoal = (index: number, goal: Goal) =>
    setDraft({ ...draft, goals: draft.goals.map((g, i) => (i === index ? goal : g)) });
  const setAction = (g: number, a: number, action: Action) =>
    setGoal(g, {
      ...draft.goals[g]!,
      actions: (draft.goals[g]!.actions ?? []).map((x, i) => (i === a ? action : x)),
    });
  const save = async () => {
    const call = () =>
      plan
        ? api('PUT', `/api/plans/${plan.id}`, { ...draft, version: plan.version })
        : api('POST', `/api/cases/${caseId}/plans`, draft);
    if (await failure.run(call)) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Group grow align="flex-start">
        <TextInput
          label={t('plan.name')}
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
          error={failure.field('title')}
          data-autofocus
        />
        <DateField
          label={t('plan.nextReview')}
          value={draft.nextReviewOn ?? ''}
          onChange={(v) => setDraft({ ...draft, nextReviewOn: v || null })}
          error={failure.field('nextReviewOn')}
        />
      </Group>
      {draft.goals.map((goal, g) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: unsaved goals have no id; the list only grows at its end
        <Card key={g} withBorder>
          <Stack gap="xs">
            <Group grow align="flex-start">
              <Select
                label={t('plan.goalArea', { n: g + 1 })}
                data={areas}
                value={goal.area}
                onChange={(v) => setGoal(g, { ...goal, area: (v ?? 'other') as Goal['area'] })}
                allowDeselect={false}
              />
              <DateField
                label={t('plan.goalTarget', { n: g + 1 })}
                value={goal.targetOn ?? ''}
                onChange={(v) => setGoal(g, { ...goal, targetOn: v || null })}
                error={failure.field(`goals.${g}.targetOn`)}
              />
            </Group>
            <Textarea
              label={t('plan.goal', { n: g + 1 })}
              value={goal.description}
              onChange={(e) => setGoal(g, { ...goal, description: e.currentTarget.value })}
              error={failure.field(`goals.${g}.description`)}
              autosize
              minRows={2}
            />
            {(goal.actions ?? []).map((action, a) => {
              const n = `${g + 1}.${a + 1}`;
              return (
                <Group key={n} grow align="flex-start">
                  <TextInput
                    label={t('plan.action', { n })}
                    value={action.description}
                    onChange={(e) => setAction(g, a, { ...action, description: e.currentTarget.value })}
                    error={failure.field(`goals.${g}.actions.${a}.description`)}
                  />
                  <TextInput
                    label={t('plan.responsible', { n })}
                    value={action.responsible}
                    onChange={(e) => setAction(g, a, { ...action, responsible: e.currentTarget.value })}
                    error={failure.field(`goals.${g}.actions.${a}.responsible`)}
                  />
                  <DateField
                    label={t('plan.due', { n })}
                    value={action.dueOn ?? ''}
                    onChange={(v) => setAction(g, a, { ...action, dueOn: v || null })}
                    error={failure.field(`goals.${g}.actions.${a}.dueOn`)}
                  />
                </Group>
              );
            })}
            <Button
              variant="default"
              size="xs"
              w="fit-content"
              onClick={() => setGoal(g, { ...goal, actions: [...(goal.actions ?? []), emptyAction()] })}
            >
              {t('plan.addAction', { n: g + 1 })}
            </Button>
          </Stack>
        </Card>
      ))}
      <Button
        variant="default"
        w="fit-content"
        onClick={() => setDraft({ ...draft, goals: [...draft.goals, emptyGoal()] })}
      >
        {t('plan.addGoal')}
      </Button>
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

function DecisionForm({ plan, close, onDone }: { plan: PlanView; close: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const failure = useApiError();
  const decide = async (decision: 'approve' | 'return') => {
    if (await failure.run(() => api('POST', `/api/plans/${plan.id}/decision`, { decision, comment }))) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Textarea
        label={t('plan.comment')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={failure.field('comment')}
        autosize
        minRows={2}
      />
      <Group>
        <Button color="teal.9" onClick={() => decide('approve')}>
          {t('plan.approve')}
        </Button>
        <Button color="orange.9" onClick={() => decide('return')}>
          {t('plan.return')}
        </Button>
      </Group>
    </Stack>
  );
}

type Review = PlanView['reviews'][number];

/** Reviews a plan, or corrects a review (`editing`) with the version read and a reason. */
function ReviewForm({
  plan,
  close,
  onDone,
  editing,
}: {
  plan: PlanView;
  close: () => void;
  onDone: () => void;
  editing?: Review;
}) {
  const { t } = useI18n();
  const progressOptions = useOptions(goalProgress, 'progress');
  const [draft, setDraft] = useState({
    reviewedOn: editing?.reviewedOn ?? toIsoDate(new Date()),
    nextReviewOn: editing?.nextReviewOn ?? '',
    notes: editing?.notes ?? '',
    progress: Object.fromEntries(
      plan.goals.map((g) => [g.id, editing?.goals.find((p) => p.goalId === g.id)?.progress ?? 'in_progress']),
    ) as Record<string, GoalProgress>,
  });
  const [reason, setReason] = useState('');
  const failure = useApiError();
  const save = async () => {
    const body = {
      reviewedOn: draft.reviewedOn,
      nextReviewOn: draft.nextReviewOn || null,
      notes: draft.notes,
      goals: plan.goals.map((g) => ({
        goalId: g.id,
        progress: draft.progress[g.id],
        comment: editing?.goals.find((p) => p.goalId === g.id)?.comment ?? '',
      })),
    };
    const url = `/api/plans/${plan.id}/reviews`;
    const send = () =>
      editing
        ? api('PATCH', `${url}/${editing.id}`, { ...body, version: editing.version, reason })
        : api('POST', url, body);
    if (await failure.run(send)) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <Group grow align="flex-start">
        <DateField
          label={t('plan.reviewedOn')}
          value={draft.reviewedOn}
          onChange={(reviewedOn) => setDraft({ ...draft, reviewedOn })}
          error={failure.field('reviewedOn')}
        />
        <DateField
          label={t('plan.nextReview')}
          value={draft.nextReviewOn}
          onChange={(nextReviewOn) => setDraft({ ...draft, nextReviewOn })}
          error={failure.field('nextReviewOn')}
        />
      </Group>
      {plan.goals.map((g, index) => (
        <Select
          key={g.id}
          label={t('plan.progressOf', { n: index + 1, goal: g.description })}
          data={progressOptions}
          value={draft.progress[g.id]}
          onChange={(v) =>
            setDraft({
              ...draft,
              progress: { ...draft.progress, [g.id]: (v ?? 'in_progress') as GoalProgress },
            })
          }
          allowDeselect={false}
        />
      ))}
      <Textarea
        label={t('plan.reviewNotes')}
        value={draft.notes}
        onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      {editing && (
        <ReasonField
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={failure.field('reason')}
        />
      )}
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}

const statusColour = {
  draft: 'gray.8',
  submitted: 'blue.9',
  approved: 'teal.9',
  returned: 'orange.9',
} as const;

function PlanCard({
  plan,
  canEdit,
  canDecide,
  onChange,
}: {
  plan: PlanView;
  canEdit: boolean;
  canDecide: boolean;
  onChange: () => void;
}) {
  const { t } = useI18n();
  const actionOptions = useOptions(actionStatuses, 'actionStatus');
  const failure = useApiError();
  const editable = plan.status === 'draft' || plan.status === 'returned';
  const submit = async () => {
    if (await failure.run(() => api('POST', `/api/plans/${plan.id}/submit`))) onChange();
  };
  const setStatus = async (actionId: string, status: ActionStatus) => {
    if (await failure.run(() => api('PATCH', `/api/plans/${plan.id}/actions/${actionId}`, { status })))
      onChange();
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={3} size="h5">
              {plan.title}
            </Title>
            <Badge color={statusColour[plan.status]} variant="filled">
              {t(`planStatus.${plan.status}`)}
            </Badge>
          </Group>
          <Group gap="xs">
            {canEdit && editable && (
              <>
                <ModalButton label={t('plan.edit')} title={t('plan.edit')} size="xl">
                  {(close) => <PlanForm caseId={plan.caseId} plan={plan} close={close} onDone={onChange} />}
                </ModalButton>
                <Button size="xs" variant="default" onClick={submit}>
                  {t('plan.submit')}
                </Button>
              </>
            )}
            {canDecide && plan.status === 'submitted' && (
              <ModalButton
                label={t('plan.decide')}
                title={t('plan.decide')}
                buttonProps={{ variant: 'default' }}
              >
                {(close) => <DecisionForm plan={plan} close={close} onDone={onChange} />}
              </ModalButton>
            )}
            {canEdit && plan.status === 'approved' && (
              <ModalButton label={t('plan.review')} title={t('plan.review')} size="lg">
                {(close) => <ReviewForm plan={plan} close={close} onDone={onChange} />}
              </ModalButton>
            )}
          </Group>
        </Group>
        <FormError error={failure.error} />
        <Text size="sm">
          {plan.nextReviewOn ? t('plan.nextReviewOn', { date: formatDate(plan.nextReviewOn) }) : ''}
          {plan.decidedByName && plan.decidedAt
            ? ` · ${t(plan.status === 'returned' ? 'plan.returnedBy' : 'plan.approvedBy', {
                name: plan.decidedByName,
                date: formatDate(plan.decidedAt.slice(0, 10)),
              })}`
            : ''}
        </Text>
        {plan.status === 'returned' && plan.decisionComment && (
          <Text size="sm" c="orange.9">
            {plan.decisionComment}
          </Text>
        )}
        {plan.goals.map((goal, g) => (
          <div key={goal.id}>
            <Text size="sm" fw={600}>
              {g + 1}. {t(`domain.${goal.area}`)}: {goal.description}
              {goal.targetOn ? ` (${t('plan.until', { date: formatDate(goal.targetOn) })})` : ''}
            </Text>
            <Table>
              <Table.Tbody>
                {goal.actions.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.description}</Table.Td>
                    <Table.Td>{a.responsible}</Table.Td>
                    <Table.Td>{a.dueOn ? formatDate(a.dueOn) : ''}</Table.Td>
                    <Table.Td w={170}>
                      {canEdit && plan.status === 'approved' ? (
                        <Select
                          aria-label={`${t('plan.actionStatus')}: ${a.description}`}
                          data={actionOptions}
                          value={a.status}
                          onChange={(v) => v && setStatus(a.id, v as ActionStatus)}
                          allowDeselect={false}
                          size="xs"
                        />
                      ) : (
                        t(`actionStatus.${a.status}`)
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
        {plan.reviews.map((review) => (
          <Group key={review.id} gap="xs" justify="space-between" wrap="nowrap">
            <div style={review.voided ? { opacity: 0.7 } : undefined}>
              <VoidedNote voided={review.voided} />
              <Text size="sm" td={review.voided ? 'line-through' : undefined}>
                {t('plan.reviewLine', { date: formatDate(review.reviewedOn), name: review.reviewedByName })}:{' '}
                {review.goals
                  .map((p) => {
                    const index = plan.goals.findIndex((g) => g.id === p.goalId);
                    return `${index + 1}. ${t(`progress.${p.progress}`)}`;
                  })
                  .join('; ')}
                {review.notes ? ` — ${review.notes}` : ''}
              </Text>
            </div>
            {canEdit && !review.voided && (
              <CorrectionActions
                title={t('plan.correctReview')}
                subject={`${formatDate(review.reviewedOn)}`}
                size="lg"
                voidUrl={`/api/plans/${plan.id}/reviews/${review.id}/void`}
                version={review.version}
                onVoided={onChange}
              >
                {(close) => <ReviewForm plan={plan} close={close} onDone={onChange} editing={review} />}
              </CorrectionActions>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** The family's plans: writing, approval by the centre's manager, action statuses, reviews. */
export function PlansPanel({ data, canEdit }: { data: FamilyPage; canEdit: boolean }) {
  const { t } = useI18n();
  const me = useMe().data;
  const query = usePlans(data.case.id);
  const refresh = () => query.refetch();
  const canDecide = me ? can(me, 'cases.supervise', data.case.centreId) : false;
  const list = query.data?.plans ?? [];
  return (
    <Panel
      title={t('plan.title')}
      actions={
        canEdit && (
          <ModalButton
            label={t('plan.new')}
            title={t('plan.new')}
            buttonProps={{ variant: 'default' }}
            size="xl"
          >
            {(close) => <PlanForm caseId={data.case.id} plan={null} close={close} onDone={refresh} />}
          </ModalButton>
        )
      }
    >
      {list.length === 0 ? (
        <Text size="sm">{t('plan.none')}</Text>
      ) : (
        <Stack>
          {list.map((plan) => (
            <PlanCard key={plan.id} plan={plan} canEdit={canEdit} canDecide={canDecide} onChange={refresh} />
          ))}
        </Stack>
      )}
    </Panel>
  );
}
