import type { Db } from '../db/connection';
import {
  activities,
  activityDayAttendance,
  activityInstitutions,
  activityParticipants,
  activityProjects,
  activityStaff,
  groupFacilitators,
  groupMembers,
  supportGroups,
} from '../modules/activities/tables';
import { caseStatusChanges, cases, caseTeam } from '../modules/cases/tables';
import { families, familyMembers, persons } from '../modules/families/tables';
import type { Attendance, Place } from '../shared/activities';
import { addDays } from '../shared/dates';
import { familyNameFromSurname, foldForSearch, personSortKey } from '../shared/names';
import type { Relation, Sex } from '../shared/registry';

/** A small deterministic generator (mulberry32): the same seed gives the same dataset. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** A version-4 UUID made from the generator: ids are reproducible too. */
    uuid: () => {
      const bytes = Array.from({ length: 16 }, () => Math.floor(next() * 256));
      bytes[6] = (bytes[6]! & 0x0f) | 0x40;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** A random day from `from` to `to` inclusive. */
export const dayBetween = (random: Random, from: string, to: string) => {
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return addDays(from, random.int(0, span));
};

// Fictional people: common Latvian names, masculine and feminine family-name forms.
const familyNames: [string, string][] = [
  ['Bērziņš', 'Bērziņa'],
  ['Kalniņš', 'Kalniņa'],
  ['Ozols', 'Ozola'],
  ['Jansons', 'Jansone'],
  ['Liepiņš', 'Liepiņa'],
  ['Krūmiņš', 'Krūmiņa'],
  ['Balodis', 'Balode'],
  ['Zariņš', 'Zariņa'],
  ['Kļaviņš', 'Kļaviņa'],
  ['Vītols', 'Vītola'],
  ['Pētersons', 'Pētersone'],
  ['Eglītis', 'Eglīte'],
  ['Siliņš', 'Siliņa'],
  ['Ābele', 'Ābele'],
  ['Lācis', 'Lāce'],
  ['Strautiņš', 'Strautiņa'],
  ['Gailis', 'Gaile'],
  ['Zvirbulis', 'Zvirbule'],
  ['Sproģis', 'Sproģe'],
  ['Čakstiņš', 'Čakstiņa'],
];
const womensNames = [
  'Anna',
  'Ilze',
  'Inese',
  'Līga',
  'Dace',
  'Kristīne',
  'Laura',
  'Sanita',
  'Evija',
  'Agnese',
  'Zane',
  'Ieva',
  'Marta',
  'Elīna',
  'Madara',
  'Sandra',
];
const mensNames = [
  'Jānis',
  'Andris',
  'Mārtiņš',
  'Roberts',
  'Edgars',
  'Kristaps',
  'Pēteris',
  'Artūrs',
  'Raitis',
  'Gints',
  'Toms',
  'Ģirts',
  'Kārlis',
  'Emīls',
  'Oskars',
  'Dāvis',
];

export interface MemberSpec {
  relation: Relation;
  sex: Sex;
  birthDate: string;
  /** Defaults to the birth date or 01.01.2012, whichever is later. */
  joinedOn?: string;
  disability?: boolean;
}

export interface BuiltFamily {
  familyId: string;
  caseId: string;
  centreId: string;
  keyWorkerId: string;
  members: { personId: string; relation: Relation; sex: Sex; birthDate: string; name: string }[];
}

/** Writes rows for the demo: people, families and cases, activities with attendance, groups. */
export class DemoWriter {
  readonly familiesBuilt: BuiltFamily[] = [];

  constructor(
    readonly tx: Db,
    readonly organisationId: string,
    readonly now: Date,
    readonly random: Random,
  ) {}

  id(): string {
    return this.random.uuid();
  }

  /** A family of fictional people with an active case at the centre, its key worker on the team. */
  async family(
    centreId: string,
    keyWorkerId: string,
    referralDate: string,
    specs: MemberSpec[],
  ): Promise<BuiltFamily> {
    const [masculine, feminine] = this.random.pick(familyNames);
    const familyId = this.id();
    const caseId = this.id();
    const used = new Set<string>();
    const members: BuiltFamily['members'] = [];
    const personRows: (typeof persons.$inferInsert)[] = [];
    const memberRows: (typeof familyMembers.$inferInsert)[] = [];
    for (const spec of specs) {
      const names = spec.sex === 'female' ? womensNames : mensNames;
      let given = this.random.pick(names);
      while (used.has(given)) given = this.random.pick(names);
      used.add(given);
      const familyName = spec.sex === 'female' ? feminine : masculine;
      const personId = this.id();
      personRows.push({
        id: personId,
        organisationId: this.organisationId,
        givenName: given,
        familyName,
        birthDate: spec.birthDate,
        birthYear: Number(spec.birthDate.slice(0, 4)),
        sex: spec.sex,
        personalCode: null,
        phone: '',
        email: '',
        municipality: '',
        town: '',
        street: '',
        preferredLanguage: 'lv',
        disability: spec.disability ?? false,
        disabilityNote: '',
        notes: '',
        searchName: foldForSearch(`${given} ${familyName} ${given}`),
        sortKey: personSortKey(familyName, given),
        mergedInto: null,
        createdAt: this.now,
        updatedAt: this.now,
      });
      memberRows.push({
        id: this.id(),
        organisationId: this.organisationId,
        familyId,
        personId,
        relation: spec.relation,
        joinedOn: spec.joinedOn ?? (spec.birthDate > '2012-01-01' ? spec.birthDate : '2012-01-01'),
        leftOn: null,
      });
      members.push({
        personId,
        relation: spec.relation,
        sex: spec.sex,
        birthDate: spec.birthDate,
        name: `${given} ${familyName}`,
      });
    }
    await this.tx.insert(persons).values(personRows);
    await this.tx.insert(families).values({
      id: familyId,
      organisationId: this.organisationId,
      name: familyNameFromSurname(feminine),
      createdAt: this.now,
      updatedAt: this.now,
    });
    await this.tx.insert(familyMembers).values(memberRows);
    await this.tx.insert(cases).values({
      id: caseId,
      organisationId: this.organisationId,
      familyId,
      centreId,
      keyWorkerId,
      status: 'active',
      openedOn: referralDate,
      outcomeNote: '',
      restricted: false,
      legalBasis: 'consent',
      referralDate,
      referralSource: 'social_service',
      referralInstitution: '',
      referralContact: '',
      referralReasons: [],
      createdAt: this.now,
      updatedAt: this.now,
    });
    await this.tx.insert(caseStatusChanges).values({
      id: this.id(),
      organisationId: this.organisationId,
      caseId,
      fromStatus: null,
      toStatus: 'active',
      changedOn: referralDate,
      changedAt: this.now,
      changedBy: keyWorkerId,
      note: '',
    });
    await this.tx
      .insert(caseTeam)
      .values({ caseId, userId: keyWorkerId, organisationId: this.organisationId, addedAt: this.now });
    const built = { familyId, caseId, centreId, keyWorkerId, members };
    this.familiesBuilt.push(built);
    return built;
  }

  /** An activity with its projects, staff and participants; held unless said otherwise. */
  async activity(a: {
    typeId: string;
    centreId: string;
    occursOn: string;
    endsOn?: string;
    minutes: number;
    place: Place;
    location?: string;
    caseId?: string;
    programmeId?: string | null;
    projectIds?: string[];
    groupId?: string;
    staffIds: string[];
    forOwnStaff?: boolean;
    status?: 'held' | 'cancelled' | 'planned';
    capacity?: number;
    families?: { familyId: string; attendance: Attendance }[];
    people?: { personId: string; attendance: Attendance; viaFamilyId?: string }[];
    institutions?: { institutionId: string; staffAttended: number }[];
  }): Promise<string> {
    const id = this.id();
    await this.tx.insert(activities).values({
      id,
      organisationId: this.organisationId,
      typeId: a.typeId,
      centreId: a.centreId,
      programmeId: a.programmeId ?? null,
      caseId: a.caseId ?? null,
      occursOn: a.occursOn,
      endsOn: a.endsOn ?? null,
      startsAt: null,
      durationMinutes: a.minutes,
      place: a.place,
      location: a.location ?? '',
      capacity: a.capacity ?? null,
      status: a.status ?? 'held',
      notes: '',
      notesConfidential: false,
      notesAuthorId: null,
      followUpOn: null,
      forOwnStaff: a.forOwnStaff ?? false,
      groupId: a.groupId ?? null,
      createdBy: a.staffIds[0] ?? null,
      createdAt: this.now,
      updatedAt: this.now,
    });
    for (const projectId of a.projectIds ?? [])
      await this.tx.insert(activityProjects).values({ activityId: id, projectId });
    if (a.staffIds.length)
      await this.tx
        .insert(activityStaff)
        .values(a.staffIds.map((userId) => ({ activityId: id, userId, specialty: null })));
    const participants = [
      ...(a.families ?? []).map((f) => ({
        familyId: f.familyId,
        personId: null,
        viaFamilyId: null,
        attendance: f.attendance,
      })),
      ...(a.people ?? []).map((p) => ({
        familyId: null,
        personId: p.personId,
        viaFamilyId: p.viaFamilyId ?? null,
        attendance: p.attendance,
      })),
    ];
    if (participants.length)
      await this.tx.insert(activityParticipants).values(
        participants.map((p) => ({
          id: this.id(),
          organisationId: this.organisationId,
          activityId: id,
          ...p,
        })),
      );
    if (a.institutions?.length)
      await this.tx
        .insert(activityInstitutions)
        .values(a.institutions.map((i) => ({ activityId: id, ...i })));
    return id;
  }

  /** Attendance on each day of a multi-day event (everyone present unless listed as absent that day). */
  async days(
    activityId: string,
    days: string[],
    personIds: string[],
    absent: (day: string, personId: string) => boolean,
  ) {
    const rows = days.flatMap((day) =>
      personIds.map((personId) => ({
        activityId,
        personId,
        day,
        attendance: (absent(day, personId) ? 'absent' : 'present') as Attendance,
      })),
    );
    if (rows.length) await this.tx.insert(activityDayAttendance).values(rows);
  }

  async group(g: {
    centreId: string;
    programmeId?: string | null;
    name: string;
    facilitatorIds: string[];
    members: { personId: string; joinedOn: string }[];
  }) {
    const id = this.id();
    await this.tx.insert(supportGroups).values({
      id,
      organisationId: this.organisationId,
      centreId: g.centreId,
      programmeId: g.programmeId ?? null,
      name: g.name,
      open: false,
      createdAt: this.now,
      updatedAt: this.now,
    });
    await this.tx
      .insert(groupFacilitators)
      .values(g.facilitatorIds.map((userId) => ({ groupId: id, userId })));
    await this.tx.insert(groupMembers).values(
      g.members.map((m) => ({
        id: this.id(),
        organisationId: this.organisationId,
        groupId: id,
        personId: m.personId,
        joinedOn: m.joinedOn,
        leftOn: null,
      })),
    );
    return id;
  }
}
