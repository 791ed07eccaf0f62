import { createHash } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

/**
 * PGlite's data directory may be opened by one process at a time: two writers would
 * corrupt it.
 *
 * On Linux the lock is a socket in the kernel's abstract namespace, named after the
 * directory's real path. Binding it is atomic (of two processes starting together
 * exactly one binds it) and the kernel frees it when its process ends however it ends,
 * so there is no stale lock to take over and a reused process id cannot keep it. The
 * file `atbalsts.lock` beside the data only says which process holds it, for the message.
 * (Abstract sockets are per network namespace: two containers sharing one data volume
 * must not both run Atbalsts, which is true of any embedded database.)
 *
 * Elsewhere (macOS or Windows development machines) the file itself is the lock: created
 * complete in one step, and taken over when its process no longer runs.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
  ) {
    super(
      `The database in ${dataDir} is in use by another Atbalsts process${pid ? ` (pid ${pid})` : ''}. ` +
        'Stop that process first (for example the running server), then try again.',
    );
  }
}

const ownerOf = (path: string): number | null => {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

export async function lockDataDir(dataDir: string): Promise<() => void> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'atbalsts.lock');
  if (process.platform !== 'linux') return lockByFile(dataDir, path);
  const key = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 40);
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(`\0atbalsts-${key}`, resolve);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new DataDirLockedError(dataDir, ownerOf(path));
    throw error;
  }
  // Holding the lock must not keep the process alive.
  server.unref();
  writeOwner(path);
  return releaser(path, server);
}

/** Writes our pid into a new file and moves it into place in one step. */
function writeOwner(path: string, exclusive = false): void {
  const draft = `${path}.${process.pid}`;
  const fd = openSync(draft, 'w');
  writeSync(fd, String(process.pid));
  closeSync(fd);
  try {
    if (!exclusive) rmSync(path, { force: true });
    linkSync(draft, path);
  } finally {
    rmSync(draft, { force: true });
  }
}

function releaser(path: string, server: Server | null): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (ownerOf(path) === process.pid) rmSync(path, { force: true });
    server?.close();
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockByFile(dataDir: string, path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeOwner(path, true);
      return releaser(path, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = ownerOf(path);
      if (pid && pid !== process.pid && isRunning(pid)) throw new DataDirLockedError(dataDir, pid);
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, ownerOf(path));
}
