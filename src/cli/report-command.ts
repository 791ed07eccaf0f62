import { asc } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { organisations } from '../modules/organisation/tables';
import { type OutputFormat, outputFormats, renderReport } from '../modules/reports/output';
import {
  findCentreByName,
  findProgrammeByName,
  findProjectByCode,
  generateReport,
  type Period,
  ReportInputError,
  type ReportKindName,
  reportKindNames,
} from '../modules/reports/reports';
import { scopeResults } from '../modules/reports/scope-results';
import type { ReportKind } from '../modules/reports/sections';
import type { Language } from '../shared/i18n';
import { UsageError } from './usage-error';

export interface ReportOptions {
  kind: string | undefined;
  project?: string;
  programme?: string;
  centre?: string;
  from?: string;
  to?: string;
  period?: string;
  previous?: string;
  format?: string;
  lang?: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (text: string) =>
  isoDate.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/** Checks the options before touching the database: every mistake is a one-line usage error. */
export function checkReportOptions(options: ReportOptions) {
  const kinds = [...reportKindNames, 'results'];
  if (!options.kind || !kinds.includes(options.kind))
    throw new UsageError(`Choose a report: ${kinds.join(', ')}.`);
  const results = options.kind === 'results';
  if (!results && !options.project) throw new UsageError('--project CODE is required.');
  if (results && options.project)
    throw new UsageError('results is for the organisation, a --centre or a --programme, not a project.');
  if (!results && options.centre) throw new UsageError('--centre is for the results report only.');
  const format = (options.format ?? 'text') as OutputFormat;
  if (!outputFormats.includes(format))
    throw new UsageError(`--format must be one of ${outputFormats.join(', ')}.`);
  const language = (options.lang ?? 'lv') as Language;
  if (language !== 'lv' && language !== 'en') throw new UsageError('--lang must be lv or en.');
  let period: Period | undefined;
  let previous: Period | undefined;
  if (options.period || options.previous) {
    if (options.from || options.to)
      throw new UsageError('Give either --from/--to or --period/--previous, not both.');
    if (!options.period || !/^\d{4}$/.test(options.period))
      throw new UsageError('--period must be a year, e.g. 2018.');
    period = { from: `${options.period}-01-01`, to: `${options.period}-12-31` };
    if (options.previous) {
      if (!/^\d{4}$/.test(options.previous)) throw new UsageError('--previous must be a year, e.g. 2017.');
      previous = { from: `${options.previous}-01-01`, to: `${options.previous}-12-31` };
    }
  } else if (options.from || options.to) {
    if (!options.from || !options.to) throw new UsageError('Give both --from and --to.');
    for (const [name, value] of [
      ['--from', options.from],
      ['--to', options.to],
    ] as const)
      if (!realDate(value)) throw new UsageError(`${name} must be a date as YYYY-MM-DD, not "${value}".`);
    if (options.to < options.from) throw new UsageError('--to is before --from.');
    period = { from: options.from, to: options.to };
  }
  if ((options.kind === 'compare' || results) && !period)
    throw new UsageError(`${options.kind} needs --period or --from/--to.`);
  const kind: ReportKind = results ? 'scope-results' : (options.kind as ReportKindName);
  return { kind, project: options.project, format, language, period, previous };
}

/** Builds the report from the database and renders it: text or bytes for --out / stdout. */
export async function runReport(database: Database, options: ReportOptions): Promise<string | Uint8Array> {
  const checked = checkReportOptions(options);
  const [organisation] = await database.unsafeDb
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.createdAt))
    .limit(1);
  if (!organisation) throw new ReportInputError('The database holds no organisation.');
  const db = database.unsafeDb;
  const programmeId = options.programme
    ? await findProgrammeByName(db, organisation.id, options.programme)
    : undefined;
  const { language, kind } = checked;
  let report: unknown;
  if (kind === 'scope-results') {
    const centreId = options.centre ? await findCentreByName(db, organisation.id, options.centre) : undefined;
    report = await scopeResults(
      db,
      { organisationId: organisation.id, ...checked.period!, centreId, programmeId },
      language,
    );
  } else {
    const project = await findProjectByCode(db, organisation.id, checked.project!);
    report = await generateReport(
      db,
      project,
      kind,
      { language, period: checked.period, previous: checked.previous, programmeId },
      new Date().toISOString().slice(0, 10),
    );
  }
  return renderReport(kind, report, checked.format, language, organisation.name, new Date());
}
