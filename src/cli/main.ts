import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../db/connection';
import { DataDirLockedError } from '../db/lock';
import { grantServerRole, migrate } from '../db/migrate';
import { DemoRefusedError, demoPassword, loadReferenceDataset } from '../demo/reference';
import { describeVerification, parseRecordedHead, verifyAuditTrail } from '../modules/audit/verify';
import { describeReportRows, rebuildReportRows, verifyReportRows } from '../modules/reports/derived';
import { ReportInputError } from '../modules/reports/reports';
import { type Config, databaseTarget, readConfig } from '../platform/config';
import { AppError } from '../platform/errors';
import { type BackupSummary, writeBackup } from '../server/backup/backup';
import { askServerForBackup } from '../server/backup/control';
import { BackupRefusedError, restoreBackup } from '../server/backup/restore';
import { prepareDatabase, startServer } from '../server/main';
import { runRetention } from '../server/retention-job';
import { startupProblem } from '../server/startup-errors';
import { translate } from '../shared/i18n';
import { runImportCommand } from './import-command';
import { checkReportOptions, runReport } from './report-command';
import { UsageError } from './usage-error';
import { createAdmin, resetPasswordByEmail } from './user-commands';

const help: Record<string, string> = {
  main: `Usage: atbalsts <command> [options]

Commands:
  serve                      start the web server (same as npm start)
  migrate                    apply database migrations and exit
  user create-admin          create an administrator
  user reset-password        give a user a new one-time password
  demo --reference           load the reference dataset (fictional people) into an empty database
  report <kind>              print or save a report (project-results, compare, quarterly, budget, contract, public-summary)
  reports verify             check that the tables the reports read agree with the records (exit status 1 if not)
  reports rebuild            recompute the tables the reports read from the records
  audit verify               check that the audit trail's hash chains are intact (exit status 1 if not)
  retention run [--dry-run]  anonymise people and delete documents of closed cases under each organisation's rules
  import <kind> FILE         import families, activities, institutions or volunteers from an XLSX or CSV file (--centre, --as)
  backup --out FILE          write a backup of the database and its documents (also while the server runs)
  restore FILE [--replace]   restore a backup (the server stopped); --replace when the database holds data

Run "atbalsts <command> --help" for a command's options.
The database is chosen by DATABASE_URL (PostgreSQL) or else DATA_DIR (embedded PGlite, default ./data).`,
  serve: `Usage: atbalsts serve

Starts the server on PORT (default 8080) and HOST (default 127.0.0.1), applying migrations first.`,
  migrate: `Usage: atbalsts migrate

Applies the migrations that have not run yet and exits.`,
  'user create-admin': `Usage: atbalsts user create-admin --email EMAIL [--given-name NAME] [--family-name NAME] [--password-stdin]

Creates a user with the administrator role for the whole organisation.
Without --password-stdin a one-time password is printed; it must be changed at first sign-in.
With --password-stdin the initial password is read from standard input (for automated installs);
it must satisfy the password policy (at least 12 characters, not a common password).`,
  demo: `Usage: atbalsts demo --reference

Builds the reference dataset in an empty database: two projects (2012.EEZ/PP/1/MAC/150/008 and
SOS-RKC-2017), centres, staff, fictional families and their activities, from which the reports
reproduce the published figures. Refuses a database that holds another organisation's data.
Every demo user's password is printed at the end.`,
  report: `Usage: atbalsts report <project-results|compare|quarterly|budget|contract|public-summary> --project CODE
       [--programme NAME] [--from YYYY-MM-DD --to YYYY-MM-DD | --period 2018 [--previous 2017]]
       [--format text|json|csv|xlsx|pdf] [--lang lv|en] [--out FILE]
       atbalsts report results [--centre NAME] [--programme NAME] --from YYYY-MM-DD --to YYYY-MM-DD | --period 2018
       [--format ...] [--lang lv|en] [--out FILE]

The period defaults to the project's own; compare needs one (the previous period defaults to
the one of equal length before it, by the calendar for whole months). "results" is the organisation's,
a centre's or a programme's, without a project, for the period given, with the previous period beside
the totals. Text is the default format; xlsx and pdf need --out or a redirected standard output.`,
  'reports verify': `Usage: atbalsts reports verify

The reports read two tables derived from the records (the held activities, and their attendance with
the family reached and the person resolved), which the database keeps in step with every write, in the
same transaction. This recomputes them from the records and compares: exit status 0 when they agree,
1 naming the activities whose rows differ.`,
  'reports rebuild': `Usage: atbalsts reports rebuild

Recomputes the tables the reports read from the records, in one transaction (after "reports verify"
found a difference). The server may keep running.`,
  'audit verify': `Usage: atbalsts audit verify [--expect CHAIN:NUMBER:HASH ...]

Checks every entry of the audit trail against its hash and the hash before it. Exit status 0 when the
trail is intact (the chains' heads are printed: keep a copy elsewhere), 1 with the first broken entry
named. --expect checks the chains against heads printed by an earlier run, which also finds a trail
rewritten as a whole by someone who could recompute its hashes.`,
  'retention run': `Usage: atbalsts retention run [--dry-run]

Under each organisation's retention rules (set by its administrator; CASE_RETENTION_YEARS, default 5,
where it has none): anonymises the people of cases closed more than N years ago, once none of their
families has a case open or closed more recently, and deletes documents of cases closed M years ago. Figures in
reports do not change. With --dry-run it lists what would change and changes nothing. The server also
runs it once a day.`,
  import: `Usage: atbalsts import families|activities FILE --centre NAME --as EMAIL [--dry-run] [--skip-problems] [--errors OUT]
       atbalsts import institutions|volunteers FILE --as EMAIL [--dry-run] [--skip-problems] [--errors OUT]

Imports from an XLSX or CSV file (comma or semicolon, UTF-8 or Windows-1257, dates dd.mm.yyyy or
yyyy-mm-dd), as the named user (a centre's manager; for the registers, a user of their page), with the
forms' checks:
  families    one row per person; the rows of a family share a value in a "family" column
  activities  one row per participant of a consultation, home visit, group session or event; the
              participants are people registered already (by personal code, or name and birth date)
  institutions  one row per partner institution (name, type, address, contact)
  volunteers    one row per volunteer (names, contacts, screening and training dates, active)
The columns are guessed from Latvian and English headers, or mapped as the last import of a file with
the same headers was. All or nothing: when a row has a problem nothing is imported, unless
--skip-problems leaves those records out. Rows imported before are recognised and not imported twice. --dry-run checks only.
--errors OUT writes the file back with a column saying what is wrong in each row.
Exit status 0 when imported (or all fine with --dry-run), 2 when rows have problems.`,
  backup: `Usage: atbalsts backup --out FILE

Writes the whole database and the uploaded documents to FILE (one gzip-compressed file, the same for
the embedded database and PostgreSQL, so it also moves data from one to the other). With the embedded
database it works while the server runs: the server writes the backup. The backup records the app's
version and its migrations; a file with the final name is always whole.`,
  restore: `Usage: atbalsts restore FILE [--replace]

Restores a backup written by "atbalsts backup" or by the server's scheduled backups. The file is
checked whole first: a cut-off or damaged file, or one made by a newer version, is refused and nothing
changes. A database that holds data is replaced only with --replace, and its content is first saved to
DATA_DIR/backups. A backup from an older version is migrated forward. Stop the server first; on
PostgreSQL this runs as MIGRATION_DATABASE_URL when set (the role that owns the tables).`,
  'user reset-password': `Usage: atbalsts user reset-password --email EMAIL

Prints a new one-time password for the user, ends their sessions and lifts sign-in throttling.`,
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const optionSpec = {
  email: { type: 'string' },
  'given-name': { type: 'string' },
  'family-name': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  reference: { type: 'boolean' },
  project: { type: 'string' },
  programme: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  period: { type: 'string' },
  previous: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  out: { type: 'string' },
  centre: { type: 'string' },
  as: { type: 'string' },
  'skip-problems': { type: 'boolean' },
  errors: { type: 'string' },
  expect: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  replace: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the options, refusing any that the command does not take. */
function parse(args: string[], allowed: (keyof typeof optionSpec)[], positionals = 0) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof optionSpec; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args, options: optionSpec, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const name of Object.keys(parsed.values)) {
    if (name !== 'help' && !allowed.includes(name as keyof typeof optionSpec)) {
      throw new UsageError(`Unknown option '--${name}'. See --help.`);
    }
  }
  if (parsed.positionals.length > positionals)
    throw new UsageError(`Unexpected argument "${parsed.positionals[positionals]}". See --help.`);
  return parsed;
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const grouped =
    command === 'user' || command === 'audit' || command === 'retention' || command === 'reports';
  const sub = grouped ? rest[0] : undefined;
  const key = grouped ? `${command} ${sub ?? ''}` : (command ?? 'main');
  const args = grouped ? rest.slice(1) : rest;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(help.main);
    return command === undefined ? 2 : 0;
  }
  if (!(key in help))
    throw new UsageError(`Unknown command "${[command, sub].filter(Boolean).join(' ')}". ${help.main}`);
  const config = readConfig();

  switch (key) {
    case 'serve': {
      if (parse(args, []).values.help) return print(help.serve);
      await startServer(config);
      return -1; // keeps running
    }
    case 'migrate': {
      if (parse(args, []).values.help) return print(help.migrate);
      const owner = config.databaseUrl ? (config.migrationDatabaseUrl ?? config.databaseUrl) : null;
      const database = await openDatabase(
        owner ? { kind: 'postgresql', url: owner } : databaseTarget(config),
      );
      try {
        const applied = await migrate(database);
        if (config.databaseUrl && config.migrationDatabaseUrl)
          await grantServerRole(database, new URL(config.databaseUrl).username);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'user create-admin': {
      const { values } = parse(args, ['email', 'given-name', 'family-name', 'password-stdin']);
      if (values.help) return print(help['user create-admin']);
      if (!values.email) throw new UsageError('--email is required.');
      const password = values['password-stdin'] ? await readStdin() : undefined;
      const database = await prepareDatabase(config);
      try {
        const result = await createAdmin(database, {
          email: values.email,
          givenName: values['given-name'] ?? 'Administrators',
          familyName: values['family-name'] ?? '—',
          password,
        });
        console.log(`Administrator ${result.email} created.`);
        if (result.oneTimePassword) {
          console.log(`One-time password: ${result.oneTimePassword}`);
          console.log('Sign in with it and choose your own password; it works only until then.');
        }
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'user reset-password': {
      const { values } = parse(args, ['email']);
      if (values.help) return print(help['user reset-password']);
      if (!values.email) throw new UsageError('--email is required.');
      const database = await prepareDatabase(config);
      try {
        const password = await resetPasswordByEmail(database, values.email);
        console.log(`One-time password for ${values.email}: ${password}`);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'demo': {
      const { values } = parse(args, ['reference']);
      if (values.help) return print(help.demo);
      if (!values.reference)
        throw new UsageError('Only the reference dataset exists: run "atbalsts demo --reference".');
      const database = await prepareDatabase(config);
      try {
        const summary = await loadReferenceDataset(database, new Date());
        console.log(`Reference dataset loaded: ${summary.families} families, ${summary.people} people.`);
        console.log(`Sign in as any of: ${summary.users.join(', ')}`);
        console.log(`Password (every demo user): ${demoPassword}`);
      } catch (error) {
        if (error instanceof DemoRefusedError) throw new UsageError(error.message);
        throw error;
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'report': {
      const { values, positionals } = parse(
        args,
        ['project', 'programme', 'centre', 'from', 'to', 'period', 'previous', 'format', 'lang', 'out'],
        1,
      );
      if (values.help) return print(help.report);
      const options = { ...values, kind: positionals[0] };
      checkReportOptions(options);
      const database = await prepareDatabase(config);
      try {
        const output = await runReport(database, options);
        if (values.out) writeFileSync(values.out, output);
        else process.stdout.write(output);
      } catch (error) {
        if (error instanceof ReportInputError) throw new UsageError(error.message);
        throw error;
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'reports verify': {
      if (parse(args, []).values.help) return print(help['reports verify']);
      const database = await prepareDatabase(config);
      try {
        const { consistent, text } = describeReportRows(await verifyReportRows(database.unsafeDb));
        (consistent ? console.log : console.error)(text);
        return consistent ? 0 : 1;
      } finally {
        await database.close();
      }
    }
    case 'reports rebuild': {
      if (parse(args, []).values.help) return print(help['reports rebuild']);
      const database = await prepareDatabase(config);
      try {
        const written = await rebuildReportRows(database.unsafeDb);
        console.log(
          `Recomputed from the records: ${Object.entries(written)
            .map(([table, rows]) => `${table} ${rows} rows`)
            .join(', ')}.`,
        );
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'audit verify': {
      const { values } = parse(args, ['expect']);
      if (values.help) return print(help['audit verify']);
      const expected = (values.expect ?? []).map((text) => {
        const head = parseRecordedHead(text);
        if (!head)
          throw new UsageError(
            `--expect wants CHAIN:NUMBER:HASH as "audit verify" prints it, not "${text}".`,
          );
        return head;
      });
      const database = await prepareDatabase(config);
      try {
        const verification = await verifyAuditTrail(database.unsafeDb, { expected });
        (verification.broken ? console.error : console.log)(describeVerification(verification));
        return verification.broken ? 1 : 0;
      } finally {
        await database.close();
      }
    }
    case 'retention run': {
      const { values } = parse(args, ['dry-run']);
      if (values.help) return print(help['retention run']);
      const database = await prepareDatabase(config);
      try {
        console.log(await runRetention(database, config, new Date(), values['dry-run'] ?? false));
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'import': {
      const { values, positionals } = parse(args, ['centre', 'as', 'dry-run', 'skip-problems', 'errors'], 2);
      if (values.help) return print(help.import);
      const database = await prepareDatabase(config);
      try {
        return await runImportCommand(database, {
          kind: positionals[0],
          file: positionals[1],
          centre: values.centre,
          as: values.as,
          dryRun: values['dry-run'] ?? false,
          skipProblems: values['skip-problems'] ?? false,
          errors: values.errors,
        });
      } finally {
        await database.close();
      }
    }
    case 'backup': {
      const { values } = parse(args, ['out']);
      if (values.help) return print(help.backup);
      if (!values.out) throw new UsageError('--out FILE is required.');
      const file = resolve(values.out);
      const summary = await backupFromCli(config, file);
      const rows = Object.values(summary.tables).reduce((sum, n) => sum + n, 0);
      console.log(
        `Backup written: ${file} (${rows} rows in ${Object.keys(summary.tables).length} tables, ${summary.documents} documents, ${summary.bytes} bytes).`,
      );
      return 0;
    }
    case 'restore': {
      const { values, positionals } = parse(args, ['replace'], 1);
      if (values.help) return print(help.restore);
      if (!positionals[0]) throw new UsageError('Name the backup file: atbalsts restore FILE.');
      const owner = config.databaseUrl ? (config.migrationDatabaseUrl ?? config.databaseUrl) : null;
      const database = await openDatabase(
        owner ? { kind: 'postgresql', url: owner } : databaseTarget(config),
      );
      try {
        const restored = await restoreBackup(database, {
          file: resolve(positionals[0]),
          dataDir: config.dataDir,
          replace: values.replace ?? false,
          now: new Date(),
        });
        if (config.databaseUrl && config.migrationDatabaseUrl)
          await grantServerRole(database, new URL(config.databaseUrl).username);
        if (restored.previous)
          console.log(`The database's previous content was saved to ${restored.previous}.`);
        console.log(
          `Restored the backup of ${restored.header.createdAt} (Atbalsts ${restored.header.app}, ${restored.header.engine}): ${Object.values(restored.tables).reduce((sum, n) => sum + n, 0)} rows, ${restored.documents} documents.`,
        );
        if (restored.migratedForward.length > 0)
          console.log(`Migrated forward: ${restored.migratedForward.join(', ')}.`);
      } catch (error) {
        if (error instanceof BackupRefusedError) throw new UsageError(error.message);
        throw error;
      } finally {
        await database.close();
      }
      return 0;
    }
    default:
      throw new UsageError(help.main);
  }
}

/**
 * A backup from the command line: straight from PostgreSQL; from the embedded database, when the server
 * holds it, through the server's control socket.
 */
async function backupFromCli(config: Config, file: string): Promise<BackupSummary> {
  let database: Database;
  try {
    database = await openDatabase(databaseTarget(config));
  } catch (error) {
    if (error instanceof DataDirLockedError) return askServerForBackup(config.dataDir, file);
    throw error;
  }
  try {
    return await writeBackup(database, { dataDir: config.dataDir, file, now: new Date() });
  } finally {
    await database.close();
  }
}

function print(text: string | undefined): number {
  console.log(text);
  return 0;
}

/** Runs the CLI and turns every failure into a one-line message and an exit status. */
export async function main(argv: string[]): Promise<void> {
  try {
    const status = await runCli(argv);
    if (status >= 0) process.exit(status);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof AppError) {
      const fields = error.fields?.map((f) => `${f.field}: ${translate('en', f.key, f.params)}`).join('; ');
      console.error(
        `Error: ${translate('en', `error.${error.code}`, error.params)}${fields ? ` (${fields})` : ''}`,
      );
      process.exit(2);
    }
    if (error instanceof DataDirLockedError) {
      console.error(`Error: ${error.message}`);
      process.exit(1);
    }
    const known = startupProblem(error, safeConfig());
    console.error(`Error: ${known ?? (error as Error).message}`);
    process.exit(1);
  }
}

/** The settings, for explaining a failure; the defaults when the settings themselves were the failure. */
function safeConfig() {
  try {
    return readConfig();
  } catch {
    return {
      databaseUrl: process.env.DATABASE_URL || null,
      dataDir: process.env.DATA_DIR || 'data',
      port: 8080,
    };
  }
}
