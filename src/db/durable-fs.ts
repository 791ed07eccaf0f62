import { fsyncSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * An acknowledged commit on the embedded database reaches the disk before the answer.
 *
 * PGlite starts PostgreSQL with `fsync` off (`-F`), and its file system layer (Emscripten's NODEFS) turns
 * `fsync()` into nothing (it has no `fsync` operation; `fdatasync()` is a no-op too). A killed process
 * loses nothing, as the operating system still holds the written pages, but a power cut or a crash of
 * the operating system could lose the last acknowledged commits or tear a checkpoint.
 *
 * So PostgreSQL's own durability is switched back on rather than imitated: `fsync` on, and the write-ahead
 * log flushed with `fsync()` (`wal_sync_method=fsync`, since `fdatasync()` cannot be reached), which this
 * file system now passes to the real file with `fsyncSync`. PostgreSQL then flushes the log at every
 * commit before answering, and data files and the control file at checkpoints, in its own order.
 * A failed flush raises EIO, on which PostgreSQL stops rather than carry on with data it cannot trust.
 */
export const durableStartParams = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
];

/** Every flush that reached a real file, for tests that check the commit path. */
export const flushes = { count: 0, lastPaths: [] as string[] };

interface EmscriptenNode {
  name: string;
  parent: EmscriptenNode;
  mount: { opts: { root: string } };
}
interface NodeFsModule {
  NODEFS: {
    stream_ops: Record<string, unknown>;
    realPath(node: EmscriptenNode): string;
  };
  FS: { ErrnoError: new (errno: number) => Error };
}

const EIO = 29; // Emscripten's errno for an I/O error

export class DurableNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const base = await super.init(...args);
    const patch = (module: unknown) => {
      const { NODEFS, FS } = module as NodeFsModule;
      NODEFS.stream_ops.fsync = (stream: { nfd: number; node: EmscriptenNode }) => {
        try {
          fsyncSync(stream.nfd);
        } catch {
          throw new FS.ErrnoError(EIO);
        }
        flushes.count += 1;
        flushes.lastPaths = [...flushes.lastPaths.slice(-49), NODEFS.realPath(stream.node)];
        return 0;
      };
    };
    const preRun = base.emscriptenOpts.preRun ?? [];
    return { emscriptenOpts: { ...base.emscriptenOpts, preRun: [patch, ...preRun] } };
  }
}
