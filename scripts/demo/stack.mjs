// Building blocks of the demo stack: free ports, a private redis-server, worker processes, waiting
// for the worker to be idle. Used by start-demo.mjs (and through it by the end-to-end tests).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
// The sync worker's own dependencies (ioredis), resolved from its package as pnpm laid them out.
const workerRequire = createRequire(join(root, 'packages/sync-worker/package.json'));
export const { Redis } = workerRequire('ioredis');

/** Resolves with `port` when it is free on 127.0.0.1, else with a free one the system picks. */
export function freePort(preferred = 0) {
  const attempt = (port) =>
    new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const { port: chosen } = server.address();
        server.close(() => resolve(chosen));
      });
    });
  return attempt(preferred).then((port) => port ?? attempt(0));
}

/** A child process whose stop() is graceful (SIGTERM, then SIGKILL after `graceMs`) and awaited. */
export function track(child, name, graceMs = 10_000) {
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    pid: child.pid,
    exited,
    alive,
    /** Ends the process now (the reliability suite's `kill -9`). */
    kill(signal = 'SIGKILL') {
      if (alive()) child.kill(signal);
      return exited;
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      const timer = setTimeout(() => alive() && child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * A redis-server of our own: loopback only, data (AOF) in `dir`, no RDB snapshots.
 * Resolves once it answers PING.
 */
export async function startRedisServer({ dir, port }) {
  mkdirSync(dir, { recursive: true });
  const chosen = await freePort(port ?? 0);
  const log = createWriteStream(join(dir, 'redis.log'), { flags: 'a' });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(chosen),
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const failed = new Promise((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`redis-server could not start (${error.message}); run \`npm run setup\` to install it`)),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}; see ${join(dir, 'redis.log')}`)));
  });
  failed.catch(() => undefined);
  const url = `redis://127.0.0.1:${chosen}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await Promise.race([client.connect().then(() => client.ping()), failed]);
      client.disconnect();
      break;
    } catch (error) {
      client.disconnect();
      if (child.exitCode !== null || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { url, port: chosen, process: track(child, 'redis-server', 5000) };
}

/** One `attain worker` process (the built CLI), its output appended to `logFile`. */
export function startWorkerProcess({ env, logFile, name }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [join(root, 'scripts/attain.mjs'), 'worker'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return track(child, name, 15_000);
}

/** Until nothing is queued (but the schedule's next tick), running, dirty or waiting for write-back (two quiet looks in a row). */
export async function waitForIdle({ store, queues }, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() > deadline) throw new Error(`the workers were still busy after ${timeoutMs} ms`);
    let busy = (await store.deals.dirtyKeys()).length + (await store.statements.pendingWriteback()).length;
    for (const queue of [queues.sync, queues.compute, queues.writeback]) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      busy += Object.values(counts).reduce((sum, count) => sum + count, 0);
      // The incremental schedule always holds its next tick as a delayed job: that is not work.
      const delayed = await queue.getJobs(['delayed']);
      busy += delayed.filter((job) => !job.repeatJobKey && !String(job.id).startsWith('repeat:')).length;
    }
    quiet = busy === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Deletes every key of a namespace (its store keys and its `{ns}` queues) from a shared Redis. */
export async function clearNamespace(redis, namespace) {
  for (const pattern of [`${namespace}:*`, `{${namespace}}:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}
