import { describe, expect, it } from 'vitest';
import { readinessOf } from './volunteers';

/* Issue 15: a volunteer may mentor a child only while a criminal-record certificate and an interview are in force. */
const check = (kind: string, doneOn: string, expiresOn: string | null, more: Record<string, unknown> = {}) =>
  ({ kind, doneOn, expiresOn, result: 'passed', voidedAt: null, ...more }) as never;

describe('whether a volunteer may mentor a child on a day', () => {
  const checks = [
    check('criminal_record', '2025-03-20', '2026-03-19'),
    check('interview', '2026-02-02', null),
  ];

  it('is ready while every required check is in force, warned 30 days before one ends', () => {
    expect(readinessOf(checks, '2026-02-01')).toEqual({ ready: false, missing: ['interview'], expiring: [] });
    expect(readinessOf(checks, '2026-02-10')).toEqual({ ready: true, missing: [], expiring: [] });
    expect(readinessOf(checks, '2026-02-18')).toEqual({
      ready: true,
      missing: [],
      expiring: [{ kind: 'criminal_record', expiresOn: '2026-03-19' }],
    });
    expect(readinessOf(checks, '2026-03-19').ready).toBe(true);
  });

  it('is not ready once a certificate has expired, or when a check failed or was voided', () => {
    expect(readinessOf(checks, '2026-03-20')).toEqual({
      ready: false,
      missing: ['criminal_record'],
      expiring: [],
    });
    const failed = [checks[0], check('interview', '2026-02-02', null, { result: 'failed' })];
    expect(readinessOf(failed as never, '2026-02-10').missing).toEqual(['interview']);
    const voided = [checks[0], check('interview', '2026-02-02', null, { voidedAt: new Date() })];
    expect(readinessOf(voided as never, '2026-02-10').missing).toEqual(['interview']);
  });
});
