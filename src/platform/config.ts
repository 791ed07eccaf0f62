import { resolve } from 'node:path';
import type { DatabaseTarget } from '../db/connection';

/** Every setting comes from the environment; the README lists them with these defaults. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /**
   * PostgreSQL: the connection migrations run on, as the role that owns the tables. The server's own
   * (`databaseUrl`) is then given only what it needs: no UPDATE or DELETE on the audit log, no DDL.
   */
  migrationDatabaseUrl: string | null;
  logLevel: string;
  /**
   * Which proxies in front of the server to believe about the client's address: none (`false`), the nearest
   * `n` hops, or these addresses (CIDR ranges allowed). Never "everyone": the left-most `X-Forwarded-For`
   * entry is whatever the client wrote.
   */
  trustProxy: false | number | string[];
  organisationName: string;
  sessionIdleMinutes: number;
  /** A correction of a record older than this many days needs a reason. */
  correctionReasonDays: number;
  sessionMaxHours: number;
  /** Requests a minute one session may send to the API (twice as many per client address). */
  rateLimitPerMinute: number;
  /** On PostgreSQL, a statement running longer than this is stopped and the request answered 503. */
  statementTimeoutSeconds: number;
  /** Statutory retention of case files: a person of a case closed more recently cannot be erased. */
  caseRetentionYears: number;
  /** How long emergency access to a case lasts. */
  emergencyAccessHours: number;
  /** On shutdown, how long requests still running may finish before the process stops anyway. */
  shutdownGraceSeconds: number;
  /** Where the server writes its scheduled backups (`BACKUP_DIR`, default DATA_DIR/backups; `off`: none). */
  backupDir: string | null;
  /** How many scheduled backups are kept (the oldest beyond it are deleted). */
  backupKeep: number;
  /** Hours between scheduled backups. */
  backupIntervalHours: number;
}

/** Like `integer`, but 0 is allowed. */
function wholeNumber(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  return env[name] === '0' ? 0 : integer(name, fallback, env);
}

function integer(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

/** `TRUST_PROXY`: empty or `false`; a number of hops (`true` is one hop); or a comma-separated list of addresses. */
function proxies(raw: string | undefined): false | number | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value.split(',').map((item) => item.trim());
  if (list.every((item) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(item))) return list;
  throw new Error(
    `TRUST_PROXY must be false, a number of proxy hops (e.g. 1) or a list of proxy addresses (e.g. 10.0.0.5,10.0.0.6), not "${value}"`,
  );
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer('PORT', 8080, env),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL || null,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || null,
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: proxies(env.TRUST_PROXY),
    organisationName: env.ORGANISATION_NAME || 'Atbalsts',
    sessionIdleMinutes: integer('SESSION_IDLE_MINUTES', 30, env),
    sessionMaxHours: integer('SESSION_MAX_HOURS', 12, env),
    correctionReasonDays: integer('CORRECTION_REASON_DAYS', 7, env),
    rateLimitPerMinute: integer('API_RATE_PER_MINUTE', 600, env),
    statementTimeoutSeconds: integer('STATEMENT_TIMEOUT_SECONDS', 30, env),
    shutdownGraceSeconds: integer('SHUTDOWN_GRACE_SECONDS', 10, env),
    emergencyAccessHours: integer('EMERGENCY_ACCESS_HOURS', 4, env),
    caseRetentionYears: wholeNumber('CASE_RETENTION_YEARS', 5, env),
    backupDir:
      env.BACKUP_DIR === 'off' ? null : resolve(env.BACKUP_DIR || resolve(env.DATA_DIR || 'data', 'backups')),
    backupKeep: integer('BACKUP_KEEP', 7, env),
    backupIntervalHours: integer('BACKUP_INTERVAL_HOURS', 24, env),
  };
}

export function databaseTarget(config: Config): DatabaseTarget {
  return config.databaseUrl
    ? {
        kind: 'postgresql',
        url: config.databaseUrl,
        statementTimeoutMs: config.statementTimeoutSeconds * 1000,
      }
    : { kind: 'pglite', dataDir: config.dataDir };
}

/** A URL safe to print: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
