import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { queryRows } from '../../db/raw';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { newId } from '../../platform/ids';
import { can } from '../../shared/access';
import {
  type FamilyImportField,
  familyImportFields,
  type ImportMapping,
  type ImportPreview,
} from '../../shared/contracts/imports';
import {
  type registerFamilyInput,
  registerFamilyInput as registration,
} from '../../shared/contracts/registry';
import { formatDate, type Language, type MessageKey, toIsoDate, translate } from '../../shared/i18n';
import { familyNameFromSurname, foldForSearch } from '../../shared/names';
import { referralSources, relations, sexes } from '../../shared/registry';
import { newCaseRows } from '../cases/open-case';
import { worksAtCentre } from '../cases/policy';
import { caseStatusChanges, cases, caseTeam } from '../cases/tables';
import { type CheckedPerson, checkPerson } from '../families/person-rules';
import { newPersonRow, registerFamily, sinceBirth } from '../families/register-family';
import { families, familyMembers, persons } from '../families/tables';
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
 * Families from a spreadsheet: one row per person, the rows of one family sharing a value in the family
 * column (without one, each row is a family of one). The family's first row that has them gives its
 * case's referral date, source and key worker. Each family is registered by the same use case as the
 * registration form, so the same checks apply: personal-code checksums, dates, duplicates against people
 * already registered (the same code; the same name and birth date) and the rules for restricted people.
 */
/** Headers people write for each field, besides the field's own label (folded: no case, no diacritics). */
const headerWords: Record<FamilyImportField, string[]> = {
  family: [
    'ģimene',
    'ģimenes nr',
    'ģimenes nr.',
    'ģimenes numurs',
    'ģimenes id',
    'family',
    'family id',
    'family no',
    'household',
  ],
  givenName: ['vārds', 'given name', 'first name', 'name'],
  familyName: ['uzvārds', 'family name', 'surname', 'last name'],
  birth: [
    'dzimšanas datums',
    'dzimšanas gads',
    'dzimis',
    'dzimusi',
    'birth date',
    'date of birth',
    'birth year',
    'born',
  ],
  personalCode: ['personas kods', 'p.k.', 'pk', 'personal code', 'id code'],
  sex: ['dzimums', 'sex', 'gender'],
  relation: ['loma', 'loma ģimenē', 'radniecība', 'relation', 'role', 'relationship'],
  phone: ['tālrunis', 'telefons', 'tel.', 'tālr.', 'phone', 'mobile'],
  email: ['e-pasts', 'epasts', 'e-mail', 'email'],
  municipality: ['pašvaldība', 'novads', 'municipality'],
  town: ['pilsēta', 'ciems', 'pagasts', 'pilsēta / ciems', 'town', 'city', 'village'],
  street: ['iela', 'adrese', 'iela, māja', 'address', 'street'],
  referralDate: ['nosūtījuma datums', 'nosūtīšanas datums', 'referral date', 'date referred'],
  referralSource: ['nosūtītājs', 'nosūtījuma avots', 'referral source', 'referred by'],
  keyWorker: ['lietas vadītājs', 'atbildīgais', 'key worker', 'case worker'],
};

const otherRelationWords: Partial<Record<(typeof relations)[number], string[]>> = {
  mother: ['mamma', 'mamm'],
  father: ['tētis', 'tētis'],
  child: ['dēls', 'meita', 'son', 'daughter'],
  grandparent: ['vecmāmiņa', 'vectētiņš', 'vecmāte', 'vectēvs', 'grandmother', 'grandfather'],
  sibling: ['brālis', 'māsa', 'brother', 'sister'],
  stepparent: ['patēvs', 'pamāte', 'stepfather', 'stepmother'],
  foster_carer: ['audžumāte', 'audžutēvs', 'foster parent'],
};
const otherSexWords: Partial<Record<(typeof sexes)[number], string[]>> = {
  female: ['s', 'siev', 'f', 'female', 'woman', 'sieviešu'],
  male: ['v', 'vīr', 'm', 'male', 'man', 'vīriešu'],
};

/** One family of the file: the spreadsheet rows it came from, and its registration or its problems. */
export interface FamilyGroup extends ImportRecord {
  input: z.output<typeof registerFamilyInput> | null;
  /** The user named as key worker, by e-mail, when the file has one. */
  keyWorkerEmail: string | null;
}

/** Groups the rows into families and reads every cell; nothing is written. */
export function familyGroups(
  rows: string[][],
  mapping: ImportMapping,
  centreId: string,
  now: Date,
): FamilyGroup[] {
  const cell = cellOf(mapping);
  const groups = new Map<string, { rows: number[]; cells: string[][] }>();
  rows.forEach((row, index) => {
    const familyKey = cell(row, 'family');
    const key = familyKey === '' ? `row:${index}` : `family:${foldForSearch(familyKey)}`;
    const group = groups.get(key) ?? { rows: [], cells: [] };
    group.rows.push(index + 2); // the header is row 1
    group.cells.push(row);
    groups.set(key, group);
  });
  return [...groups.values()].map(({ rows: rowNumbers, cells }) => {
    const problems: RowProblem[] = [];
    const read = <T>(
      rowIndex: number,
      field: FamilyImportField,
      parse: (text: string) => T,
    ): T | undefined => {
      try {
        return parse(cell(cells[rowIndex]!, field));
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        problems.push({ row: rowNumbers[rowIndex]!, field, key: error.key, params: error.params });
        return undefined;
      }
    };
    const members = cells.map((_, i) => {
      const birth = read(i, 'birth', parseBirth) ?? { birthDate: null, birthYear: null };
      const age = ageOf(birth, now);
      const relation = read(i, 'relation', (text) =>
        text === ''
          ? age !== null && age < 18
            ? 'child'
            : 'other'
          : codeFromWords(text, relations, 'relation.', otherRelationWords),
      );
      const sex = read(i, 'sex', (text) =>
        text === '' ? 'unknown' : codeFromWords(text, sexes, 'sex.', otherSexWords),
      );
      return {
        relation: relation ?? 'other',
        person: {
          givenName: cell(cells[i]!, 'givenName'),
          familyName: cell(cells[i]!, 'familyName'),
          ...birth,
          sex: sex ?? 'unknown',
          personalCode: cell(cells[i]!, 'personalCode') || null,
          phone: cell(cells[i]!, 'phone'),
          email: cell(cells[i]!, 'email'),
          municipality: cell(cells[i]!, 'municipality'),
          town: cell(cells[i]!, 'town'),
          street: cell(cells[i]!, 'street'),
        },
      };
    });
    const first = (field: FamilyImportField) => {
      const index = cells.findIndex((row) => cell(row, field) !== '');
      return index < 0 ? 0 : index;
    };
    const referralDate = read(first('referralDate'), 'referralDate', (text) => {
      if (text === '') throw new CellProblem('validation.required');
      return parseDate(text);
    });
    const referralSource = read(first('referralSource'), 'referralSource', (text) =>
      text === '' ? 'other' : codeFromWords(text, referralSources, 'source.'),
    );
    const keyWorkerEmail = cell(cells[first('keyWorker')]!, 'keyWorker').toLowerCase() || null;
    const key = createHash('sha256')
      .update(JSON.stringify(cells.map((row) => familyImportFields.map((field) => cell(row, field)))))
      .digest('hex');
    if (problems.length > 0) return { rows: rowNumbers, key, input: null, problems, keyWorkerEmail };
    const parsed = registration.safeParse({
      members,
      case: { centreId, referralDate, referralSource },
      confirmSimilar: false,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const { row, field } = whereIs(issue.path.map(String), rowNumbers);
        const tooLong = issue.code === 'too_big' ? { max: Number(issue.maximum) } : undefined;
        problems.push({
          row,
          field,
          key: tooLong
            ? 'validation.tooLong'
            : issue.code === 'too_small'
              ? 'validation.required'
              : 'validation.invalid',
          params: tooLong ? () => tooLong : undefined,
        });
      }
      return { rows: rowNumbers, key, input: null, problems, keyWorkerEmail };
    }
    return { rows: rowNumbers, key, input: parsed.data, problems, keyWorkerEmail };
  });
}

function ageOf(birth: { birthDate: string | null; birthYear: number | null }, now: Date): number | null {
  const year = birth.birthDate ? Number(birth.birthDate.slice(0, 4)) : birth.birthYear;
  return year === null ? null : now.getUTCFullYear() - year;
}

/** The spreadsheet row and column of a registration field (`members.2.person.personalCode`). */
function whereIs(path: string[], rows: number[]): { row: number; field: FamilyImportField | null } {
  if (path[0] === 'members') {
    const row = rows[Number(path[1])] ?? rows[0]!;
    const name = path[3] ?? path[2] ?? '';
    const field = name === 'birthDate' || name === 'birthYear' ? 'birth' : name;
    return {
      row,
      field: (familyImportFields as readonly string[]).includes(field) ? (field as FamilyImportField) : null,
    };
  }
  if (path[0] === 'case') {
    const field = path[1] === 'keyWorkerId' ? 'keyWorker' : (path[1] ?? '');
    return {
      row: rows[0]!,
      field: (familyImportFields as readonly string[]).includes(field) ? (field as FamilyImportField) : null,
    };
  }
  return { row: rows[0]!, field: null };
}

/**
 * Registers one family as the registration form would, as the caller. Refusals become problems of the
 * rows they concern; anything else (a database failure) is thrown and ends the import.
 */
export async function importFamily(
  ctx: ActorCtx,
  group: FamilyGroup,
  /** Key workers found by e-mail so far in this import: each is looked up once. */
  keyWorkers: Map<string, string | null>,
): Promise<Created | RowProblem[]> {
  if (!group.input) return group.problems;
  const email = group.keyWorkerEmail;
  if (email && !keyWorkers.has(email)) {
    const [user] = await ctx.tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.organisationId, ctx.actor.organisationId), eq(sql`lower(${users.email})`, email)));
    keyWorkers.set(email, user?.id ?? null);
  }
  const keyWorkerId = email ? keyWorkers.get(email) : undefined;
  if (keyWorkerId === null) return [{ row: group.rows[0]!, field: 'keyWorker', key: 'validation.keyWorker' }];
  try {
    return await registerFamily(ctx, {
      ...group.input,
      case: { ...group.input.case, keyWorkerId: keyWorkerId ?? undefined },
    });
  } catch (error) {
    return refusalProblems(error, group.rows[0]!, (field) => whereIs(field.split('.'), group.rows));
  }
}

/**
 * Families from a spreadsheet: those the registration form would register without a word, at once
 * (`registerAtOnce`); every other one with the form's own use case, one by one.
 */
export function familiesImport(): ImportKindHandler<FamilyGroup> {
  const keyWorkers = new Map<string, string | null>();
  return {
    headerWords,
    read: async (ctx, rows, mapping, centreId) => familyGroups(rows, mapping, centreId, ctx.now),
    saveAtOnce: (ctx, groups) => registerAtOnce(ctx, groups, keyWorkers),
    save: (ctx, group) => importFamily(ctx, group, keyWorkers),
    preview,
  };
}

/**
 * Registers, with a few statements for thousands, the families that `registerFamily` would register
 * without a word, and writes exactly what it would: the family named from the first member's surname,
 * new people with their checked fields, memberships from birth, the case with its team and first status,
 * and the audit entries. A family qualifies when every member passes the form's own checks
 * (`checkPerson`), its key worker works at the centre, and nothing in the registry or earlier in the file
 * could be the same person: no one with a personal code of its members, and no one born on the same day
 * with the same surname or a similar name (the duplicate check's rule, `checkDuplicates`, asked of the
 * whole organisation, visible or not, so it errs towards the careful path). Every other family is left
 * to the form's use case, after these and in file order, which then says what it says (the person
 * exists, exists elsewhere, is similar, is protected). Returns what each registered family became.
 */
async function registerAtOnce(
  ctx: ActorCtx,
  groups: FamilyGroup[],
  keyWorkers: Map<string, string | null>,
): Promise<Map<string, Created>> {
  const done = new Map<string, Created>();
  const centreId = groups.find((group) => group.input)?.input?.case.centreId;
  if (!centreId || !can(ctx.actor, 'cases.write', centreId)) return done;
  const org = ctx.actor.organisationId;
  // Registrations of one organisation check and write people one at a time (as `checkDuplicates`).
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`persons:${org}`}))`);
  const today = toIsoDate(ctx.now);

  const emails = [
    ...new Set(groups.flatMap((group) => (group.keyWorkerEmail ? [group.keyWorkerEmail] : []))),
  ];
  const unknown = emails.filter((email) => !keyWorkers.has(email));
  if (unknown.length > 0) {
    const found = await ctx.tx
      .select({ id: users.id, email: sql<string>`lower(${users.email})` })
      .from(users)
      .where(and(eq(users.organisationId, org), inArray(sql`lower(${users.email})`, unknown)));
    for (const email of unknown)
      keyWorkers.set(email, found.find((user) => user.email === email)?.id ?? null);
  }
  const working = new Map<string, boolean>();
  for (const userId of new Set([ctx.actor.userId, ...emails.map((email) => keyWorkers.get(email))]))
    if (userId) working.set(userId, await worksAtCentre(ctx, userId, centreId));

  // The families every check passes, with their members checked.
  const candidates: { group: FamilyGroup; people: CheckedPerson[]; keyWorkerId: string }[] = [];
  for (const group of groups) {
    const input = group.input;
    if (!input || group.problems.length > 0 || input.case.referralDate > today) continue;
    if (input.members.some((member) => !member.person || member.personId)) continue;
    const keyWorkerId = group.keyWorkerEmail ? keyWorkers.get(group.keyWorkerEmail) : ctx.actor.userId;
    if (!keyWorkerId || !working.get(keyWorkerId)) continue;
    try {
      const people = input.members.map((member) => checkPerson(member.person!, ctx.now));
      const codes = people.flatMap((person) => (person.personalCode ? [person.personalCode] : []));
      if (new Set(codes).size === codes.length) candidates.push({ group, people, keyWorkerId });
    } catch {
      // The form's use case will say what is wrong with the family.
    }
  }

  // Anyone in the registry or earlier in the file who could be the same person sends the family to the form.
  const members = candidates.flatMap(({ people }, family) => people.map((person) => ({ family, person })));
  const list = (values: (string | number | null)[]) =>
    `{${values.map((value) => (value === null ? 'NULL' : JSON.stringify(String(value)))).join(',')}}`;
  const careful = await queryRows<{ family: number }>(
    ctx.tx,
    sql`with f as (
          select * from unnest(${list(members.map((m) => m.family))}::int[],
            ${list(members.map((m) => m.person.personalCode))}::text[],
            ${list(members.map((m) => m.person.birthDate))}::date[],
            ${list(members.map((m) => m.person.familyName))}::text[],
            ${list(members.map((m) => m.person.searchName))}::text[]) as f(family, code, birth, surname, folded))
        select distinct f.family from f
        where (f.code is not null and exists (
                select 1 from persons p where p.organisation_id = ${org} and p.personal_code = f.code))
           or (f.birth is not null and exists (
                select 1 from persons p where p.organisation_id = ${org} and p.merged_into is null
                  and p.birth_date = f.birth
                  and (lower(p.family_name) = lower(f.surname) or similarity(p.search_name, f.folded) > 0.4)))
        union
        select b.family from f a join f b on a.code = b.code and a.family < b.family
        union
        select b.family from f a join f b on a.birth = b.birth and a.family < b.family
        where lower(a.surname) = lower(b.surname) or similarity(a.folded, b.folded) > 0.4`,
  );
  const skip = new Set(careful.map((row) => row.family));
  const chosen = candidates.filter((_, family) => !skip.has(family));

  // Written as `registerFamily` and `openCase` write one family.
  const rows = {
    families: [] as (typeof families.$inferInsert)[],
    persons: [] as (typeof persons.$inferInsert)[],
    members: [] as (typeof familyMembers.$inferInsert)[],
    cases: [] as (typeof cases.$inferInsert)[],
    team: [] as (typeof caseTeam.$inferInsert)[],
    statusChanges: [] as (typeof caseStatusChanges.$inferInsert)[],
  };
  for (const { group, people, keyWorkerId } of chosen) {
    const input = group.input!;
    const familyId = newId(ctx.now.getTime());
    rows.families.push({
      id: familyId,
      organisationId: org,
      name: input.name || familyNameFromSurname(people[0]!.familyName),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const personIds: string[] = [];
    for (const [index, person] of people.entries()) {
      const row = newPersonRow(ctx, person, null);
      personIds.push(row.id);
      rows.persons.push(row);
      const member = input.members[index]!;
      rows.members.push({
        id: newId(ctx.now.getTime()),
        organisationId: org,
        familyId,
        personId: row.id,
        relation: member.relation,
        joinedOn: member.joinedOn ?? sinceBirth(person.birthDate, person.birthYear),
      });
      await recordAudit(ctx, { action: 'person.create', entityType: 'person', entityId: row.id });
    }
    await recordAudit(ctx, {
      action: 'family.register',
      entityType: 'family',
      entityId: familyId,
      details: { members: people.length },
    });
    const opened = newCaseRows(ctx, familyId, input.case, keyWorkerId);
    rows.cases.push(opened.case);
    rows.team.push(...opened.team);
    rows.statusChanges.push(opened.statusChange);
    await recordAudit(ctx, {
      action: 'case.open',
      entityType: 'case',
      entityId: opened.case.id,
      details: { centreId, restricted: input.case.restricted },
    });
    done.set(group.key, { familyId, caseId: opened.case.id, personIds });
  }
  const insertAll = async <T extends PgTable>(table: T, values: T['$inferInsert'][]) => {
    for (let i = 0; i < values.length; i += 500) await ctx.tx.insert(table).values(values.slice(i, i + 500));
  };
  await insertAll(families, rows.families);
  await insertAll(persons, rows.persons);
  await insertAll(familyMembers, rows.members);
  await insertAll(cases, rows.cases);
  await insertAll(caseTeam, rows.team);
  await insertAll(caseStatusChanges, rows.statusChanges);
  return done;
}

/** The first families' members as they will be stored. */
function preview(language: Language, groups: FamilyGroup[]): ImportPreview {
  const t = (key: string) => translate(language, key as MessageKey);
  return {
    columns: [
      t('import.name'),
      t('import.field.birth'),
      t('import.field.personalCode'),
      t('import.field.relation'),
      t('import.field.sex'),
    ],
    lines: groups
      .filter((group) => group.input)
      .slice(0, 5)
      .flatMap((group) =>
        group.input!.members.map((member, i) => ({
          row: group.rows[i]!,
          values: [
            `${member.person!.familyName} ${member.person!.givenName}`,
            member.person!.birthDate
              ? formatDate(member.person!.birthDate)
              : String(member.person!.birthYear ?? ''),
            member.person!.personalCode ?? '',
            t(`relation.${member.relation}`),
            t(`sex.${member.person!.sex}`),
          ],
        })),
      ),
  };
}
