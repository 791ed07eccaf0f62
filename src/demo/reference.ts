import { count, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/connection';
import { activityTypes, institutions } from '../modules/activities/tables';
import { centres } from '../modules/centres/tables';
import { contractCases, contracts } from '../modules/contracts/tables';
import { persons } from '../modules/families/tables';
import { mentoringMatches, mentoringMeetings } from '../modules/mentoring/tables';
import { ensureOrganisation } from '../modules/organisation/ensure-organisation';
import { organisations } from '../modules/organisation/tables';
import { programmes } from '../modules/programmes/tables';
import { saveBudget } from '../modules/projects/save-budget';
import { saveProject } from '../modules/projects/save-project';
import { budgetLines, expenditures, fundingSources } from '../modules/projects/tables';
import { createUser } from '../modules/users/create-user';
import { roleGrants } from '../modules/users/tables';
import { volunteerChecks, volunteerHours, volunteers } from '../modules/volunteers/tables';
import type { Actor, ActorCtx } from '../platform/context';
import type { Role, Specialty } from '../shared/access';
import { budgetInput, projectInput } from '../shared/contracts/projects';
import { addDays, yearEndingFrom } from '../shared/dates';
import { type BuiltFamily, DemoWriter, dayBetween, type MemberSpec, seededRandom } from './builder';

/**
 * The reference dataset: fictional people and raw records from which the ordinary reports
 * reproduce every figure of DOMAIN.md's reference tables (the Bauska–Valmiera project
 * 2012.EEZ/PP/1/MAC/150/008 and the Riga project SOS-RKC-2017). Built in code from a fixed
 * seed, so it is the same every time. Nothing here writes a figure: every number comes from
 * families, members, activities and attendance, and from budgets.
 *
 * Records that must *not* count are included on purpose: cancelled activities, absent
 * families, an activity outside the project period, one not attributed to the project,
 * adult children, a baby born after the family was first reached, a child who turns 18
 * during the project, a kindergarten registered for a training nobody from it attended.
 */

export const referenceOrganisationName = 'SOS Bērnu ciematu asociācija (demonstrācijas dati)';
/** Every demo user's password (documented in the README; demo data only). */
export const demoPassword = 'demo-atbalsts-2026';
export const referenceProjectCode = '2012.EEZ/PP/1/MAC/150/008';
export const rigaProjectCode = 'SOS-RKC-2017';

export class DemoRefusedError extends Error {}

const builtInTypeCodes = [
  'consultation',
  'home_visit',
  'support_group_session',
  'camp',
  'training',
  'mentoring_meeting',
  'family_group_conference',
  'closing_event',
] as const;

export interface ReferenceSummary {
  organisationId: string;
  users: string[];
  families: number;
  people: number;
}

export async function loadReferenceDataset(database: Database, now: Date): Promise<ReferenceSummary> {
  return database.unsafeDb.transaction(async (tx) => {
    const [holding] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(
        sql`exists (select 1 from centres c where c.organisation_id = organisations.id)
            or exists (select 1 from persons p where p.organisation_id = organisations.id)
            or exists (select 1 from projects p where p.organisation_id = organisations.id)`,
      );
    if (holding)
      throw new DemoRefusedError(
        holding.name === referenceOrganisationName
          ? 'The reference dataset is already loaded in this database.'
          : `This database already holds the data of "${holding.name}"; load the reference dataset into an empty database (another DATA_DIR or PostgreSQL database).`,
      );
    const organisationId = await ensureOrganisation(tx, referenceOrganisationName, now);
    await tx
      .update(organisations)
      .set({ name: referenceOrganisationName })
      .where(eq(organisations.id, organisationId));
    const random = seededRandom(20131101);
    const w = new DemoWriter(tx, organisationId, now, random);
    const system = { actor: null, tx, ip: null, language: 'lv' as const, now };

    // Centres and people who work there.
    const centre = async (name: string, municipality: string) => {
      const id = w.id();
      await tx.insert(centres).values({
        id,
        organisationId,
        name,
        municipality,
        address: '',
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      return id;
    };
    const bauska = await centre('Bauska', 'Bauskas novads');
    const valmiera = await centre('Valmiera', 'Valmieras novads');
    const riga = await centre('Rīga', 'Rīga');
    const emails: string[] = [];
    const user = async (
      email: string,
      givenName: string,
      familyName: string,
      grants: { role: Role; centreId: string | null }[],
      specialty: Specialty | null = null,
    ) => {
      const { user: created } = await createUser(
        system,
        { email, givenName, familyName, specialty, language: 'lv', organisationId },
        demoPassword,
      );
      await tx.insert(roleGrants).values(
        grants.map((g) => ({
          id: w.id(),
          organisationId,
          userId: created.id,
          role: g.role,
          centreId: g.centreId,
          createdAt: now,
        })),
      );
      emails.push(email);
      return created.id;
    };
    await user('admin@demo.atbalsts.lv', 'Irēna', 'Administratore', [
      { role: 'administrator', centreId: null },
    ]);
    const projectManager = await user('projekti@demo.atbalsts.lv', 'Rūta', 'Projektu', [
      { role: 'project_manager', centreId: null },
    ]);
    await user('finanses@demo.atbalsts.lv', 'Gunta', 'Finanšu', [
      { role: 'finance_officer', centreId: null },
    ]);
    await user('bauska.vaditaja@demo.atbalsts.lv', 'Anda', 'Vadītāja', [
      { role: 'centre_manager', centreId: bauska },
    ]);
    const bauskaStaff = [
      await user(
        'liene@demo.atbalsts.lv',
        'Liene',
        'Sociālā',
        [{ role: 'specialist', centreId: bauska }],
        'social_worker',
      ),
      await user(
        'maris@demo.atbalsts.lv',
        'Māris',
        'Psihologs',
        [{ role: 'specialist', centreId: bauska }],
        'psychologist',
      ),
    ];
    const mentoringCoordinator = await user('mentori@demo.atbalsts.lv', 'Ilze', 'Mentoru', [
      { role: 'mentoring_coordinator', centreId: bauska },
    ]);
    await user('valmiera.vaditaja@demo.atbalsts.lv', 'Dace', 'Vadītāja', [
      { role: 'centre_manager', centreId: valmiera },
    ]);
    const valmieraStaff = [
      await user(
        'kristine@demo.atbalsts.lv',
        'Kristīne',
        'Sociālā',
        [{ role: 'specialist', centreId: valmiera }],
        'social_worker',
      ),
      await user(
        'edgars@demo.atbalsts.lv',
        'Edgars',
        'Asistents',
        [{ role: 'specialist', centreId: valmiera }],
        'family_assistant',
      ),
    ];
    await user('riga.vaditaja@demo.atbalsts.lv', 'Sandra', 'Vadītāja', [
      { role: 'centre_manager', centreId: riga },
    ]);
    const rigaStaff = [
      await user(
        'evija@demo.atbalsts.lv',
        'Evija',
        'Sociālā',
        [{ role: 'specialist', centreId: riga }],
        'social_worker',
      ),
      await user(
        'agnese@demo.atbalsts.lv',
        'Agnese',
        'Psiholoģe',
        [{ role: 'specialist', centreId: riga }],
        'psychologist',
      ),
      await user(
        'zane@demo.atbalsts.lv',
        'Zane',
        'Asistente',
        [{ role: 'specialist', centreId: riga }],
        'family_assistant',
      ),
    ];

    const typeRows = await tx.select().from(activityTypes);
    const type = Object.fromEntries(
      builtInTypeCodes.map((code) => [code, typeRows.find((t) => t.code === code)!.id]),
    ) as Record<(typeof builtInTypeCodes)[number], string>;

    // Programmes of the Riga resource centre (the seed names four of its five directions).
    const programme = async (nameLv: string, nameEn: string) => {
      const id = w.id();
      await tx.insert(programmes).values({
        id,
        organisationId,
        nameLv,
        nameEn,
        descriptionLv: '',
        descriptionEn: '',
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      return id;
    };
    const newborn = await programme('Piedzimstot bērniņam', 'When a baby is born');
    const kindergarten = await programme(
      'Bērniem drošs un draudzīgs bērnudārzs',
      'A safe and friendly kindergarten',
    );
    const overHills = await programme('Kalniem pāri', 'Over the hills');
    const partner = await programme('Pārinieks', 'Pārinieks (couples)');

    const institution = async (
      typeName: 'kindergarten' | 'maternity_hospital' | 'hospital' | 'social_service',
      name: string,
    ) => {
      const id = w.id();
      await tx.insert(institutions).values({
        id,
        organisationId,
        type: typeName,
        name,
        address: '',
        contactPerson: '',
        contactPhone: '',
        contactEmail: '',
        createdAt: now,
        updatedAt: now,
      });
      return id;
    };
    await institution('maternity_hospital', 'Rīgas Dzemdību nams');
    await institution('hospital', 'Paula Stradiņa Klīniskā universitātes slimnīca');
    const bauskaSocial = await institution('social_service', 'Bauskas novada Sociālais dienests');
    const kindergartens: string[] = [];
    for (let i = 1; i <= 34; i++)
      kindergartens.push(
        await institution('kindergarten', `Rīgas pirmsskolas izglītības iestāde Nr. ${100 + i}`),
      );

    // Projects, entered as a project manager would (validated by the same use cases).
    const actor: Actor = {
      userId: projectManager,
      organisationId,
      sessionId: 'demo',
      email: 'projekti@demo.atbalsts.lv',
      givenName: 'Rūta',
      familyName: 'Projektu',
      specialty: null,
      language: 'lv',
      mustChangePassword: false,
      roles: [
        { role: 'project_manager', centreId: null },
        { role: 'finance_officer', centreId: null },
      ],
    };
    const ctx: ActorCtx = { ...system, actor };
    const eea = await saveProject(
      ctx,
      null,
      projectInput.parse({
        code: referenceProjectCode,
        titleLv:
          'Atbalsta pasākumu attīstība sociālās atstumtības riskam pakļauto ģimeņu ar bērniem iekļaušanai sabiedrībā',
        titleEn:
          'The development of supporting measures to include families with children who are at risk of social exclusion',
        startsOn: '2013-11-01',
        endsOn: '2015-07-31',
        status: 'completed',
        places: ['Bauskas novads', 'Valmiera'],
        centreIds: [bauska, valmiera],
        managerIds: [projectManager],
        funders: [
          {
            name: 'EEZ finanšu instruments',
            fundingProgramme: 'NVO fonds (apakšprogramma)',
            donorCountries: ['Islande', 'Lihtenšteina', 'Norvēģija'],
          },
        ],
        partners: [
          { name: 'SOS Children’s Villages Norway', role: 'partneris' },
          { name: 'Bauskas novada Sociālais dienests', role: 'partneris' },
        ],
        targets: [
          { indicatorKey: 'families_reached', label: 'ģimenes', plannedValue: 116 },
          { indicatorKey: 'children_in_families_reached', label: 'bērni šajās ģimenēs', plannedValue: 250 },
        ],
      }),
    );
    const rigaProject = await saveProject(
      ctx,
      null,
      projectInput.parse({
        code: rigaProjectCode,
        titleLv: 'SOS Resursu un kompetences centra prakse uz bērnu vērstas pieejas ieviešana Latvijā',
        titleEn: 'The SOS resource and competence centre: practice of a child-centred approach in Latvia',
        startsOn: '2017-01-01',
        endsOn: '2019-12-31',
        status: 'active',
        places: ['Rīga'],
        centreIds: [riga],
        programmeIds: [newborn, kindergarten, overHills, partner],
        managerIds: [projectManager],
        funders: [{ name: 'Rīgas dome', fundingProgramme: 'līdzfinansējums trim virzieniem' }],
      }),
    );
    for (const [code, titleLv, startsOn, endsOn] of [
      [
        'RIGA-2008',
        'Ģimeņu stiprināšana un atbalsts Rīgas Ziemeļu rajonā un Latgales priekšpilsētā',
        '2008-01-01',
        '2013-12-31',
      ],
      ['RIGA-2014', 'Rīgas ģimeņu atbalsta programma', '2014-01-01', '2016-12-31'],
    ] as const)
      await saveProject(
        ctx,
        null,
        projectInput.parse({
          code,
          titleLv,
          startsOn,
          endsOn,
          status: 'closed',
          places: ['Rīga'],
          centreIds: [riga],
        }),
      );

    // Money. EEA project: grant + own funds + volunteer work (hours × rate) = 112 000 €, 10 % co-financing.
    await saveBudget(
      ctx,
      eea,
      budgetInput.parse({
        cofinancingRequiredShare: 0.1,
        cofinancingCountsInKind: true,
        volunteerHourlyRateCents: 400,
        lines: [
          { category: 'Personāla izmaksas', plannedCents: 7_000_000 },
          { category: 'Nometnes un pasākumi', plannedCents: 1_500_000 },
          { category: 'Apmācības', plannedCents: 900_000 },
          { category: 'Mentoru programma (brīvprātīgo darbs)', plannedCents: 600_000 },
          { category: 'Administrācija', plannedCents: 1_200_000 },
        ],
        sources: [
          { type: 'grant', name: 'EEZ finanšu instrumenta NVO fonds', amountCents: 10_080_000 },
          { type: 'own_funds', name: 'Biedrības līdzfinansējums', amountCents: 640_000 },
        ],
      }),
    );
    // Riga: the published total disagrees with its parts by 20 € (434 160 + 464 360 = 898 520).
    await saveBudget(
      ctx,
      rigaProject,
      budgetInput.parse({
        declaredTotalCents: 89_850_000,
        lines: [
          { category: 'Personāla izmaksas', plannedCents: 62_000_000 },
          { category: 'Programmu īstenošana', plannedCents: 19_852_000 },
          { category: 'Administrācija', plannedCents: 8_000_000 },
        ],
        sources: [
          { type: 'municipal', name: 'Rīgas domes līdzfinansējums', amountCents: 43_416_000 },
          { type: 'own_funds', name: 'Biedrības līdzekļi', amountCents: 46_436_000 },
        ],
      }),
    );
    await spendQuarterly(tx, w, eea, '2013-11-01', '2015-07-31', 0.96);
    await spendQuarterly(tx, w, rigaProject, '2017-01-01', '2018-12-31', 0.62);

    // ---- Bauska and Valmiera, November 2013 – July 2015 ----
    const projectIds = [eea];
    const eeaFamilies: BuiltFamily[] = [];
    const bauskaFamilies: BuiltFamily[] = [];
    const valmieraFamilies: BuiltFamily[] = [];
    // 129 families: 80 in Bauska, 49 in Valmiera; 271 children under 18 when first reached.
    const childCounts = Array.from({ length: 129 }, (_, i) => (i < 20 ? 1 : i < 40 ? 3 : 2));
    for (let i = 0; i < 13; i++) childCounts[40 + i * 6]! += 1; // 20·1 + 20·3 + 89·2 + 13 = 271
    for (let i = 0; i < 129; i++) {
      const inBauska = i % 8 < 5 && bauskaFamilies.length < 80;
      const centreId = inBauska || valmieraFamilies.length >= 49 ? bauska : valmiera;
      const staff = centreId === bauska ? bauskaStaff : valmieraStaff;
      const firstOn = dayBetween(random, '2013-11-05', '2014-12-20');
      const specs: MemberSpec[] = [
        { relation: 'mother', sex: 'female', birthDate: dayBetween(random, '1972-01-01', '1993-12-31') },
      ];
      if (random.next() < 0.6)
        specs.push({
          relation: 'father',
          sex: 'male',
          birthDate: dayBetween(random, '1968-01-01', '1991-12-31'),
        });
      // Family 0's last child is the son who turns 18 during the project (added below).
      for (let c = 0; c < childCounts[i]! - (i === 0 ? 1 : 0); c++)
        specs.push({
          relation: 'child',
          sex: random.next() < 0.5 ? 'female' : 'male',
          birthDate: dayBetween(
            random,
            '1998-08-01',
            addDays(firstOn, -60) < '2013-09-30' ? addDays(firstOn, -60) : '2013-09-30',
          ),
        });
      // Not counted: adult children, and a baby born after the family was first reached.
      if (i % 16 === 3)
        specs.push({
          relation: 'child',
          sex: 'male',
          birthDate: dayBetween(random, '1992-01-01', '1995-06-30'),
        });
      if (i % 43 === 5) specs.push({ relation: 'child', sex: 'female', birthDate: '2015-01-15' });
      // Counted: a son who turns 18 on 01.03.2015, after his family was first reached.
      if (i === 0) specs.push({ relation: 'child', sex: 'male', birthDate: '1997-03-01' });
      const family = await w.family(centreId, staff[i % staff.length]!, addDays(firstOn, -7), specs);
      eeaFamilies.push(family);
      (centreId === bauska ? bauskaFamilies : valmieraFamilies).push(family);
      // First contact, then a few more consultations and home visits within the project.
      const visits = 1 + random.int(0, 3);
      for (let v = 0; v < visits; v++) {
        const occursOn = v === 0 ? firstOn : dayBetween(random, firstOn, '2015-06-30');
        const home = v % 2 === 1;
        await w.activity({
          typeId: home ? type.home_visit : type.consultation,
          centreId,
          caseId: family.caseId,
          occursOn,
          minutes: home ? 90 : 60,
          place: home ? 'home' : 'centre',
          projectIds,
          staffIds: [family.keyWorkerId],
          families: [{ familyId: family.familyId, attendance: 'present' }],
        });
      }
    }

    // Mentoring (Bauska, 6 months from March 2014): six young people with volunteer mentors.
    const teens = bauskaFamilies
      .flatMap((f) =>
        f.members
          .filter((m) => m.relation === 'child' && m.birthDate >= '1998-08-01' && m.birthDate <= '2002-12-31')
          .map((m) => ({ f, m })),
      )
      .slice(0, 6);
    // Each is a match run by the coordinator (src/modules/mentoring): screened mentors, the parent's consent,
    // six months from 10.03.2014, closed as planned; each monthly meeting is the match's and an activity on
    // the case. The mentors' hours were entered by hand (8 h a week), including the meetings.
    for (const [index, { f, m }] of teens.entries()) {
      const mentor = w.id();
      await tx.insert(volunteers).values({
        id: mentor,
        organisationId,
        givenName: ['Laura', 'Kārlis', 'Madara', 'Oskars', 'Elīna', 'Dāvis'][index]!,
        familyName: 'Brīvprātīgā',
        email: '',
        phone: '',
        screenedOn: '2014-02-01',
        trainedOn: '2014-02-15',
        active: false,
        // The six months of mentoring ended with the project's pilot.
        status: 'left',
        endedOn: '2014-09-30',
        endReason: 'Mentoringa pilotprojekts beidzās',
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(volunteerChecks).values(
        (['criminal_record', 'interview'] as const).map((kind, k) => ({
          id: w.id(),
          organisationId,
          volunteerId: mentor,
          kind,
          doneOn: k === 0 ? '2014-01-20' : '2014-01-27',
          result: 'passed' as const,
          expiresOn: k === 0 ? yearEndingFrom('2014-01-20') : null,
          note: '',
          recordedBy: mentoringCoordinator,
          createdAt: now,
        })),
      );
      const parent = f.members.find((p) => p.relation === 'mother' || p.relation === 'father');
      const match = w.id();
      await tx.insert(mentoringMatches).values({
        id: match,
        organisationId,
        centreId: bauska,
        caseId: f.caseId,
        menteeId: m.personId,
        volunteerId: mentor,
        projectId: eea,
        status: 'closed',
        startsOn: '2014-03-10',
        plannedMonths: 6,
        goals: 'Uzticama pieaugušā atbalsts, mācības un brīvais laiks',
        needs: '',
        consentBy: parent?.name ?? 'Aizbildnis',
        consentOn: '2014-03-03',
        startedOn: '2014-03-10',
        keyWorkerInformedOn: '2014-03-10',
        endedOn: '2014-09-09',
        endKind: 'planned',
        endReason: '',
        outcome: 'goals_met',
        outcomeNote: '',
        createdBy: mentoringCoordinator,
        createdAt: now,
      });
      for (let month = 0; month < 6; month++) {
        const occursOn = addDays('2014-03-10', month * 30 + index);
        const activityId = await w.activity({
          typeId: type.mentoring_meeting,
          centreId: bauska,
          caseId: f.caseId,
          occursOn,
          minutes: 120,
          place: 'other',
          projectIds,
          staffIds: [f.keyWorkerId],
          people: [{ personId: m.personId, attendance: 'present' }],
        });
        await tx.insert(mentoringMeetings).values({
          id: w.id(),
          organisationId,
          matchId: match,
          activityId,
          hoursId: null,
          heldOn: occursOn,
          durationMinutes: 120,
          outcome: 'held',
          what: '',
          note: '',
          recordedBy: mentoringCoordinator,
          createdAt: now,
        });
      }

      // 200 hours per mentor (25 weeks × 8 h): 1 200 hours valued at 4,00 € = 4 800 € in kind.
      await tx.insert(volunteerHours).values(
        Array.from({ length: 25 }, (_, week) => ({
          id: w.id(),
          organisationId,
          volunteerId: mentor,
          projectId: eea,
          activityId: null,
          workedOn: addDays('2014-03-10', week * 7 + index),
          hours: 8,
          description: 'Mentora darbs',
          recordedBy: projectManager,
          createdAt: now,
        })),
      );
    }

    // Valmiera: a support group for parents of children with disabilities (5 families).
    const parentsOfDisabled = valmieraFamilies
      .slice(0, 5)
      .map((f) => f.members.find((m) => m.relation === 'mother')!);
    const parentsGroup = await w.group({
      centreId: valmiera,
      name: 'Atbalsta grupa vecākiem, kuru bērniem ir invaliditāte',
      facilitatorIds: [valmieraStaff[0]!],
      members: parentsOfDisabled.map((m) => ({ personId: m.personId, joinedOn: '2014-02-01' })),
    });
    for (let s = 0; s < 10; s++)
      await w.activity({
        typeId: type.support_group_session,
        centreId: valmiera,
        groupId: parentsGroup,
        occursOn: addDays('2014-02-12', s * 28),
        minutes: 120,
        place: 'centre',
        projectIds,
        staffIds: [valmieraStaff[0]!],
        people: parentsOfDisabled.map((m, i) => ({
          personId: m.personId,
          attendance: i === s % 5 ? 'absent' : 'present',
        })),
      });

    // Bauska: two support groups for women suffering domestic violence, five women each.
    const women = bauskaFamilies.slice(10, 20).map((f) => f.members.find((m) => m.relation === 'mother')!);
    for (const [g, start] of [
      [0, '2014-03-05'],
      [1, '2015-01-14'],
    ] as const) {
      const members = women.slice(g * 5, g * 5 + 5);
      const groupId = await w.group({
        centreId: bauska,
        name: `Atbalsta grupa sievietēm, kuras cietušas no vardarbības (${g + 1}. grupa)`,
        facilitatorIds: [bauskaStaff[1]!],
        members: members.map((m) => ({ personId: m.personId, joinedOn: start })),
      });
      for (let s = 0; s < 8; s++)
        await w.activity({
          typeId: type.support_group_session,
          centreId: bauska,
          groupId,
          occursOn: addDays(start, s * 14),
          minutes: 90,
          place: 'centre',
          projectIds,
          staffIds: [bauskaStaff[1]!],
          // One session was cancelled (snow); marks on it do not count.
          status: g === 0 && s === 3 ? 'cancelled' : 'held',
          people: members.map((m, i) => ({
            personId: m.personId,
            attendance: (i + s) % 4 === 0 ? 'absent' : 'present',
          })),
        });
    }

    // Family Group Conferences after a three-day training of the specialists.
    await w.activity({
      typeId: type.training,
      centreId: bauska,
      occursOn: '2014-01-20',
      endsOn: '2014-01-22',
      minutes: 420,
      place: 'centre',
      projectIds,
      forOwnStaff: true,
      staffIds: [...bauskaStaff, ...valmieraStaff],
    });
    for (const f of [...bauskaFamilies.slice(30, 34), ...valmieraFamilies.slice(10, 12)])
      await w.activity({
        typeId: type.family_group_conference,
        centreId: f.centreId,
        caseId: f.caseId,
        occursOn: dayBetween(random, '2014-03-01', '2014-10-31'),
        minutes: 240,
        place: 'centre',
        projectIds,
        staffIds: [f.keyWorkerId],
        families: [{ familyId: f.familyId, attendance: 'present' }],
      });

    // Three family camps: one in Valmiera, two in Bauska.
    for (const [centreId, staffIds, startsOn, location, campers] of [
      [valmiera, valmieraStaff, '2014-07-14', 'Rubene', valmieraFamilies.slice(20, 26)],
      [bauska, bauskaStaff, '2014-08-04', 'Mežotne', bauskaFamilies.slice(40, 48)],
      [bauska, bauskaStaff, '2015-06-15', 'Rundāle', bauskaFamilies.slice(48, 56)],
    ] as const) {
      const endsOn = addDays(startsOn, 2);
      const people = campers.flatMap((f) =>
        f.members
          .filter(
            (m) =>
              m.relation === 'mother' ||
              (m.relation === 'child' && m.birthDate > addDays(startsOn, -18 * 365)),
          )
          .map((m) => ({ personId: m.personId, attendance: 'present' as const, viaFamilyId: f.familyId })),
      );
      const campId = await w.activity({
        typeId: type.camp,
        centreId,
        occursOn: startsOn,
        endsOn,
        minutes: 360,
        place: 'camp_site',
        location,
        capacity: 40,
        projectIds,
        staffIds: [...staffIds],
        people,
      });
      await w.days(
        campId,
        [startsOn, addDays(startsOn, 1), endsOn],
        people.map((p) => p.personId),
        (day, personId) => day === endsOn && personId === people[0]!.personId,
      );
    }

    // The closing event, 21 July 2015, at the Bauska County Social Service.
    await w.activity({
      typeId: type.closing_event,
      centreId: bauska,
      occursOn: '2015-07-21',
      minutes: 180,
      place: 'institution',
      location: 'Bauskas novada Sociālais dienests',
      projectIds,
      staffIds: [...bauskaStaff, ...valmieraStaff],
      families: bauskaFamilies
        .slice(0, 12)
        .map((f) => ({ familyId: f.familyId, attendance: 'present' as const })),
      institutions: [{ institutionId: bauskaSocial, staffAttended: 6 }],
    });

    // Records that must not count towards the project's families.
    const neverCame = await w.family(bauska, bauskaStaff[0]!, '2014-04-20', [
      { relation: 'mother', sex: 'female', birthDate: '1985-05-05' },
      { relation: 'child', sex: 'male', birthDate: '2010-10-10' },
    ]);
    await w.activity({
      typeId: type.consultation,
      centreId: bauska,
      caseId: neverCame.caseId,
      occursOn: '2014-05-05',
      minutes: 60,
      place: 'centre',
      projectIds,
      staffIds: [bauskaStaff[0]!],
      status: 'cancelled',
      families: [{ familyId: neverCame.familyId, attendance: 'present' }],
    });
    await w.activity({
      typeId: type.home_visit,
      centreId: bauska,
      caseId: neverCame.caseId,
      occursOn: '2014-06-06',
      minutes: 60,
      place: 'home',
      projectIds,
      staffIds: [bauskaStaff[0]!],
      families: [{ familyId: neverCame.familyId, attendance: 'absent' }],
    });
    const otherWork = await w.family(valmiera, valmieraStaff[0]!, '2014-09-01', [
      { relation: 'mother', sex: 'female', birthDate: '1990-03-03' },
      { relation: 'child', sex: 'female', birthDate: '2012-12-12' },
    ]);
    await w.activity({
      typeId: type.consultation,
      centreId: valmiera,
      caseId: otherWork.caseId,
      occursOn: '2014-09-09',
      minutes: 60,
      place: 'centre',
      staffIds: [valmieraStaff[0]!],
      families: [{ familyId: otherWork.familyId, attendance: 'present' }],
    });
    await w.activity({
      typeId: type.consultation,
      centreId: bauska,
      caseId: eeaFamilies[0]!.caseId,
      occursOn: '2015-09-15',
      minutes: 60,
      place: 'centre',
      projectIds,
      staffIds: [eeaFamilies[0]!.keyWorkerId],
      families: [{ familyId: eeaFamilies[0]!.familyId, attendance: 'present' }],
    });

    // ---- Riga, 2017 and 2018 ----
    const rigaIds = [rigaProject];
    const rigaStaffFor = (i: number) => rigaStaff[i % rigaStaff.length]!;
    // "Piedzimstot bērniņam": new mothers helped (89 in 2017, 164 in 2018), met at the maternity hospital.
    const mothers2018: { family: BuiltFamily; metOn: string }[] = [];
    for (const [year, howMany] of [
      [2017, 89],
      [2018, 164],
    ] as const) {
      for (let i = 0; i < howMany; i++) {
        const met = dayBetween(random, `${year}-01-05`, `${year}-12-10`);
        const family = await w.family(riga, rigaStaffFor(i), met, [
          { relation: 'mother', sex: 'female', birthDate: dayBetween(random, '1980-01-01', '1998-06-30') },
          {
            relation: 'child',
            sex: random.next() < 0.5 ? 'female' : 'male',
            birthDate: addDays(met, -random.int(1, 20)),
          },
        ]);
        if (year === 2018) mothers2018.push({ family, metOn: met });
        const mother = family.members[0]!;
        for (let v = 0; v < 1 + (i % 3); v++)
          await w.activity({
            typeId: v === 0 ? type.consultation : type.home_visit,
            centreId: riga,
            caseId: family.caseId,
            occursOn: v === 0 ? met : dayBetween(random, met, `${year}-12-28`),
            minutes: 60,
            place: v === 0 ? 'institution' : 'home',
            programmeId: newborn,
            projectIds: rigaIds,
            staffIds: [family.keyWorkerId],
            people: [{ personId: mother.personId, attendance: 'present' }],
          });
        if (v0Noise(i)) {
          // A follow-up visit cancelled at the family's request: not counted.
          await w.activity({
            typeId: type.home_visit,
            centreId: riga,
            caseId: family.caseId,
            occursOn: addDays(met, 3),
            minutes: 60,
            place: 'home',
            programmeId: newborn,
            projectIds: rigaIds,
            staffIds: [family.keyWorkerId],
            status: 'cancelled',
            people: [{ personId: mother.personId, attendance: 'present' }],
          });
        }
      }
    }
    const inGroup = new Set<string>();
    // Eight support groups of young mothers in 2018, five members each, from the mothers above.
    for (let g = 0; g < 8; g++) {
      // Mothers the centre already knew when the group started, none in two groups.
      const start = addDays('2018-02-07', g * 35);
      const members = mothers2018
        .filter((m) => m.metOn < start && !inGroup.has(m.family.familyId))
        .slice(0, 5)
        .map((m) => {
          inGroup.add(m.family.familyId);
          return m.family.members[0]!;
        });
      const groupId = await w.group({
        centreId: riga,
        programmeId: newborn,
        name: `Jauno māmiņu atbalsta grupa ${g + 1}`,
        facilitatorIds: [rigaStaff[1]!],
        members: members.map((m) => ({ personId: m.personId, joinedOn: start })),
      });
      for (let s = 0; s < 4; s++)
        await w.activity({
          typeId: type.support_group_session,
          centreId: riga,
          groupId,
          occursOn: addDays(start, s * 7),
          minutes: 90,
          place: 'centre',
          programmeId: newborn,
          projectIds: rigaIds,
          staffIds: [rigaStaff[1]!],
          people: members.map((m, i) => ({
            personId: m.personId,
            attendance: i === s ? 'excused' : 'present',
          })),
        });
    }
    // "Bērniem drošs un draudzīgs bērnudārzs": trainings for the staff of 33 Riga kindergartens in 2018.
    for (let t = 0; t < 11; t++)
      await w.activity({
        typeId: type.training,
        centreId: riga,
        occursOn: addDays('2018-01-17', t * 30),
        minutes: 240,
        place: 'institution',
        programmeId: kindergarten,
        projectIds: rigaIds,
        staffIds: [rigaStaff[1]!],
        institutions: [
          ...kindergartens
            .slice(t * 3, t * 3 + 3)
            .map((institutionId, i) => ({ institutionId, staffAttended: 4 + ((t + i) % 9) })),
          // Registered, but nobody from it came: not counted.
          ...(t === 10 ? [{ institutionId: kindergartens[33]!, staffAttended: 0 }] : []),
        ],
      });
    // "Kalniem pāri": 56 families supported in 2018.
    const contractFamilies: BuiltFamily[] = [];
    const familyWork = async (programmeId: string, year: number, family: BuiltFamily, index: number) => {
      for (let v = 0; v < 2 + (index % 3); v++)
        await w.activity({
          typeId: v % 2 ? type.home_visit : type.consultation,
          centreId: riga,
          caseId: family.caseId,
          occursOn: dayBetween(random, `${year}-01-10`, `${year}-12-15`),
          minutes: 90,
          place: v % 2 ? 'home' : 'centre',
          programmeId,
          projectIds: rigaIds,
          staffIds: [family.keyWorkerId],
          families: [{ familyId: family.familyId, attendance: 'present' }],
        });
    };
    const rigaFamily = (i: number, referralDate: string) =>
      w.family(riga, rigaStaffFor(i), referralDate, [
        { relation: 'mother', sex: 'female', birthDate: dayBetween(random, '1978-01-01', '1995-12-31') },
        { relation: 'father', sex: 'male', birthDate: dayBetween(random, '1975-01-01', '1994-12-31') },
        { relation: 'child', sex: 'male', birthDate: dayBetween(random, '2003-01-01', '2016-12-31') },
        { relation: 'child', sex: 'female', birthDate: dayBetween(random, '2003-01-01', '2016-12-31') },
      ]);
    for (let i = 0; i < 56; i++) {
      const family = await rigaFamily(i, '2018-01-03');
      contractFamilies.push(family);
      await familyWork(overHills, 2018, family, i);
    }
    // "Pārinieks": 27 families in 2017, 40 in 2018 (15 of them continuing from 2017).
    const partner2017: BuiltFamily[] = [];
    for (let i = 0; i < 27; i++) {
      const family = await rigaFamily(i, '2017-01-04');
      partner2017.push(family);
      await familyWork(partner, 2017, family, i);
    }
    const partner2018 = partner2017.slice(0, 15);
    for (let i = 0; i < 25; i++) partner2018.push(await rigaFamily(i, '2018-01-04'));
    for (const [i, family] of partner2018.entries()) {
      await familyWork(partner, 2018, family, i);
      contractFamilies.push(family);
    }

    // The delegation contract with the Riga Social Service: 100 at-risk families from 2014.
    const contractId = w.id();
    await tx.insert(contracts).values({
      id: contractId,
      organisationId,
      counterparty: 'Rīgas Sociālais dienests',
      number: 'RSD-2014-DL-01',
      kind: 'delegation',
      startsOn: '2014-01-01',
      endsOn: null,
      service: 'Sociālais darbs ar sociālā riska ģimenēm',
      quotaFamilies: 100,
      budgetProgramme: 'Sociālie pakalpojumi dzīvesvietā Rīgas pilsētas iedzīvotājiem',
      projectId: rigaProject,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(contractCases).values(contractFamilies.map((f) => ({ contractId, caseId: f.caseId })));

    const [people] = await tx
      .select({ n: count() })
      .from(persons)
      .where(eq(persons.organisationId, organisationId));
    return { organisationId, users: emails, families: w.familiesBuilt.length, people: people!.n };
  });
}

/** Every seventh new mother had a visit cancelled. */
const v0Noise = (i: number) => i % 7 === 3;

/** Spending recorded quarterly: a share of each line, spread evenly over the quarters, from its first source. */
async function spendQuarterly(
  tx: Db,
  w: DemoWriter,
  projectId: string,
  from: string,
  to: string,
  share: number,
) {
  const lines = await tx.select().from(budgetLines).where(eq(budgetLines.projectId, projectId));
  const [source] = await tx.select().from(fundingSources).where(eq(fundingSources.projectId, projectId));
  const quarters: string[] = [];
  for (let d = addDays(from, 45); d <= to; d = addDays(d, 91)) quarters.push(d);
  for (const line of lines) {
    const each = Math.floor((line.plannedCents * share) / quarters.length);
    await tx.insert(expenditures).values(
      quarters.map((spentOn) => ({
        id: w.id(),
        organisationId: w.organisationId,
        projectId,
        budgetLineId: line.id,
        fundingSourceId: source?.id ?? null,
        spentOn,
        amountCents: each,
        description: line.category,
        recordedBy: null,
        createdAt: w.now,
      })),
    );
  }
}
