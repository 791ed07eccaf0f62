import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { PlanInput, PlanView } from '../../shared/contracts/plans';

type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };

const plan: PlanInput = {
  title: 'Ģimenes atbalsta plāns 2026',
  nextReviewOn: '2026-04-01',
  goals: [
    {
      area: 'education_skills',
      description: 'Emīls regulāri apmeklē bērnudārzu',
      targetOn: '2026-06-01',
      actions: [
        { responsible: 'Māte', description: 'Pieteikt Emīlu bērnudārzā', dueOn: '2026-03-15' },
        { responsible: 'Sociālā darbiniece', description: 'Sazināties ar bērnudārzu', dueOn: '2026-03-10' },
      ],
    },
    {
      area: 'livelihood',
      description: 'Mātei ir pastāvīgi ienākumi',
      targetOn: '2026-09-01',
      actions: [{ responsible: 'Māte', description: 'Reģistrēties NVA', dueOn: '2026-03-20' }],
    },
  ],
};

describeOnDatabases('a family’s plan', (t) => {
  let worker: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let caseId: string;

  beforeAll(async () => {
    const bauska = await t().createCentre('Bauska');
    const valmiera = await t().createCentre('Valmiera');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    manager = await t().user({ roles: [{ role: 'centre_manager', centreId: bauska }] });
    outsider = await t().user({ roles: [{ role: 'centre_manager', centreId: valmiera }] });
    ({ caseId } = await registerFamily(worker.caller, bauska, [
      { relation: 'mother', person: { givenName: 'Sanita', familyName: 'Lapiņa', birthDate: '1992-09-09' } },
      { relation: 'child', person: { givenName: 'Emīls', familyName: 'Lapiņš', birthDate: '2021-03-03' } },
    ]));
  });

  const plansOf = async (user: TestUser) =>
    json<{ plans: PlanView[] }>(await user.caller.get(`/api/cases/${caseId}/plans`)).plans;

  it('is written with two goals, returned with a comment, corrected, approved by the manager and reviewed', async () => {
    const created = await worker.caller.post(`/api/cases/${caseId}/plans`, plan);
    expect(created.statusCode, created.body).toBe(201);
    const planId = json<{ id: string }>(created).id;
    let [view] = await plansOf(worker);
    expect(view!.status).toBe('draft');
    expect(view!.goals.map((g) => [g.area, g.actions.length])).toEqual([
      ['education_skills', 2],
      ['livelihood', 1],
    ]);

    // Only a submitted plan can be decided; the specialist cannot decide at all.
    expect(
      (await manager.caller.post(`/api/plans/${planId}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(400);
    expect((await worker.caller.post(`/api/plans/${planId}/submit`)).statusCode).toBe(200);
    expect(
      (await worker.caller.post(`/api/plans/${planId}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(403);
    const noComment = await manager.caller.post(`/api/plans/${planId}/decision`, { decision: 'return' });
    expect(json<ErrorBody>(noComment).error.fields).toEqual([
      { field: 'comment', message: 'Atgriežot plānu, uzrakstiet, kas jālabo.' },
    ]);
    const returned = await manager.caller.post(`/api/plans/${planId}/decision`, {
      decision: 'return',
      comment: 'Pievienojiet termiņu NVA reģistrācijai.',
    });
    expect(returned.statusCode).toBe(200);
    [view] = await plansOf(worker);
    expect(view).toMatchObject({
      status: 'returned',
      decisionComment: 'Pievienojiet termiņu NVA reģistrācijai.',
    });

    const corrected = {
      ...plan,
      goals: [plan.goals[0]!, { ...plan.goals[1]!, description: 'Mātei ir darbs' }],
    };
    expect((await worker.caller.put(`/api/plans/${planId}`, corrected)).statusCode).toBe(200);
    await worker.caller.post(`/api/plans/${planId}/submit`);
    expect(
      (await manager.caller.post(`/api/plans/${planId}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(200);
    [view] = await plansOf(worker);
    expect(view!.status).toBe('approved');
    expect(view!.goals[1]!.description).toBe('Mātei ir darbs');
    // An approved plan is not rewritten; progress goes into reviews and action statuses.
    const rewrite = await worker.caller.put(`/api/plans/${planId}`, plan);
    expect(json<ErrorBody>(rewrite).error.fields?.[0]?.message).toBe(
      'Plāns jau ir apstiprināts, to vairs nevar mainīt; atzīmējiet progresu pārskatā.',
    );

    const action = view!.goals[0]!.actions[0]!;
    expect(
      (await worker.caller.patch(`/api/plans/${planId}/actions/${action.id}`, { status: 'done' })).statusCode,
    ).toBe(200);
    const review = await worker.caller.post(`/api/plans/${planId}/reviews`, {
      reviewedOn: '2026-03-01',
      nextReviewOn: '2026-05-01',
      notes: 'Emīls apmeklē bērnudārzu.',
      goals: view!.goals.map((g, i) => ({ goalId: g.id, progress: i === 0 ? 'achieved' : 'in_progress' })),
    });
    expect(review.statusCode, review.body).toBe(201);
    [view] = await plansOf(worker);
    expect(view!.nextReviewOn).toBe('2026-05-01');
    expect(view!.goals[0]!.actions[0]!.status).toBe('done');
    expect(view!.reviews[0]!.goals.map((g) => g.progress)).toEqual(['achieved', 'in_progress']);
  });

  it('refuses bad input and stays inside the case scope', async () => {
    const late = await worker.caller.post(`/api/cases/${caseId}/plans`, {
      ...plan,
      goals: [{ ...plan.goals[0]!, targetOn: '2026-03-12' }],
    });
    expect(json<ErrorBody>(late).error.fields).toEqual([
      { field: 'goals.0.actions.0.dueOn', message: 'Darbības termiņš nevar būt pēc mērķa termiņa.' },
    ]);
    const empty = await worker.caller.post(`/api/cases/${caseId}/plans`, { ...plan, goals: [] });
    expect(empty.statusCode).toBe(400);
    expect(await plansOf(worker)).toHaveLength(1);
    expect((await outsider.caller.get(`/api/cases/${caseId}/plans`)).statusCode).toBe(404);
    expect((await outsider.caller.post(`/api/cases/${caseId}/plans`, plan)).statusCode).toBe(404);
    const [view] = await plansOf(worker);
    expect(
      (await outsider.caller.post(`/api/plans/${view!.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(404);
    const badReview = await worker.caller.post(`/api/plans/${view!.id}/reviews`, {
      reviewedOn: '2026-03-01',
      nextReviewOn: '2026-02-01',
      goals: [{ goalId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479', progress: 'achieved' }],
    });
    expect(json<ErrorBody>(badReview).error.fields).toEqual([
      { field: 'nextReviewOn', message: 'Nākamajam pārskatam jābūt pēc šī pārskata datuma.' },
      { field: 'goals.0.goalId', message: 'Šis mērķis nav šajā plānā.' },
    ]);
  });
});
