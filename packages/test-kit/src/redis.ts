/**
 * A private redis-server, the one launcher of the tests, the benchmarks and the demo: a loopback
 * port, its own data folder (a temp dir unless given), append-only file on so that `restart()` brings
 * the data back like a real deployment would (off for benchmarks), `kill()` for crash tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';

export interface RedisOptions {
  /** Data folder (append-only file, `redis.log`), kept by `cleanup()`; a fresh temp dir, removed, when absent. */
  dir?: string;
  /** This port when it is free (another one otherwise); any free port when absent. */
  port?: number;
  /** Append-only file on (the default), so a restart keeps the data; benchmarks turn it off. */
  appendOnly?: boolean;
  /** Its own process group: a Ctrl-C to the demo then reaches only the demo, which stops Redis last. */
  detached?: boolean;
}

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** The running server's process id (undefined while stopped). */
  pid(): number | undefined;
  alive(): boolean;
  /** SIGTERM and wait for exit (redis flushes the append-only file). */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit: a crash. */
  kill(): Promise<void>;
  /** Start again on the same port and dir; data comes back from the append-only file. */
  restart(): Promise<void>;
  /** Stop (if running) and delete the data folder when it is a temp dir of ours. */
  cleanup(): Promise<void>;
}

/** `preferred` when it is free on 127.0.0.1, else a free port the system picks. */
export function freePort(preferred = 0): Promise<number> {
  const attempt = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(chosen));
      });
    });
  return attempt(preferred).then(async (port) => port ?? (await attempt(0)) ?? 0);
}

/** One PING over a raw socket: no client library, so the harness cannot be fooled by a client's retry queue. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function launch(port: number, dir: string, options: RedisOptions): Promise<ChildProcess> {
  const logFile = join(dir, 'redis.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    REDIS_SERVER,
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', ''],
      ...['--appendonly', options.appendOnly === false ? 'no' : 'yes', '--dir', dir],
    ],
    { stdio: ['ignore', log, log], detached: options.detached ?? false },
  );
  closeSync(log);
  const stderr = () => readFileSync(logFile, 'utf8').slice(-2000);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (spawnError) {
      throw new Error(
        `cannot start ${REDIS_SERVER} (${spawnError.message}): run \`npm run setup\`, or name another binary in REDIS_SERVER_BIN`,
      );
    }
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${stderr()}`);
    if (await ping(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer PING on port ${port} within 10 s: ${stderr()}`);
}

export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'attain-redis-'));
  mkdirSync(dir, { recursive: true });
  // A port found free may be taken before redis binds it; a few tries make that race harmless.
  let child: ChildProcess | undefined;
  let port = 0;
  let lastError: unknown;
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    port = await freePort(attempt === 0 ? (options.port ?? 0) : 0);
    try {
      child = await launch(port, dir, options);
    } catch (error) {
      lastError = error;
      if (String(error).includes('npm run setup')) break;
    }
  }
  if (!child) {
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw lastError;
  }
  let current: ChildProcess | undefined = child;

  const signal = async (name: NodeJS.Signals) => {
    if (!current) return;
    const running = current;
    current = undefined;
    running.kill(name);
    await exited(running);
  };

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    pid: () => current?.pid,
    alive: () => current !== undefined && current.exitCode === null && current.signalCode === null,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    async restart() {
      await signal('SIGTERM');
      current = await launch(port, dir, options);
    },
    async cleanup() {
      await signal('SIGKILL');
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A namespace no other test (in this or another file running in parallel) uses. */
export function uniqueNamespace(label = 't'): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
