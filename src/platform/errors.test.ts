import { describe, expect, it } from 'vitest';
import { fromDatabaseRefusal, isDatabaseUnavailable, loggable } from './errors';

/** An error as Drizzle throws it: its own message (with the SQL and values), PostgreSQL's under `cause`. */
const wrapped = (cause: Record<string, unknown>) =>
  Object.assign(new Error('Failed query: insert into persons … params: Kalniņa,010190-12345'), { cause });

describe('database errors', () => {
  it('knows a lost or refused connection from a refused value', () => {
    expect(isDatabaseUnavailable(wrapped({ code: '57P01', message: 'terminating connection' }))).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(wrapped({ code: '23505' }))).toBe(false);
  });

  it('answers a refusal with the field it is about', () => {
    const missing = fromDatabaseRefusal(
      wrapped({ code: '23503', table: 'support_groups', detail: 'Key (programme_id)=(…) is not present' }),
    );
    expect(missing).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'programmeId' }] });
    const twice = fromDatabaseRefusal(
      wrapped({ code: '23505', table: 'projects', constraint: 'projects_code_key' }),
    );
    expect(twice).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'code' }] });
    expect(fromDatabaseRefusal(new Error('something else'))).toBeNull();
  });

  it('logs the kind and code of a failure, never its message', () => {
    const logged = JSON.stringify(loggable(wrapped({ code: '22021', constraint: undefined })));
    expect(logged).toContain('22021');
    expect(logged).not.toMatch(/Kalniņa|010190|insert/);
  });
});
