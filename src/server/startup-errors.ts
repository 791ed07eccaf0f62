import type { Config } from '../platform/config';
import { redactUrl } from '../platform/config';

/** The code of a start-up failure, under a driver's wrapper. */
function codeOf(error: unknown): string {
  const cause = ((error as { cause?: unknown })?.cause ?? error) as { code?: unknown };
  const own = (error as { code?: unknown })?.code;
  return String(typeof own === 'string' ? own : (cause?.code ?? ''));
}

/**
 * A start-up failure as one line that names the setting and what to do, instead of a driver's message
 * (`getaddrinfo ENOTFOUND base`, "PGlite failed to initialize properly"). Null when the failure is not one
 * of these: the caller prints its message as it is.
 */
export function startupProblem(
  error: unknown,
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'port'>,
): string | null {
  const code = codeOf(error);
  const message = String((error as Error)?.message ?? '');
  const url = config.databaseUrl;
  if (url) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      return 'DATABASE_URL is not a URL. Write it as postgres://user:password@host:5432/database.';
    }
    const where = `${parsed.hostname}:${parsed.port || '5432'}`;
    const database = parsed.pathname.replace(/^\//, '') || parsed.username;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return `DATABASE_URL names the host "${parsed.hostname}", which cannot be found. Correct the host name in DATABASE_URL.`;
    if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH')
      return `No PostgreSQL answers at ${where} (DATABASE_URL ${redactUrl(url)}). Start PostgreSQL there or correct DATABASE_URL.`;
    if (code === '3D000')
      return `The database "${database}" named in DATABASE_URL does not exist. Create it (createdb ${database}) or correct DATABASE_URL.`;
    if (code === '28P01' || code === '28000')
      return `PostgreSQL at ${where} refused the user "${parsed.username}" of DATABASE_URL. Check the user name and password in DATABASE_URL.`;
  }
  if (code === 'EADDRINUSE')
    return `Port ${config.port} is already in use (PORT). Stop the program that uses it, or set PORT to another port.`;
  if (code === 'EACCES' && /listen/.test(message))
    return `Port ${config.port} may not be used by this user (PORT). Set PORT to a port above 1024.`;
  if (!url && (code === 'EACCES' || code === 'EROFS' || code === 'EPERM'))
    return `DATA_DIR (${config.dataDir}) cannot be written. Set DATA_DIR to a directory this user may write to.`;
  if (!url && /PGlite|initiali[sz]e/i.test(message))
    return `DATA_DIR (${config.dataDir}) does not hold a database this server can open. Set DATA_DIR to an empty directory or to one made by Atbalsts.`;
  return null;
}
