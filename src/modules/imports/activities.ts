import { createHash } from 'node:crypto';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { queryRows } from '../../db/raw';
import type { ActorCtx } from '../../platform/context';
import {
  type ActivityKind,
  type ActivityStatus,
  type Attendance,
  attendances,
  minutesBetween,
  type Place,
  places,
} from '../../shared/activities';
import { caseActivityInput, eventInput, groupSessionInput } from '../../shared/contracts/activities';
import {
  type ActivityImportField,
  activityImportFields,
  type ImportMapping,
  type ImportPreview,
} from '../../shared/contracts/imports';
import { daysBetween } from '../../shared/dates';
import { formatDate, type Language, type MessageKey, translate } from '../../shared/i18n';
import { foldForSearch } from '../../shared/names';
import { parsePersonalCode } from '../../shared/personal-code';
import { addEventFamily, createEvent, recordEventDay } from '../activities/events';
import { addGroupMember, logGroupSession } from '../activities/groups';
import { logCaseActivity } from '../activities/log-case-activity';
import { activityTypes, groupMembers, supportGroups } from '../activities/tables';
import { personVisible } from '../families/policy';
import { programmes } from '../programmes/tables';
import { projects } from '../projects/tables';
import { users } from '../users/tables';
import {
  type Created,
  cellOf,
  type ImportKindHandler,
  type ImportRecord,
  type RowProblem,
  refusalProblems,
} from './kinds';
import { CellProblem, codeFromWords, parseBirth, parseDate } from './values';

/**
 * Activities with their attendance from a spreadsheet, one row per participant: consultations and home
 * visits on a family's case, sessions of a support group (its members and who came), camps and other
 * events. Each activity is saved by the same use case as its form (`logCaseActivity`, `logGroupSession`,
 * `createEvent`), so the same checks apply: a known type, programme and project, staff who work at the
 * centre, a family with a case at the centre, participants of that family, the warning about an activity
 * logged twice. Participants are people already registered whom the importer can find: by personal
 * code, or by name with birth date (or year). Trainings for institutions have no participants to list
 * and are logged on their own page.
 */
const headerWords: Record<ActivityImportField, string[]> = {
  activity: [
    'aktivitāte',
    'aktivitātes nr',
    'aktivitātes nr.',
    'nodarbība',
    'activity',
    'activity id',
    'session',
  ],
  date: ['datums', 'norises datums', 'date', 'sākuma datums', 'start date'],
  type: ['veids', 'aktivitātes veids', 'pakalpojums', 'type', 'activity type', 'service'],
  startsAt: ['sākums', 'sākuma laiks', 'no', 'start', 'start time', 'starts'],
  endsAt: ['beigas', 'beigu laiks', 'līdz', 'end', 'end time', 'ends'],
  duration: ['ilgums', 'ilgums (min)', 'minūtes', 'stundas', 'duration', 'minutes', 'hours'],
  endDate: ['beigu datums', 'end date', 'līdz datumam'],
  place: ['vieta', 'norises vieta', 'place', 'where'],
  group: ['grupa', 'atbalsta grupa', 'group', 'support group'],
  programme: ['programma', 'programme', 'program'],
  project: ['projekts', 'project'],
  staff: ['speciālists', 'darbinieks', 'vadītājs', 'staff', 'specialist', 'worker'],
  personalCode: ['personas kods', 'p.k.', 'pk', 'personal code', 'id code'],
  givenName: ['vārds', 'given name', 'first name', 'name'],
  familyName: ['uzvārds', 'family name', 'surname', 'last name'],
  birth: ['dzimšanas datums', 'dzimšanas gads', 'birth date', 'date of birth', 'birth year'],
  attendance: ['apmeklējums', 'piedalījās', 'ieradās', 'attendance', 'attended', 'present'],
};

const attendanceWords: Partial<Record<Attendance, string[]>> = {
  present: ['jā', 'ja', 'ir', '+', 'x', '1', 'yes', 'y'],
  absent: ['nē', 'ne', 'nav', '-', '0', 'no', 'n', 'neieradās'],
  excused: ['attaisnots', 'attaisnoti', 'slims', 'slima', 'excused'],
};

/** One participant as read from a row. */
interface Participant {
  row: number;
  personId: string;
  attendance: Attendance;
}

/** One activity of the file, with what its form would be given. */
export interface ActivityRecord extends ImportRecord {
  centreId: string;
  kind: ActivityKind;
  typeId: string;
  typeName: string;
  occursOn: string;
  endsOn: string | null;
  startsAt: string | null;
  endsAt: string | null;
  durationMinutes: number | null;
  place: Place | null;
  status: ActivityStatus;
  programmeId: string | null;
  projectIds: string[];
  staffIds: string[];
  groupId: string | null;
  /** The case the activity is logged on (work with one family). */
  caseId: string | null;
  participants: Participant[];
  /** The family each participant came with (events: the family's members). */
  familyOf: Map<string, string>;
  names: Map<string, string>;
}

export function activitiesImport(): ImportKindHandler<ActivityRecord> {
  return { headerWords, read, save, preview };
}

/** What the organisation's catalogues and registry say about the names in the file, looked up once. */
interface Lookups {
  types: Map<string, { id: string; kind: ActivityKind; nameLv: string; nameEn: string; code: string | null }>;
  programmes: Map<string, string>;
  projects: Map<string, string>;
  groups: Map<string, string>;
  staff: Map<string, string>;
  byCode: Map<string, PersonFound[]>;
  byName: Map<string, PersonFound[]>;
}
interface PersonFound {
  id: string;
  name: string;
  birthDate: string | null;
  birthYear: number | null;
  /** Families of hers with a case at the centre (an open one first), else any family of hers. */
  familyId: string | null;
  caseId: string | null;
}

const nameKey = (given: string, family: string) => foldForSearch(`${given} ${family}`);

async function lookups(ctx: ActorCtx, rows: string[][], cell: ReturnType<typeof cellOf>, centreId: string) {
  const org = ctx.actor.organisationId;
  const result: Lookups = {
    types: new Map(),
    programmes: new Map(),
    projects: new Map(),
    groups: new Map(),
    staff: new Map(),
    byCode: new Map(),
    byName: new Map(),
  };
  const types = await ctx.tx
    .select()
    .from(activityTypes)
    .where(
      and(
        eq(activityTypes.active, true),
        or(isNull(activityTypes.organisationId), eq(activityTypes.organisationId, org)),
      ),
    );
  for (const type of types)
    for (const word of [type.nameLv, type.nameEn, type.code?.replace(/_/g, ' ') ?? ''])
      if (word) result.types.set(foldForSearch(word), type);
  for (const row of await ctx.tx
    .select({ id: programmes.id, name: programmes.nameLv, nameEn: programmes.nameEn })
    .from(programmes)
    .where(eq(programmes.organisationId, org))) {
    result.programmes.set(foldForSearch(row.name), row.id);
    result.programmes.set(foldForSearch(row.nameEn), row.id);
  }
  for (const row of await ctx.tx
    .select({ id: projects.id, code: projects.code, titleLv: projects.titleLv, titleEn: projects.titleEn })
    .from(projects)
    .where(eq(projects.organisationId, org)))
    for (const word of [row.code, row.titleLv, row.titleEn]) result.projects.set(foldForSearch(word), row.id);
  for (const row of await ctx.tx
    .select({ id: supportGroups.id, name: supportGroups.name })
    .from(supportGroups)
    .where(and(eq(supportGroups.organisationId, org), eq(supportGroups.centreId, centreId))))
    result.groups.set(foldForSearch(row.name), row.id);
  for (const row of await ctx.tx
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(eq(users.organisationId, org)))
    result.staff.set(row.email, row.id);

  // The people named in the file whom the importer can find, with their family and case at the centre.
  const codes = new Set<string>();
  const surnames = new Set<string>();
  for (const row of rows) {
    const parsed = parsePersonalCode(cell(row, 'personalCode'));
    if (parsed.ok) codes.add(parsed.code);
    else if (cell(row, 'familyName')) surnames.add(cell(row, 'familyName').toLowerCase());
  }
  if (codes.size === 0 && surnames.size === 0) return result;
  const found = await queryRows<PersonFound & { personalCode: string | null; given: string; family: string }>(
    ctx.tx,
    sql`select persons.id, persons.given_name as given, persons.family_name as family, persons.personal_code as "personalCode",
          persons.family_name || ' ' || persons.given_name as name, persons.birth_date::text as "birthDate", persons.birth_year as "birthYear",
          fc.family_id as "familyId", fc.case_id as "caseId"
        from persons
        left join lateral (
          select fm.family_id, c.id as case_id from family_members fm
          left join cases c on c.family_id = fm.family_id and c.centre_id = ${centreId}
          where fm.person_id = persons.id
          order by (c.id is null), (c.status = 'closed'), c.opened_on desc nulls last
          limit 1) fc on true
        where persons.organisation_id = ${org} and persons.merged_into is null
          and (persons.personal_code = any(${`{${[...codes].join(',')}}`}::text[])
               or lower(persons.family_name) = any(${`{${[...surnames].map((s) => JSON.stringify(s)).join(',')}}`}::text[]))
          and ${personVisible(ctx.actor, 'find')}`,
  );
  for (const person of found) {
    if (person.personalCode)
      result.byCode.set(person.personalCode, [...(result.byCode.get(person.personalCode) ?? []), person]);
    const key = nameKey(person.given, person.family);
    result.byName.set(key, [...(result.byName.get(key) ?? []), person]);
  }
  return result;
}

/** `14:30`, `14.30`, `9:05`. */
function parseTime(text: string): string | null {
  if (text === '') return null;
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59)
    throw new CellProblem('validation.importTime');
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/** Minutes (`90`, `90 min`), hours (`1,5 h`, `2 st.`) or hours and minutes (`1:30`). */
function parseDuration(text: string): number | null {
  if (text === '') return null;
  const folded = foldForSearch(text).replace(/\s+/g, ' ');
  const clock = /^(\d{1,2}):(\d{2})$/.exec(folded);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const match = /^(\d+(?:[.,]\d+)?) ?(min|min\.|minutes|minutes|h|st|st\.|stundas|hours)?$/.exec(folded);
  if (!match) throw new CellProblem('validation.importDuration');
  const value = Number(match[1]!.replace(',', '.'));
  const minutes = match[2] && !match[2].startsWith('min') ? value * 60 : value;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
    throw new CellProblem('validation.importDuration');
  return minutes;
}

async function read(
  ctx: ActorCtx,
  rows: string[][],
  mapping: ImportMapping,
  centreId: string,
): Promise<ActivityRecord[]> {
  const cell = cellOf(mapping);
  const found = await lookups(ctx, rows, cell, centreId);

  // Each row read on its own: the activity's fields and the participant.
  const readRows = rows.map((cells, index) => {
    const row = index + 2; // the header is row 1
    const problems: RowProblem[] = [];
    const read = <T>(field: ActivityImportField, parse: (text: string) => T): T | null => {
      try {
        return parse(cell(cells, field));
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        problems.push({ row, field, key: error.key, params: error.params });
        return null;
      }
    };
    const named = <T>(field: ActivityImportField, map: Map<string, T>, key: MessageKey): T | null =>
      read(field, (text) => {
        if (text === '') return null;
        const value = map.get(foldForSearch(text));
        if (value === undefined) throw new CellProblem(key);
        return value;
      });
    const occursOn = read('date', (text) => {
      if (text === '') throw new CellProblem('validation.required');
      return parseDate(text);
    });
    const type = read('type', (text) => {
      if (text === '') throw new CellProblem('validation.required');
      const value = found.types.get(foldForSearch(text));
      if (!value) throw new CellProblem('validation.unknownActivityType');
      if (value.kind === 'institutional') throw new CellProblem('validation.importInstitutional');
      return value;
    });
    const staff = read('staff', (text) =>
      text
        .split(/[,;]/)
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean)
        .map((email) => {
          const id = found.staff.get(email);
          if (!id) throw new CellProblem('validation.keyWorker');
          return id;
        }),
    );
    const participant = read('personalCode', (text) => {
      const given = cell(cells, 'givenName');
      const family = cell(cells, 'familyName');
      if (text === '' && given === '' && family === '') return null;
      let candidates: PersonFound[];
      if (text !== '') {
        const parsed = parsePersonalCode(text);
        if (!parsed.ok) throw new CellProblem(`validation.personalCode.${parsed.problem}` as MessageKey);
        candidates = found.byCode.get(parsed.code) ?? [];
      } else {
        const birth = parseBirth(cell(cells, 'birth'));
        candidates = (found.byName.get(nameKey(given, family)) ?? []).filter((person) =>
          birth.birthDate
            ? person.birthDate === birth.birthDate
            : birth.birthYear
              ? person.birthYear === birth.birthYear
              : true,
        );
        if (candidates.length > 1) throw new CellProblem('validation.importPersonAmbiguous');
      }
      if (candidates.length === 0) throw new CellProblem('validation.importPersonUnknown');
      return candidates[0]!;
    });
    return {
      row,
      cells,
      problems,
      occursOn,
      type,
      endsOn: read('endDate', (text) => (text === '' ? null : parseDate(text))),
      startsAt: read('startsAt', parseTime),
      endsAt: read('endsAt', parseTime),
      durationMinutes: read('duration', parseDuration),
      place: read('place', (text) => (text === '' ? null : codeFromWords(text, places, 'place.'))),
      group: read('group', (text) => {
        if (text === '') return null;
        const id = found.groups.get(foldForSearch(text));
        if (!id) throw new CellProblem('validation.importUnknownGroup');
        return id;
      }),
      programmeId: named('programme', found.programmes, 'validation.unknownProgramme'),
      projectId: named('project', found.projects, 'validation.unknownProject'),
      staff: staff ?? [],
      participant,
      attendance:
        read('attendance', (text) =>
          text === '' ? 'present' : codeFromWords(text, attendances, 'attendance.', attendanceWords),
        ) ?? 'present',
      status: 'held' as ActivityStatus,
    };
  });

  // Rows into activities: by the activity column, or by date, type, time and group (and, for work with
  // a family, the family's case).
  const grouped = new Map<string, typeof readRows>();
  for (const row of readRows) {
    const activity = cell(row.cells, 'activity');
    // A row that could not be read is an activity of its own, to be fixed on its own.
    const key = activity
      ? `activity:${foldForSearch(activity)}`
      : row.problems.length > 0
        ? `row:${row.row}`
        : [
            row.occursOn,
            row.type?.id,
            row.startsAt,
            row.group,
            row.type?.kind === 'individual'
              ? (row.participant?.caseId ?? row.participant?.id ?? row.row)
              : '',
          ].join('|');
    grouped.set(key, [...(grouped.get(key) ?? []), row]);
  }
  const records = [...grouped.values()].map((group): ActivityRecord => {
    const first = group[0]!;
    const problems = group.flatMap((row) => row.problems);
    const value = <T>(pick: (row: (typeof group)[number]) => T | null): T | null =>
      group.map(pick).find((v) => v !== null && v !== undefined) ?? null;
    const type = value((row) => row.type);
    const kind = type?.kind ?? 'individual';
    const participants: Participant[] = group.flatMap((row) =>
      row.participant ? [{ row: row.row, personId: row.participant.id, attendance: row.attendance }] : [],
    );
    const familyOf = new Map<string, string>();
    const names = new Map<string, string>();
    for (const row of group)
      if (row.participant) {
        if (row.participant.familyId) familyOf.set(row.participant.id, row.participant.familyId);
        names.set(row.participant.id, row.participant.name);
      }
    const groupId = value((row) => row.group);
    let caseId: string | null = null;
    if (problems.length === 0) {
      if (participants.length === 0)
        problems.push({ row: first.row, field: 'personalCode', key: 'validation.importNoParticipants' });
      if (kind === 'group' && !groupId)
        problems.push({ row: first.row, field: 'group', key: 'validation.required' });
      if (kind === 'individual') {
        const cases = new Set(group.map((row) => row.participant?.caseId ?? null));
        caseId = cases.size === 1 ? [...cases][0]! : null;
        if (cases.size > 1)
          problems.push({ row: first.row, field: 'personalCode', key: 'validation.importOneFamily' });
        else if (!caseId)
          problems.push({ row: first.row, field: 'personalCode', key: 'validation.importNoCase' });
      }
    }
    const projectIds = [...new Set(group.flatMap((row) => (row.projectId ? [row.projectId] : [])))];
    return {
      rows: group.map((row) => row.row),
      key: createHash('sha256')
        .update(
          JSON.stringify(group.map((row) => activityImportFields.map((field) => cell(row.cells, field)))),
        )
        .digest('hex'),
      problems,
      centreId,
      kind,
      typeId: type?.id ?? '',
      typeName: type ? `${type.nameLv}|${type.nameEn}` : '',
      occursOn: value((row) => row.occursOn) ?? '',
      endsOn: value((row) => row.endsOn),
      startsAt: value((row) => row.startsAt),
      endsAt: value((row) => row.endsAt),
      durationMinutes: value((row) => row.durationMinutes),
      place: value((row) => row.place),
      status: first.status,
      programmeId: value((row) => row.programmeId),
      projectIds,
      staffIds: [...new Set(group.flatMap((row) => row.staff))],
      groupId,
      caseId,
      participants,
      familyOf,
      names,
    };
  });
  // In date order: a group's members join it from their first session in the file.
  return records.sort((a, b) => a.occursOn.localeCompare(b.occursOn) || a.rows[0]! - b.rows[0]!);
}

/** Where a form's field problem is in the spreadsheet. */
function whereIs(record: ActivityRecord, field: string): { row: number; field: ActivityImportField | null } {
  const [name, index] = field.split('.');
  const at = (list: { row: number }[]) => list[Number(index)]?.row ?? record.rows[0]!;
  switch (name) {
    case 'participants':
    case 'attendance':
    case 'guests':
    case 'personIds':
      return { row: at(record.participants), field: 'personalCode' };
    case 'personId':
    case 'familyId':
      return { row: record.rows[0]!, field: 'personalCode' };
    case 'typeId':
      return { row: record.rows[0]!, field: 'type' };
    case 'programmeId':
      return { row: record.rows[0]!, field: 'programme' };
    case 'projectIds':
      return { row: record.rows[0]!, field: 'project' };
    case 'staffIds':
      return { row: record.rows[0]!, field: 'staff' };
    case 'occursOn':
    case 'startsOn':
      return { row: record.rows[0]!, field: 'date' };
    case 'endsOn':
      return { row: record.rows[0]!, field: 'endDate' };
    case 'startsAt':
    case 'endsAt':
      return { row: record.rows[0]!, field: name };
    case 'durationMinutes':
      return { row: record.rows[0]!, field: 'duration' };
    case 'place':
      return { row: record.rows[0]!, field: 'place' };
    default:
      return { row: record.rows[0]!, field: null };
  }
}

/** The minutes an activity lasted: given, or from its start and end times. */
const minutesOf = (record: ActivityRecord) => {
  if (record.durationMinutes !== null) return record.durationMinutes;
  return record.startsAt && record.endsAt ? minutesBetween(record.startsAt, record.endsAt) : null;
};

/** A form's own validation (the zod contract) as problems of the record's rows. */
function contractProblems(
  record: ActivityRecord,
  issues: { path: PropertyKey[]; code: string }[],
): RowProblem[] {
  return issues.map((issue) => ({
    ...whereIs(record, issue.path.map(String).join('.')),
    key:
      issue.code === 'too_small' || issue.code === 'invalid_type'
        ? 'validation.required'
        : 'validation.invalid',
  }));
}

async function save(ctx: ActorCtx, record: ActivityRecord): Promise<Created | RowProblem[]> {
  if (record.problems.length > 0) return record.problems;
  try {
    if (record.kind === 'individual') {
      const input = caseActivityInput.safeParse({
        ...attribution(record),
        occursOn: record.occursOn,
        startsAt: record.startsAt,
        endsAt: record.endsAt,
        durationMinutes: record.durationMinutes,
        place: record.place ?? 'centre',
        status: record.status,
        staffIds: record.staffIds,
        participants: record.participants.map(({ personId, attendance }) => ({ personId, attendance })),
      });
      if (!input.success) return contractProblems(record, input.error.issues);
      const { activityId } = await logCaseActivity(ctx, record.caseId!, input.data);
      return { activityId };
    }
    if (record.kind === 'group') return await saveGroupSession(ctx, record);
    return await saveEvent(ctx, record);
  } catch (error) {
    return refusalProblems(error, record.rows[0]!, (field) => whereIs(record, field));
  }
}

/**
 * A session of a support group: participants who are not members on its day become members from that
 * day (the file is read in date order, so from their first session in it), then the session is logged
 * with everyone's attendance.
 */
async function saveGroupSession(ctx: ActorCtx, record: ActivityRecord): Promise<Created | RowProblem[]> {
  const groupId = record.groupId!;
  const input = groupSessionInput.safeParse({
    occursOn: record.occursOn,
    startsAt: record.startsAt,
    durationMinutes: minutesOf(record),
    place: record.place ?? 'centre',
    status: record.status,
    programmeId: record.programmeId,
    projectIds: record.projectIds,
    attendance: record.participants.map(({ personId, attendance }) => ({ personId, attendance })),
  });
  if (!input.success) return contractProblems(record, input.error.issues);
  const current = await queryRows<{ personId: string }>(
    ctx.tx,
    sql`select person_id as "personId" from group_members where group_id = ${groupId}
        and joined_on <= ${record.occursOn}::date and (left_on is null or left_on >= ${record.occursOn}::date)`,
  );
  const members = new Set(current.map((m) => m.personId));
  const added: string[] = [];
  for (const { personId } of record.participants) {
    if (members.has(personId)) continue;
    members.add(personId);
    await addGroupMember(ctx, groupId, { personId, joinedOn: record.occursOn });
    const [member] = await ctx.tx
      .select({ id: groupMembers.id })
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.personId, personId),
          isNull(groupMembers.leftOn),
        ),
      );
    added.push(member!.id);
  }
  const activityId = await logGroupSession(ctx, groupId, input.data);
  return { activityId, groupMemberIds: added };
}

/**
 * A camp or another event: created with its dates, each family added with the members who came, and the
 * attendance marked on every day of it (a person absent from a camp was absent all of it).
 */
async function saveEvent(ctx: ActorCtx, record: ActivityRecord): Promise<Created | RowProblem[]> {
  const input = eventInput.safeParse({
    centreId: record.centreId,
    ...attribution(record),
    startsOn: record.occursOn,
    endsOn: record.endsOn ?? record.occursOn,
    durationMinutes: minutesOf(record),
    place: record.place ?? 'camp_site',
    status: record.status,
    staffIds: record.staffIds,
  });
  if (!input.success) return contractProblems(record, input.error.issues);
  const activityId = await createEvent(ctx, input.data);
  const families = new Map<string, string[]>();
  for (const { personId } of record.participants) {
    const familyId = record.familyOf.get(personId);
    if (!familyId) return [{ row: record.rows[0]!, field: 'personalCode', key: 'validation.importNoCase' }];
    families.set(familyId, [...(families.get(familyId) ?? []), personId]);
  }
  for (const [familyId, personIds] of families)
    await addEventFamily(ctx, activityId, { familyId, personIds });
  const marked = record.participants.map(({ personId, attendance }) => ({ personId, attendance }));
  for (const day of daysBetween(input.data.startsOn, input.data.endsOn))
    await recordEventDay(ctx, activityId, { day, attendance: marked });
  return { activityId };
}

const attribution = (record: ActivityRecord) => ({
  typeId: record.typeId,
  programmeId: record.programmeId,
  projectIds: record.projectIds,
});

/** The first activities as they will be stored: date, type, participant and attendance per row. */
function preview(language: Language, records: ActivityRecord[]): ImportPreview {
  const t = (key: string) => translate(language, key as MessageKey);
  return {
    columns: [
      t('import.field.date'),
      t('import.field.type'),
      t('import.field.duration'),
      t('import.participant'),
      t('import.field.attendance'),
    ],
    lines: records.slice(0, 5).flatMap((record) =>
      record.participants.map((participant) => ({
        row: participant.row,
        values: [
          formatDate(record.occursOn),
          record.typeName.split('|')[language === 'lv' ? 0 : 1] ?? '',
          String(minutesOf(record) ?? ''),
          record.names.get(participant.personId) ?? '',
          t(`attendance.${participant.attendance}`),
        ],
      })),
    ),
  };
}
