import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { actorOfUser } from '../modules/auth/sessions';
import { centres } from '../modules/centres/tables';
import { type ImportResult, ImportRolledBack, mappingFor, runImport } from '../modules/imports/run-import';
import { errorSpreadsheet, readSpreadsheet } from '../modules/imports/spreadsheet';
import { users } from '../modules/users/tables';
import type { Actor, ActorCtx } from '../platform/context';
import { AppError } from '../platform/errors';
import { type ImportKind, importAccess, importKinds } from '../shared/contracts/imports';
import { translate } from '../shared/i18n';
import { UsageError } from './usage-error';

export interface ImportOptions {
  kind: string | undefined;
  file: string | undefined;
  centre: string | undefined;
  as: string | undefined;
  dryRun: boolean;
  skipProblems: boolean;
  errors: string | undefined;
}

/**
 * `atbalsts import families|activities FILE --centre NAME --as EMAIL`: the web page's import from the command line,
 * as the named user (a manager of the centre, who is audited as having done it), with the same checks,
 * the same all-or-nothing rule and a progress line. Answers the exit status: 0 when imported (or, with
 * --dry-run, when every row is fine), 2 when rows have problems (listed, and written with --errors).
 */
export async function runImportCommand(database: Database, options: ImportOptions): Promise<number> {
  if (!options.kind || !(importKinds as readonly string[]).includes(options.kind))
    throw new UsageError(`Name what to import: ${importKinds.join(', ')}. See --help.`);
  if (!options.file) throw new UsageError('Name the file to import.');
  const kind = options.kind as ImportKind;
  const intoCentre = 'centre' in importAccess[kind];
  if (intoCentre && !options.centre)
    throw new UsageError('--centre NAME is required (the centre the records go to).');
  if (!intoCentre && options.centre)
    throw new UsageError(`${kind} belong to the whole organisation: leave --centre out.`);
  if (!options.as) throw new UsageError('--as EMAIL is required (the user the import is done as).');
  let bytes: Buffer;
  try {
    bytes = readFileSync(options.file);
  } catch {
    throw new UsageError(`Cannot read ${options.file}.`);
  }
  const table = await readSpreadsheet(bytes);
  const now = new Date();
  let result: ImportResult;
  try {
    result = await database.unsafeDb.transaction(async (tx) => {
      const actor = await actorByEmail(tx as unknown as ActorCtx['tx'], options.as!);
      const ctx: ActorCtx = { actor, tx, ip: null, language: 'en', now };
      let centreId: string | null = null;
      if (intoCentre) {
        const [centre] = await tx
          .select({ id: centres.id })
          .from(centres)
          .where(and(eq(centres.organisationId, actor.organisationId), eq(centres.name, options.centre!)));
        if (!centre) throw new UsageError(`There is no centre "${options.centre}".`);
        centreId = centre.id;
      }
      const { mapping, saved } = await mappingFor(ctx, kind, table.headers);
      console.log(`${saved ? 'Columns as mapped last time' : 'Columns guessed from the headers'}:`);
      for (const [field, column] of Object.entries(mapping))
        console.log(`  ${table.headers[column]} → ${translate('en', `import.field.${field}` as never)}`);
      let shown = -1;
      return runImport(
        ctx,
        {
          kind,
          centreId,
          fileName: basename(options.file!),
          fileSha256: createHash('sha256').update(bytes).digest('hex'),
          table,
          mapping,
          mode: options.dryRun ? 'check' : 'run',
          skipProblems: options.skipProblems,
        },
        (done, total) => {
          const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
          if (percent === shown || (percent % 10 !== 0 && !process.stderr.isTTY)) return;
          shown = percent;
          process.stderr.write(
            `${process.stderr.isTTY ? '\r' : ''}${options.dryRun ? 'Checking' : 'Importing'} ${done}/${total} ${kind} (${percent} %)${process.stderr.isTTY ? '' : '\n'}`,
          );
        },
      );
    });
  } catch (error) {
    if (!(error instanceof ImportRolledBack)) {
      if (error instanceof AppError && error.code === 'FORBIDDEN')
        throw new UsageError(
          intoCentre
            ? `${options.as} does not manage the centre "${options.centre}".`
            : `${options.as} may not import ${kind}.`,
        );
      throw error;
    }
    result = error.result;
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(
    `${result.rows} rows, ${result.records} ${kind}: ${result.imported} ${options.dryRun || !result.committed ? 'to import' : 'imported'}, ${result.already} imported before, ${result.withProblems} with problems.`,
  );
  for (const problem of result.problems.slice(0, 20))
    console.log(`  row ${problem.row}${problem.column ? `, ${problem.column}` : ''}: ${problem.message}`);
  if (result.problemCount > 20) console.log(`  … and ${result.problemCount - 20} more.`);
  if (options.errors && result.problemCount > 0) {
    const file = await errorSpreadsheet(
      table,
      result.problemsByRow,
      translate('en', 'import.problemsColumn'),
    );
    writeFileSync(options.errors, file.bytes);
    console.log(`The file with a column of problems: ${options.errors}`);
  }
  if (result.committed) {
    console.log(`Imported (import ${result.importId}).`);
    return 0;
  }
  if (options.dryRun) return result.withProblems > 0 ? 2 : 0;
  console.log(
    result.withProblems > 0
      ? 'Nothing was imported: fix the rows above, or run again with --skip-problems to leave those rows out.'
      : 'Nothing new to import.',
  );
  return result.withProblems > 0 ? 2 : 0;
}

/** The user the import is done as, with her roles, as a session would know her. */
async function actorByEmail(tx: ActorCtx['tx'], email: string): Promise<Actor> {
  const [user] = await tx
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (!user || user.disabledAt) throw new UsageError(`There is no active user ${email}.`);
  return actorOfUser(tx, user, 'command-line');
}
