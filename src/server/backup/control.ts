import { chmod, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Database } from '../../db/connection';
import { type BackupSummary, writeBackup } from './backup';

/**
 * The embedded database can be opened by one process only, so `atbalsts backup` cannot read it while the
 * server runs: it asks the server instead, over a Unix socket in the data directory. The socket is the
 * server user's alone (mode 0600: only that user, or root, may connect), and it knows one request, a
 * backup to a file the caller names; the answer is one line of JSON.
 */
export const controlSocketOf = (dataDir: string) => join(dataDir, 'control.sock');

type Answer = { ok: true; summary: BackupSummary } | { ok: false; error: string };

export async function serveControlSocket(
  database: Database,
  dataDir: string,
  now: () => Date,
): Promise<() => Promise<void>> {
  const path = controlSocketOf(dataDir);
  if (Buffer.byteLength(path) > 100) {
    console.warn(
      `No control socket: ${path} is too long a path; "atbalsts backup" needs the server stopped.`,
    );
    return async () => {};
  }
  await rm(path, { force: true }); // left by a process that was killed; the data-dir lock is ours
  const server = createServer((socket) => {
    const lines = createInterface({ input: socket });
    lines.once('line', async (line) => {
      let answer: Answer;
      try {
        const request = JSON.parse(line) as { command?: string; file?: string };
        if (request.command !== 'backup' || typeof request.file !== 'string' || !isAbsolute(request.file))
          throw new Error('The server understands only {"command":"backup","file":"/absolute/path"}.');
        answer = {
          ok: true,
          summary: await writeBackup(database, { dataDir, file: request.file, now: now() }),
        };
      } catch (error) {
        answer = { ok: false, error: (error as Error).message };
      }
      socket.end(`${JSON.stringify(answer)}\n`);
      lines.close();
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  await chmod(path, 0o600);
  server.unref();
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(path, { force: true });
  };
}

/** Asks the server running on `dataDir` to write a backup to `file`. */
export async function askServerForBackup(dataDir: string, file: string): Promise<BackupSummary> {
  const socket = connect(controlSocketOf(dataDir));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (error) =>
      reject(
        new Error(
          `The server holding ${dataDir} did not answer on its control socket (${(error as NodeJS.ErrnoException).code}). Stop it, then run the backup again.`,
        ),
      ),
    );
  });
  socket.write(`${JSON.stringify({ command: 'backup', file })}\n`);
  const lines = createInterface({ input: socket });
  for await (const line of lines) {
    const answer = JSON.parse(line) as Answer;
    if (!answer.ok) throw new Error(`The server could not write the backup: ${answer.error}`);
    return answer.summary;
  }
  throw new Error('The server closed the control socket without an answer.');
}
