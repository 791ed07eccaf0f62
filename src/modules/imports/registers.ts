import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { institutionTypes } from '../../shared/activities';
import { institutionInput } from '../../shared/contracts/activities';
import type { ImportField, ImportMapping, ImportPreview } from '../../shared/contracts/imports';
import { volunteerInput } from '../../shared/contracts/projects';
import { formatDate, type Language, type MessageKey, translate } from '../../shared/i18n';
import { saveInstitution } from '../activities/centre-activities';
import { registerVolunteer } from '../volunteers/volunteers';
import { cellOf, type ImportKindHandler, type ImportRecord, type RowProblem, refusalProblems } from './kinds';
import { CellProblem, codeFromWords, parseDate } from './values';

/**
 * The organisation's own registers from a spreadsheet, a row per record: partner institutions and
 * volunteers. Each row is checked with its form's contract and saved by its form's use case
 * (`saveInstitution`, `saveVolunteer`): an institution's name taken already is that row's problem.
 */
interface RegisterRecord<T> extends ImportRecord {
  input: T | null;
  shown: string[];
}

/**
 * Reads each row into a form's input: cells parsed by field (`parse`), named as the form names them
 * (`inputKey`, when not the field's own name), then checked with the form's contract.
 */
function readRows<Schema extends z.ZodType>(
  rows: string[][],
  mapping: ImportMapping,
  fields: readonly ImportField[],
  parse: Partial<Record<ImportField, (text: string) => unknown>>,
  inputKey: Partial<Record<ImportField, string>>,
  contract: Schema,
  show: (input: z.output<Schema>) => string[],
): RegisterRecord<z.output<Schema>>[] {
  const fieldOf = (key: string) => fields.find((field) => (inputKey[field] ?? field) === key) ?? null;
  const cell = cellOf(mapping);
  return rows.map((cells, index) => {
    const row = index + 2; // the header is row 1
    const problems: RowProblem[] = [];
    const values: Record<string, unknown> = {};
    for (const field of fields) {
      if (mapping[field] === undefined) continue;
      try {
        values[inputKey[field] ?? field] = (parse[field] ?? ((text: string) => text))(cell(cells, field));
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        problems.push({ row, field, key: error.key, params: error.params });
      }
    }
    const key = createHash('sha256')
      .update(JSON.stringify(fields.map((field) => cell(cells, field))))
      .digest('hex');
    if (problems.length > 0) return { rows: [row], key, problems, input: null, shown: [] };
    const parsed = contract.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          row,
          field: fieldOf(String(issue.path[0] ?? '')),
          key: issue.code === 'too_small' ? 'validation.required' : 'validation.invalid',
        });
      }
      return { rows: [row], key, problems, input: null, shown: [] };
    }
    return { rows: [row], key, problems, input: parsed.data, shown: show(parsed.data) };
  });
}

const preview =
  (columns: MessageKey[]) =>
  <T>(language: Language, records: RegisterRecord<T>[]): ImportPreview => ({
    columns: columns.map((key) => translate(language, key)),
    lines: records.slice(0, 10).map((record) => ({ row: record.rows[0]!, values: record.shown })),
  });

const institutionWords: Partial<Record<(typeof institutionTypes)[number], string[]>> = {
  kindergarten: ['bērnudārzs', 'pii', 'pirmsskolas izglītības iestāde', 'kindergarten', 'preschool'],
  maternity_hospital: ['dzemdību nodaļa', 'dzemdību nams', 'maternity ward', 'maternity'],
  hospital: ['slimnīca', 'hospital'],
  school: ['skola', 'vidusskola', 'pamatskola', 'school'],
  social_service: ['sociālais dienests', 'social service', 'social services'],
};

export function institutionsImport(): ImportKindHandler<RegisterRecord<z.output<typeof institutionInput>>> {
  return {
    headerWords: {
      name: ['nosaukums', 'iestāde', 'iestādes nosaukums', 'name', 'institution'],
      institutionType: ['veids', 'iestādes veids', 'type', 'kind'],
      address: ['adrese', 'address'],
      contactPerson: ['kontaktpersona', 'contact person', 'contact'],
      contactPhone: ['tālrunis', 'telefons', 'phone', 'contact phone'],
      contactEmail: ['e-pasts', 'epasts', 'e-mail', 'email'],
    },
    read: async (ctx, rows, mapping) =>
      readRows(
        rows,
        mapping,
        ['name', 'institutionType', 'address', 'contactPerson', 'contactPhone', 'contactEmail'],
        {
          institutionType: (text) =>
            text === ''
              ? 'other'
              : codeFromWords(text, institutionTypes, 'institutionType.', institutionWords),
        },
        { institutionType: 'type' },
        institutionInput,
        (input) => [input.name, translate(ctx.language, `institutionType.${input.type}`), input.address],
      ),
    save: async (ctx, record) => {
      try {
        const saved = await saveInstitution(ctx, null, record.input!);
        return { recordId: saved.id };
      } catch (error) {
        return refusalProblems(error, record.rows[0]!, () => ({ row: record.rows[0]!, field: 'name' }));
      }
    },
    preview: preview(['import.field.name', 'import.field.institutionType', 'import.field.address']),
  };
}

const yesNo = (text: string) => {
  if (text === '') return true;
  try {
    return (
      codeFromWords(text, ['yes', 'no'] as const, 'common.', {
        yes: ['jā', 'ja', 'ir', '+', 'x', '1', 'y', 'aktīvs', 'aktīva', 'active'],
        no: ['nē', 'ne', 'nav', '-', '0', 'n', 'neaktīvs', 'neaktīva', 'inactive'],
      }) === 'yes'
    );
  } catch {
    throw new CellProblem('validation.importYesNo');
  }
};
const optionalDate = (text: string) => (text === '' ? null : parseDate(text));

export function volunteersImport(): ImportKindHandler<RegisterRecord<z.output<typeof volunteerInput>>> {
  return {
    headerWords: {
      givenName: ['vārds', 'given name', 'first name', 'name'],
      familyName: ['uzvārds', 'family name', 'surname', 'last name'],
      email: ['e-pasts', 'epasts', 'e-mail', 'email'],
      phone: ['tālrunis', 'telefons', 'phone', 'mobile'],
      screenedOn: ['pārbaudīts', 'pārbaudes datums', 'izziņa', 'screened', 'screened on', 'screening'],
      trainedOn: ['apmācīts', 'apmācības datums', 'trained', 'trained on', 'training'],
      active: ['aktīvs', 'aktīva', 'active'],
    },
    read: async (_ctx, rows, mapping) =>
      readRows(
        rows,
        mapping,
        ['givenName', 'familyName', 'email', 'phone', 'screenedOn', 'trainedOn', 'active'],
        { screenedOn: optionalDate, trainedOn: optionalDate, active: yesNo },
        {},
        volunteerInput,
        (input) => [
          `${input.familyName} ${input.givenName}`,
          input.email,
          input.screenedOn ? formatDate(input.screenedOn) : '',
          input.trainedOn ? formatDate(input.trainedOn) : '',
        ],
      ),
    save: async (ctx, record) => {
      try {
        const saved = await registerVolunteer(ctx, record.input!);
        return { recordId: saved.id };
      } catch (error) {
        return refusalProblems(error, record.rows[0]!, () => ({ row: record.rows[0]!, field: null }));
      }
    },
    preview: preview([
      'import.name',
      'import.field.email',
      'import.field.screenedOn',
      'import.field.trainedOn',
    ]),
  };
}
