import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActorCtx } from '../../platform/context';
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
import { formatDate, type Language, type MessageKey, translate } from '../../shared/i18n';
import { foldForSearch } from '../../shared/names';
import { referralSources, relations, sexes } from '../../shared/registry';
import { registerFamily } from '../families/register-family';
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

/** Families from a spreadsheet, registered one by one with the registration form's use case. */
export function familiesImport(): ImportKindHandler<FamilyGroup> {
  const keyWorkers = new Map<string, string | null>();
  return {
    headerWords,
    read: async (ctx, rows, mapping, centreId) => familyGroups(rows, mapping, centreId, ctx.now),
    save: (ctx, group) => importFamily(ctx, group, keyWorkers),
    preview,
  };
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
