// A private redis-server for a benchmark run: a free loopback port, its own temporary folder, no
// persistence. Shared by sync-bench.mjs and api-bench.mjs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'attain-bench-redis-'));
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(
      process.env.REDIS_SERVER_BIN ?? 'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (await ping(port)) {
        return {
          url: `redis://127.0.0.1:${port}`,
          kill: () => child.exitCode === null && child.kill('SIGKILL'),
          async cleanup() {
            if (child.exitCode === null) {
              child.kill('SIGKILL');
              await new Promise((done) => child.once('exit', done));
            }
            rmSync(dir, { recursive: true, force: true });
          },
        };
      }
      await new Promise((done) => setTimeout(done, 20));
    }
    child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error('cannot start redis-server (is it installed? REDIS_SERVER_BIN names another binary)');
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

function ping(port) {
  return new Promise((resolvePromise) => {
    const socket = new Socket();
    let answer = '';
    const done = (ok) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}
