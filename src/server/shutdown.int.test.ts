import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../../test/helpers/server-process';

/*
 * Issue 14, part 10: shutdown waits for requests still running, but only for SHUTDOWN_GRACE_SECONDS.
 */
const startServer = () =>
  startServerProcess({ DATA_DIR: mkdtempSync(join(tmpdir(), 'atb-stop-')), SHUTDOWN_GRACE_SECONDS: '1' });

describe('stopping the server', () => {
  it('stops at once when no request is running', async () => {
    const server = await startServer();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).not.toMatch(/stopping anyway/);
  }, 120_000);

  it('stops after the grace time when a request never finishes', async () => {
    const server = await startServer();
    // A request whose body never arrives: the server is still reading it when told to stop.
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // "Expect: 100-continue" makes the server say when it has read the headers: the request is then running.
    const continued = new Promise((resolve) => socket.once('data', resolve));
    socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n',
    );
    expect(String(await continued)).toMatch(/^HTTP\/1.1 100 Continue/);
    socket.write('{"em');
    try {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(1);
      expect(server.stderr()).toMatch(/still running 1 s after the stop signal; stopping anyway/);
    } finally {
      socket.destroy();
    }
  }, 120_000);
});
