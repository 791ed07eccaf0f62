import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock';

describe('data directory lock', () => {
  it('refuses a directory held by another running process and names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atb-lock-'));
    writeFileSync(join(dir, 'atbalsts.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another Atbalsts process/);
  });

  it('takes over a lock left by a process that has ended, and releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atb-lock-'));
    writeFileSync(join(dir, 'atbalsts.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'atbalsts.lock'), 'utf8')).toBe(String(process.pid));
    release();
    lockDataDir(dir)();
  });
});
