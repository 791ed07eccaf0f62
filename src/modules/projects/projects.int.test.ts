import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import type { BudgetView, Programme, ProjectView } from '../../shared/contracts/projects';

type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };
const euro = (amount: number) => amount * 100;

describeOnDatabases('programmes, projects and money', (t) => {
  let manager: TestUser;
  let finance: TestUser;
  let partner: TestUser;
  let bauska: string;
  let valmiera: string;
  let riga: string;
  const programmeIds: Record<string, string> = {};
  let eea: ProjectView;
  let rkc: ProjectView;

  beforeAll(async () => {
    bauska = await t().createCentre('Bauska');
    valmiera = await t().createCentre('Valmiera');
    riga = await t().createCentre('Rīga');
    manager = await t().user({ roles: [{ role: 'project_manager' }] });
    finance = await t().user({ roles: [{ role: 'finance_officer' }] });
    partner = await t().user({ roles: [{ role: 'partner_viewer' }] });
    for (const [lv, en] of [
      ['Piedzimstot bērniņam', 'When a Baby Is Born'],
      ['Bērniem drošs un draudzīgs bērnudārzs', 'Child-Safe and Friendly Kindergarten'],
      ['Kalniem pāri', 'Over the Mountains'],
      ['Pārinieks', 'Pārinieks'],
    ] as const) {
      const created = await manager.caller.post('/api/programmes', { nameLv: lv, nameEn: en });
      expect(created.statusCode, created.body).toBe(201);
      programmeIds[lv] = json<Programme>(created).id;
    }
    const response = await manager.caller.post('/api/projects', {
      code: '2012.EEZ/PP/1/MAC/150/008',
      titleLv:
        'Atbalsta pasākumu attīstība sociālās atstumtības riskam pakļauto ģimeņu ar bērniem iekļaušanai sabiedrībā',
      titleEn:
        'The development of supporting measures to include families with children who are at risk of social exclusion',
      startsOn: '2013-11-01',
      endsOn: '2015-07-31',
      status: 'completed',
      places: ['Bauskas novads', 'Valmiera'],
      centreIds: [bauska, valmiera],
      managerIds: [manager.id],
      viewerIds: [partner.id],
      funders: [
        {
          name: 'EEZ finanšu instruments',
          fundingProgramme: 'NVO fonds',
          donorCountries: ['Islande', 'Lihtenšteina', 'Norvēģija'],
        },
      ],
      partners: [
        { name: 'Norvēģijas SOS Bērnu ciemati', role: 'partneris' },
        { name: 'Bauskas novada Sociālais dienests', role: 'partneris' },
      ],
      targets: [
        { indicatorKey: 'families_reached', plannedValue: 116 },
        { indicatorKey: 'children_in_families_reached', plannedValue: 250 },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    eea = json<ProjectView>(response);
    const second = await manager.caller.post('/api/projects', {
      code: 'SOS-RKC-2017',
      titleLv: 'SOS Resursu un kompetences centra prakse uz bērnu vērstas pieejas ieviešana Latvijā',
      startsOn: '2017-01-01',
      endsOn: '2018-12-31',
      centreIds: [riga],
      programmeIds: Object.values(programmeIds),
    });
    rkc = json<ProjectView>(second);
  });

  it('keeps a project as published: funder, partners, period, centres, targets', async () => {
    const project = json<ProjectView>(await manager.caller.get(`/api/projects/${eea.id}`));
    expect(project).toMatchObject({
      code: '2012.EEZ/PP/1/MAC/150/008',
      startsOn: '2013-11-01',
      endsOn: '2015-07-31',
      centres: [{ name: 'Bauska' }, { name: 'Valmiera' }],
      funders: [
        {
          name: 'EEZ finanšu instruments',
          fundingProgramme: 'NVO fonds',
          donorCountries: ['Islande', 'Lihtenšteina', 'Norvēģija'],
        },
      ],
      partners: [{ name: 'Norvēģijas SOS Bērnu ciemati' }, { name: 'Bauskas novada Sociālais dienests' }],
    });
    expect(project.targets.map((x) => [x.indicatorKey, x.plannedValue])).toEqual([
      ['children_in_families_reached', 250],
      ['families_reached', 116],
    ]);
    const rkcPage = json<ProjectView>(await manager.caller.get(`/api/projects/${rkc.id}`));
    expect(rkcPage.programmes.map((p) => p.nameLv)).toEqual([
      'Bērniem drošs un draudzīgs bērnudārzs',
      'Kalniem pāri',
      'Pārinieks',
      'Piedzimstot bērniņam',
    ]);
  });

  it('shows the published total beside the computed one: 898 500 vs 434 160 + 464 360 is a 20 EUR inconsistency', async () => {
    const saved = await finance.caller.put(`/api/projects/${rkc.id}/budget`, {
      declaredTotalCents: euro(898500),
      sources: [
        { type: 'municipal', name: 'Rīgas domes līdzfinansējums', amountCents: euro(434160) },
        { type: 'own_funds', name: 'Biedrības līdzekļi', amountCents: euro(464360) },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const budget = json<BudgetView>(saved);
    expect(budget).toMatchObject({
      declaredTotalCents: 89850000,
      computedTotalCents: 89852000,
      differenceCents: 2000,
    });
    expect(budget.inconsistencies).toHaveLength(1);
    expect(budget.inconsistencies[0]!.code).toBe('DECLARED_TOTAL_MISMATCH');
    expect(budget.inconsistencies[0]!.message.replace(/\s/g, ' ')).toBe(
      'Publicētā kopsumma 898 500,00 € atšķiras no finansējuma avotu summas 898 520,00 € par 20,00 €.',
    );
    expect(budget.coFinancing.share).toBe(1);
  });

  it('checks the funder’s co-financing rule, with and without valued volunteer work', async () => {
    const body = {
      cofinancingRequiredShare: 0.1,
      cofinancingCountsInKind: true,
      volunteerHourlyRateCents: 500,
      lines: [
        { category: 'Speciālistu darbs', plannedCents: euro(80000) },
        { category: 'Nometnes', plannedCents: euro(30500) },
      ],
      sources: [
        { type: 'grant', name: 'NVO fonds', amountCents: euro(99000) },
        { type: 'own_funds', name: 'Asociācijas līdzfinansējums', amountCents: euro(5000) },
        { type: 'in_kind', name: 'Brīvprātīgo darbs', amountCents: euro(6500) },
      ],
    };
    const withInKind = json<BudgetView>(await finance.caller.put(`/api/projects/${eea.id}/budget`, body));
    expect(withInKind.computedTotalCents).toBe(euro(110500));
    expect(withInKind.coFinancing).toEqual({
      share: 0.1041,
      requiredShare: 0.1,
      countsInKind: true,
      met: true,
    });
    expect(withInKind.inconsistencies).toEqual([]);
    const without = json<BudgetView>(
      await finance.caller.put(`/api/projects/${eea.id}/budget`, {
        ...body,
        cofinancingCountsInKind: false,
        lines: withInKind.lines,
        sources: withInKind.sources,
      }),
    );
    expect(without.coFinancing.met).toBe(false);
    expect(without.inconsistencies.map((i) => i.message)).toEqual([
      'Līdzfinansējums ir 4,5%, bet finansētājs prasa vismaz 10%.',
    ]);
  });

  it('records expenditures within the period and shows spending per line and source', async () => {
    const budget = json<ProjectView>(await finance.caller.get(`/api/projects/${eea.id}`)).budget;
    const line = budget.lines[1]!;
    const grant = budget.sources[0]!;
    const outside = await finance.caller.post(`/api/projects/${eea.id}/expenditures`, {
      budgetLineId: line.id,
      spentOn: '2016-01-10',
      amountCents: 1000,
    });
    expect(json<ErrorBody>(outside).error.fields).toEqual([
      { field: 'spentOn', message: 'Datumam jābūt projekta periodā no 01.11.2013 līdz 31.07.2015.' },
    ]);
    const negative = await finance.caller.post(`/api/projects/${eea.id}/expenditures`, {
      budgetLineId: line.id,
      spentOn: '2014-07-10',
      amountCents: -5,
    });
    expect(negative.statusCode).toBe(400);
    const ok = await finance.caller.post(`/api/projects/${eea.id}/expenditures`, {
      budgetLineId: line.id,
      fundingSourceId: grant.id,
      spentOn: '2014-07-10',
      amountCents: euro(3200),
      description: 'Ģimeņu nometne Valmierā',
    });
    expect(ok.statusCode).toBe(201);
    const after = json<BudgetView>(ok);
    expect(after.lines[1], JSON.stringify(after)).toMatchObject({
      category: 'Nometnes',
      spentCents: euro(3200),
    });
    expect(after.sources[0]).toMatchObject({ spentCents: euro(3200) });
    expect(after.spentCents).toBe(euro(3200));
    const removeLine = await finance.caller.put(`/api/projects/${eea.id}/budget`, {
      lines: [after.lines[0]],
      sources: after.sources,
    });
    expect(json<ErrorBody>(removeLine).error.fields?.[0]?.field).toBe('lines');
  });

  it('values volunteer hours at the project rate as in-kind funding', async () => {
    const before = json<ProjectView>(await finance.caller.get(`/api/projects/${eea.id}`)).budget;
    const volunteer = json<{ id: string }>(
      await finance.caller.post('/api/volunteers', {
        givenName: 'Kristiāna',
        familyName: 'Mentore',
        screenedOn: '2013-10-01',
      }),
    );
    const log = (body: Record<string, unknown>) =>
      finance.caller.post(`/api/projects/${eea.id}/volunteer-hours`, { volunteerId: volunteer.id, ...body });
    expect((await log({ workedOn: '2014-05-10', hours: 6 })).statusCode).toBe(200);
    expect((await log({ workedOn: '2014-05-17', hours: 4 })).statusCode).toBe(200);
    const outside = await log({ workedOn: '2016-05-17', hours: 4 });
    expect(json<ErrorBody>(outside).error.fields?.[0]?.field).toBe('workedOn');
    expect((await log({ workedOn: '2014-05-18', hours: 25 })).statusCode).toBe(400);
    const after = json<ProjectView>(await finance.caller.get(`/api/projects/${eea.id}`)).budget;
    // 10 h at 5,00 € an hour.
    expect(after.volunteerWork).toEqual({ hours: 10, valueCents: 5000 });
    expect(after.computedTotalCents - before.computedTotalCents).toBe(5000);
    expect(
      (
        await partner.caller.post(`/api/projects/${eea.id}/volunteer-hours`, {
          volunteerId: volunteer.id,
          workedOn: '2014-05-10',
          hours: 1,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('edits programmes, projects and volunteers, lists expenditures, and shows the contracts of a project', async () => {
    const programmeId = programmeIds.Pārinieks!;
    const renamed = await manager.caller.put(`/api/programmes/${programmeId}`, {
      nameLv: 'Pārinieks',
      nameEn: 'Peer',
      active: false,
    });
    expect(json<Programme>(renamed)).toMatchObject({ nameEn: 'Peer', active: false });
    expect(
      (
        await manager.caller.put('/api/programmes/00000000-0000-7000-8000-000000000000', {
          nameLv: 'Xx',
          nameEn: 'Xx',
        })
      ).statusCode,
    ).toBe(404);
    // A name already taken (in any letter case) says which field to change and adds nothing.
    const countProgrammes = async () =>
      json<{ programmes: unknown[] }>(await manager.caller.get('/api/programmes')).programmes.length;
    const before = await countProgrammes();
    const taken = await manager.caller.post('/api/programmes', { nameLv: 'pĀrinieks', nameEn: 'Again' });
    expect(taken.statusCode).toBe(409);
    expect(json<ErrorBody>(taken).error.fields?.map((f) => f.field)).toEqual(['nameLv']);
    expect(await countProgrammes()).toBe(before);
    const edited = await manager.caller.put(`/api/projects/${rkc.id}`, {
      code: 'SOS-RKC-2017',
      titleLv: 'SOS Resursu un kompetences centra prakse uz bērnu vērstas pieejas ieviešana Latvijā',
      startsOn: '2017-01-01',
      endsOn: '2018-12-31',
      status: 'completed',
      centreIds: [riga],
      programmeIds: [programmeId],
      targets: [{ indicatorKey: 'families_reached', plannedValue: 40, periodYear: 2018 }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const view = json<ProjectView>(edited);
    expect(view).toMatchObject({ status: 'completed', programmes: [{ nameEn: 'Peer' }] });
    expect(view.targets).toMatchObject([
      { indicatorKey: 'families_reached', plannedValue: 40, periodYear: 2018 },
    ]);
    const outside = await manager.caller.put(`/api/projects/${rkc.id}`, {
      code: 'SOS-RKC-2017',
      titleLv: 'SOS',
      startsOn: '2017-01-01',
      endsOn: '2018-12-31',
      targets: [{ indicatorKey: 'families_reached', plannedValue: 40, periodYear: 2019 }],
    });
    expect(json<ErrorBody>(outside).error.fields).toEqual([
      {
        field: 'targets.0.periodYear',
        message: 'Mērķa gads ir ārpus projekta perioda.',
      },
    ]);
    const volunteer = json<{ id: string }>(
      await finance.caller.post('/api/volunteers', { givenName: 'Ilga', familyName: 'Zvaigzne' }),
    );
    const inactive = await finance.caller.put(`/api/volunteers/${volunteer.id}`, {
      givenName: 'Ilga',
      familyName: 'Zvaigzne',
      status: 'paused',
      version: 1,
    });
    expect(json<{ active: boolean }>(inactive).active).toBe(false);
    const volunteers = json<{ volunteers: { familyName: string; active: boolean }[] }>(
      await finance.caller.get('/api/volunteers'),
    );
    expect(volunteers.volunteers.map((v) => [v.familyName, v.active])).toEqual([
      ['Mentore', true],
      ['Zvaigzne', false],
    ]);
    expect((await partner.caller.get('/api/volunteers')).statusCode).toBe(403);
    const list = json<{ expenditures: { category: string; amountCents: number }[] }>(
      await finance.caller.get(`/api/projects/${eea.id}/expenditures`),
    );
    expect(list.expenditures).toEqual([
      expect.objectContaining({ category: 'Nometnes', amountCents: euro(3200) }),
    ]);
    const contract = await manager.caller.post('/api/contracts', {
      counterparty: 'Rīgas domes Labklājības departaments',
      number: 'RD-2017/1',
      startsOn: '2017-01-01',
      quotaFamilies: 100,
      projectId: rkc.id,
    });
    expect(contract.statusCode, contract.body).toBe(201);
    const withContract = json<ProjectView>(await manager.caller.get(`/api/projects/${rkc.id}`));
    expect(withContract.contracts).toEqual([
      expect.objectContaining({ number: 'RD-2017/1', quotaFamilies: 100, linkedCases: 0 }),
    ]);
    const unknownProject = await manager.caller.post('/api/contracts', {
      counterparty: 'Rīgas dome',
      number: 'RD-2017/2',
      startsOn: '2017-01-01',
      projectId: '00000000-0000-7000-8000-000000000000',
    });
    expect(json<ErrorBody>(unknownProject).error.fields?.[0]?.field).toBe('projectId');
    const contractId = json<{ id: string }>(contract).id;
    const editedContract = await finance.caller.put(`/api/contracts/${contractId}`, {
      counterparty: 'Rīgas domes Labklājības departaments',
      number: 'RD-2017/1',
      startsOn: '2017-01-01',
      endsOn: '2018-12-31',
      quotaFamilies: 120,
      projectId: rkc.id,
    });
    expect(json<{ quotaFamilies: number }>(editedContract).quotaFamilies).toBe(120);
  });

  it('refuses bad input with what to fix: unknown indicator, reversed period, duplicate code', async () => {
    const base = { code: 'X-1', titleLv: 'Tests', startsOn: '2020-01-01', endsOn: '2020-12-31' };
    const unknown = await manager.caller.post('/api/projects', {
      ...base,
      targets: [{ indicatorKey: 'smiles', plannedValue: 3 }],
    });
    expect(json<ErrorBody>(unknown).error.fields?.[0]?.field).toBe('targets.0.indicatorKey');
    const reversed = await manager.caller.post('/api/projects', { ...base, endsOn: '2019-01-01' });
    expect(json<ErrorBody>(reversed).error.fields).toEqual([
      { field: 'endsOn', message: 'Beigu datums nevar būt pirms sākuma datuma.' },
    ]);
    const duplicate = await manager.caller.post('/api/projects', { ...base, code: 'sos-rkc-2017' });
    expect(duplicate.statusCode).toBe(409);
    const wrongManager = await manager.caller.post('/api/projects', { ...base, managerIds: [finance.id] });
    expect(json<ErrorBody>(wrongManager).error.fields?.[0]?.field).toBe('managerIds.0');
  });

  it('shows money to project and finance staff, linked projects to partner viewers, and nothing to specialists', async () => {
    expect(
      (
        await finance.caller.post('/api/projects', {
          code: 'Y',
          titleLv: 'Y',
          startsOn: '2020-01-01',
          endsOn: '2020-02-01',
        })
      ).statusCode,
    ).toBe(403);
    expect((await manager.caller.put(`/api/projects/${rkc.id}/budget`, {})).statusCode).toBe(403);
    const viewers = json<{ viewers: { id: string }[] }>(
      await manager.caller.get('/api/projects/partner-viewers'),
    );
    expect(viewers.viewers.map((v) => v.id)).toEqual([partner.id]);
    expect(json<ProjectView>(await manager.caller.get(`/api/projects/${eea.id}`)).viewerIds).toEqual([
      partner.id,
    ]);
    expect((await partner.caller.get('/api/projects/partner-viewers')).statusCode).toBe(403);
    const seen = json<{ projects: { code: string }[] }>(await partner.caller.get('/api/projects'));
    expect(seen.projects.map((p) => p.code)).toEqual(['2012.EEZ/PP/1/MAC/150/008']);
    expect((await partner.caller.get(`/api/projects/${rkc.id}`)).statusCode).toBe(404);
    expect((await partner.caller.get(`/api/projects/${eea.id}/expenditures`)).statusCode).toBe(403);
    const specialist = await t().user({ roles: [{ role: 'specialist', centreId: bauska }] });
    expect((await specialist.caller.get('/api/projects')).statusCode).toBe(403);
    expect((await specialist.caller.get('/api/programmes')).statusCode).toBe(200);
    expect((await specialist.caller.post('/api/programmes', { nameLv: 'Xx', nameEn: 'Xx' })).statusCode).toBe(
      403,
    );
  });
});
