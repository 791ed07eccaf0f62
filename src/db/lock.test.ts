import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock';

const lockModule = fileURLToPath(new URL('./lock.ts', import.meta.url));

/** A separate process that tries to lock `dir`, says "won" or "locked", and holds a win until killed. */
function contender(dir: string): { child: ChildProcess; answer: Promise<string> } {
  const script = `
    import { lockDataDir } from ${JSON.stringify(lockModule)};
    try { await lockDataDir(${JSON.stringify(dir)}); console.log('won'); setInterval(() => {}, 1000); }
    catch (error) { console.log(/in use by another/.test(error.message) ? 'locked' : String(error)); }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const answer = new Promise<string>((resolve) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', () => resolve(out.trim()));
  });
  return { child, answer };
}

describe('data directory lock', () => {
  it('refuses a directory held by another holder and names its process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atb-lock-'));
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
    await expect(lockDataDir(dir)).rejects.toThrow(`in use by another Atbalsts process (pid ${process.pid})`);
    release();
    (await lockDataDir(dir))();
  });

  it('lets exactly one of several processes starting at once take the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atb-lock-'));
    const contenders = Array.from({ length: 4 }, () => contender(dir));
    try {
      const answers = await Promise.all(contenders.map((c) => c.answer));
      expect(answers.filter((a) => a === 'won')).toHaveLength(1);
      expect(answers.filter((a) => a === 'locked')).toHaveLength(3);
      await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
    } finally {
      for (const c of contenders) c.child.kill('SIGKILL');
    }
  }, 60_000);

  it.runIf(process.platform === 'linux')(
    'frees the directory when its holder is killed, and ignores a live but unrelated pid in the file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'atb-lock-'));
      const holder = contender(dir);
      expect(await holder.answer).toBe('won');
      const exited = new Promise((resolve) => holder.child.on('exit', resolve));
      holder.child.kill('SIGKILL');
      await exited;
      // The killed holder's file is left behind; it now names a process that runs (ours
      // parent), as a reused pid would after a restart.
      writeFileSync(join(dir, 'atbalsts.lock'), String(process.ppid));
      const release = await lockDataDir(dir);
      expect(readFileSync(join(dir, 'atbalsts.lock'), 'utf8')).toBe(String(process.pid));
      release();
    },
    60_000,
  );
});
