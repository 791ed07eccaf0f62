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
import {
  type PlanView,
  planDecisionInput,
  planInput,
  planReviewCorrection,
  planReviewInput,
} from '../../../shared/contracts/plans';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate, toIsoDate } from '../../../shared/i18n';
import { type ActionStatus, actionStatuses, goalProgress, planAreas } from '../../../shared/plans';
import { api } from '../../api';
import { CorrectionActions, ReasonField, VoidedNote } from '../../components/corrections';
import { DateField } from '../../components/date-field';
import { FormError } from '../../components/form-error';
import { useOptions } from '../../components/labels';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { caseKeys, useCaseList } from './keys';

export function usePlans(caseId: string) {
  return useCaseList<{ plans: PlanView[] }>(caseId, 'plans');
}

/** A plan as the form holds it: dates not set are '' (the request's null). */
type PlanValues = {
  title: string;
  nextReviewOn: string;
  goals: {
    area: string;
    description: string;
    targetOn: string;
    actions: { responsible: string; description: string; dueOn: string; status?: string }[];
  }[];
};
const emptyAction = () => ({ responsible: '', description: '', dueOn: '' });
const emptyGoal = () => ({ area: 'care', description: '', targetOn: '', actions: [emptyAction()] });
const orNull = (day: string) => day || null;

function planValues(plan: PlanView | null): PlanValues {
  if (!plan) return { title: '', nextReviewOn: '', goals: [emptyGoal()] };
  return {
    title: plan.title,
    nextReviewOn: plan.nextReviewOn ?? '',
    goals: plan.goals.map((g) => ({
      area: g.area,
      description: g.description,
      targetOn: g.targetOn ?? '',
      actions: g.actions.map((a) => ({
        responsible: a.responsible,
        description: a.description,
        dueOn: a.dueOn ?? '',
        status: a.status,
      })),
    })),
  };
}

const planBody = (values: PlanValues) => ({
  ...values,
  nextReviewOn: orNull(values.nextReviewOn),
  goals: values.goals.map((g) => ({
    ...g,
    targetOn: orNull(g.targetOn),
    actions: g.actions.map((a) => ({ ...a, dueOn: orNull(a.dueOn) })),
  })),
});

/** Goals (area, description, target date), each with its actions (who, what, by when). */
function PlanForm({ caseId, plan, close }: { caseId: string; plan: PlanView | null; close: () => void }) {
  const { t } = useI18n();
  const areas = useOptions(planAreas, 'domain');
  const form = useEntryForm<PlanValues>({
    initialValues: planValues(plan),
    contract: planInput,
    toBody: planBody,
  });
  const save = useSave({
    form,
    send: (values: PlanValues) =>
      plan
        ? api('PUT', `/api/plans/${plan.id}`, { ...planBody(values), version: plan.version })
        : api('POST', `/api/cases/${caseId}/plans`, planBody(values)),
    invalidates: () => [caseKeys.all(caseId)],
    saved: t('plan.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <Group grow align="flex-start">
        <TextInput label={t('plan.name')} {...form.getInputProps('title')} data-autofocus />
        <DateField label={t('plan.nextReview')} {...form.getInputProps('nextReviewOn')} />
      </Group>
      {form.values.goals.map((goal, g) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: unsaved goals have no id; the list only grows at its end
        <Card key={g} withBorder>
          <Stack gap="xs">
            <Group grow align="flex-start">
              <Select
                label={t('plan.goalArea', { n: g + 1 })}
                data={areas}
                {...form.getInputProps(`goals.${g}.area`)}
                allowDeselect={false}
              />
              <DateField
                label={t('plan.goalTarget', { n: g + 1 })}
                {...form.getInputProps(`goals.${g}.targetOn`)}
              />
            </Group>
            <Textarea
              label={t('plan.goal', { n: g + 1 })}
              {...form.getInputProps(`goals.${g}.description`)}
              autosize
              minRows={2}
            />
            {goal.actions.map((_, a) => {
              const n = `${g + 1}.${a + 1}`;
              const path = `goals.${g}.actions.${a}`;
              return (
                <Group key={n} grow align="flex-start">
                  <TextInput label={t('plan.action', { n })} {...form.getInputProps(`${path}.description`)} />
                  <TextInput
                    label={t('plan.responsible', { n })}
                    {...form.getInputProps(`${path}.responsible`)}
                  />
                  <DateField label={t('plan.due', { n })} {...form.getInputProps(`${path}.dueOn`)} />
                </Group>
              );
            })}
            <Button
              variant="default"
              size="xs"
              w="fit-content"
              onClick={() => form.insertListItem(`goals.${g}.actions`, emptyAction())}
            >
              {t('plan.addAction', { n: g + 1 })}
            </Button>
          </Stack>
        </Card>
      ))}
      <Button variant="default" w="fit-content" onClick={() => form.insertListItem('goals', emptyGoal())}>
        {t('plan.addGoal')}
      </Button>
    </EntryForm>
  );
}

function DecisionForm({ plan, close }: { plan: PlanView; close: () => void }) {
  const { t } = useI18n();
  type Values = { decision: 'approve' | 'return'; comment: string };
  const form = useEntryForm<Values>({
    initialValues: { decision: 'approve', comment: '' },
    contract: planDecisionInput,
  });
  const save = useSave({
    form,
    send: (values: Values) => api('POST', `/api/plans/${plan.id}/decision`, values),
    invalidates: () => [caseKeys.all(plan.caseId)],
    saved: (_, values) => t(values.decision === 'approve' ? 'plan.approved' : 'plan.returned'),
    onSaved: close,
  });
  return (
    <EntryForm
      form={form}
      save={save}
      submitLabel={t('plan.approve')}
      submitProps={{ color: 'teal.9' }}
      actions={
        <Button
          color="orange.9"
          onClick={() => save.run({ ...form.getValues(), decision: 'return' })}
          loading={save.pending && save.variables?.decision === 'return'}
        >
          {t('plan.return')}
        </Button>
      }
    >
      <Textarea label={t('plan.comment')} {...form.getInputProps('comment')} autosize minRows={2} />
    </EntryForm>
  );
}

type Review = PlanView['reviews'][number];
type ReviewValues = {
  reviewedOn: string;
  nextReviewOn: string;
  notes: string;
  progress: Record<string, string>;
  reason: string;
};

/** Reviews a plan, or corrects a review (`editing`) with the version read and a reason. */
function ReviewForm({ plan, close, editing }: { plan: PlanView; close: () => void; editing?: Review }) {
  const { t } = useI18n();
  const progressOptions = useOptions(goalProgress, 'progress');
  const body = (values: ReviewValues) => ({
    reviewedOn: values.reviewedOn,
    nextReviewOn: orNull(values.nextReviewOn),
    notes: values.notes,
    goals: plan.goals.map((g) => ({
      goalId: g.id,
      progress: values.progress[g.id],
      comment: editing?.goals.find((p) => p.goalId === g.id)?.comment ?? '',
    })),
    ...(editing ? { version: editing.version, reason: values.reason } : {}),
  });
  const form = useEntryForm<ReviewValues>({
    initialValues: {
      reviewedOn: editing?.reviewedOn ?? toIsoDate(new Date()),
      nextReviewOn: editing?.nextReviewOn ?? '',
      notes: editing?.notes ?? '',
      progress: Object.fromEntries(
        plan.goals.map((g) => [
          g.id,
          editing?.goals.find((p) => p.goalId === g.id)?.progress ?? 'in_progress',
        ]),
      ),
      reason: '',
    },
    contract: editing ? planReviewCorrection : planReviewInput,
    toBody: body,
  });
  const url = `/api/plans/${plan.id}/reviews`;
  const save = useSave({
    form,
    send: (values: ReviewValues) =>
      editing ? api('PATCH', `${url}/${editing.id}`, body(values)) : api('POST', url, body(values)),
    invalidates: () => [caseKeys.all(plan.caseId)],
    saved: t(editing ? 'record.corrected' : 'plan.reviewSaved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <Group grow align="flex-start">
        <DateField label={t('plan.reviewedOn')} {...form.getInputProps('reviewedOn')} />
        <DateField label={t('plan.nextReview')} {...form.getInputProps('nextReviewOn')} />
      </Group>
      {plan.goals.map((g, index) => (
        <Select
          key={g.id}
          label={t('plan.progressOf', { n: index + 1, goal: g.description })}
          data={progressOptions}
          {...form.getInputProps(`progress.${g.id}`)}
          allowDeselect={false}
        />
      ))}
      <Textarea label={t('plan.reviewNotes')} {...form.getInputProps('notes')} autosize minRows={2} />
      {editing && <ReasonField {...form.getInputProps('reason')} />}
    </EntryForm>
  );
}

const statusColour = {
  draft: 'gray.8',
  submitted: 'blue.9',
  approved: 'teal.9',
  returned: 'orange.9',
} as const;

function PlanCard({ plan, canEdit, canDecide }: { plan: PlanView; canEdit: boolean; canDecide: boolean }) {
  const { t } = useI18n();
  const actionOptions = useOptions(actionStatuses, 'actionStatus');
  const editable = plan.status === 'draft' || plan.status === 'returned';
  const invalidates = () => [caseKeys.all(plan.caseId)];
  const submit = useSave({
    send: () => api('POST', `/api/plans/${plan.id}/submit`),
    invalidates,
    saved: t('plan.submitted'),
  });
  const setStatus = useSave({
    send: ({ actionId, status }: { actionId: string; status: ActionStatus }) =>
      api('PATCH', `/api/plans/${plan.id}/actions/${actionId}`, { status }),
    invalidates,
    saved: t('plan.actionStatusSaved'),
  });
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
                  {(close) => <PlanForm caseId={plan.caseId} plan={plan} close={close} />}
                </ModalButton>
                <Button size="xs" variant="default" onClick={() => submit.run()} loading={submit.pending}>
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
                {(close) => <DecisionForm plan={plan} close={close} />}
              </ModalButton>
            )}
            {canEdit && plan.status === 'approved' && (
              <ModalButton label={t('plan.review')} title={t('plan.review')} size="lg">
                {(close) => <ReviewForm plan={plan} close={close} />}
              </ModalButton>
            )}
          </Group>
        </Group>
        <FormError error={submit.error ?? setStatus.error} />
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
                          onChange={(v) => v && setStatus.run({ actionId: a.id, status: v as ActionStatus })}
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
                invalidates={invalidates()}
              >
                {(close) => <ReviewForm plan={plan} close={close} editing={review} />}
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
  const query = usePlans(data.case.id);
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
            {(close) => <PlanForm caseId={data.case.id} plan={null} close={close} />}
          </ModalButton>
        )
      }
    >
      {list.length === 0 ? (
        <Text size="sm">{t('plan.none')}</Text>
      ) : (
        <Stack>
          {list.map((plan) => (
            <PlanCard key={plan.id} plan={plan} canEdit={canEdit} canDecide={data.abilities.supervise} />
          ))}
        </Stack>
      )}
    </Panel>
  );
}
