/**
 * `attain worker` — run a worker until SIGTERM/SIGINT (then finish the jobs in hand and stop).
 * `attain sync [--full] [--wait]` — queue a sync; with --wait, show its progress, then a summary.
 * Exit status: 0 done, 1 the sync failed, 2 bad configuration or usage (one line per problem).
 */

import type { SyncRun } from '@attain/store';
import {
  createStore,
  enqueueSync,
  formatConfigProblem,
  loadConfig,
  openQueues,
  type Store,
  stopSignal,
  type WorkerConfig,
} from '@attain/store';
import { Redis } from 'ioredis';
import { startWorker } from '../worker.js';
import type { CliIo } from './cli-io.js';
import { ProgressDisplay } from './progress.js';
import { runStatusCommand, STATUS_USAGE } from './status.js';

export type { CliIo } from './cli-io.js';

const USAGE = {
  worker: 'pnpm --silent attain worker',
  sync: 'pnpm --silent attain sync [--full] [--wait]',
  status: STATUS_USAGE,
} as const;

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

function configOrReport(io: CliIo): WorkerConfig | null {
  const result = loadConfig(io.env);
  if (result.ok) return result.config;
  for (const problem of result.problems) io.stderr.write(`${formatConfigProblem(problem)}\n`);
  return null;
}

async function runWorker(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write(`unknown option: ${args[0]}\nusage: ${USAGE.worker}\n`);
    return 2;
  }
  const config = configOrReport(io);
  if (!config) return 2;
  const stop = io.stopSignal ?? stopSignal();
  const worker = await startWorker({ config });
  const signal = await stop;
  io.stderr.write(`${signal}: finishing active jobs, then stopping\n`);
  await worker.close();
  return 0;
}

interface SyncFlags {
  full: boolean;
  wait: boolean;
}

function parseSyncFlags(args: string[], io: CliIo): SyncFlags | null {
  const flags: SyncFlags = { full: false, wait: false };
  for (const arg of args) {
    if (arg === '--full') flags.full = true;
    else if (arg === '--wait') flags.wait = true;
    else {
      io.stderr.write(`unknown option: ${arg}\nusage: ${USAGE.sync}\n`);
      return null;
    }
  }
  return flags;
}

function summary(run: SyncRun, seconds: string, errorsNow: number, writeErrors: number, notices: number): string {
  const c = run.counts;
  return [
    `${run.kind} sync ${run.status} in ${seconds} s: read ${c.read}, created ${c.created}, updated ${c.updated}, ` +
      `unchanged ${c.unchanged}, deleted ${c.deleted}, record errors ${c.errors}`,
    ...(run.message ? [`reason: ${run.message}`] : []),
    `records with sync errors: ${errorsNow}; commission records Salesforce refused: ${writeErrors}; ` +
      `notices: ${notices} (attain status)`,
  ].join('\n');
}

/** The first run that started at or after `since` (runs are listed newest first). */
async function runSince(store: Store, since: number): Promise<SyncRun | null> {
  const runs = await store.runs.list(10);
  const mine = runs.filter((run) => Date.parse(run.startedAt) >= since);
  return mine[mine.length - 1] ?? null;
}

async function waitForSync(store: Store, since: number, io: CliIo, display: ProgressDisplay): Promise<SyncRun> {
  const pollMs = io.pollMs ?? 250;
  const waitingSince = Date.now();
  for (;;) {
    const run = await runSince(store, since);
    const pause = await store.apiPause.get();
    const note = pause ? `paused until ${pause.until}: ${pause.reason}` : '';
    if (run && run.status !== 'running' && run.status !== 'paused') return run;
    if (run) display.update('syncing', run.counts.read, run.total ?? null, 'records', note);
    else {
      const hint = Date.now() - waitingSince > 5000 ? 'waiting for a worker (is `attain worker` running?)' : '';
      display.update('queued', 0, null, 'records', note || hint);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** After the sync: statements to compute, then keys to write back, until both are done. */
async function waitForDownstream(store: Store, io: CliIo, display: ProgressDisplay): Promise<void> {
  const pollMs = io.pollMs ?? 250;
  let computeTotal = 0;
  let writeTotal = 0;
  for (;;) {
    const dirty = (await store.deals.dirtyKeys()).length;
    const pending = (await store.statements.pendingWriteback()).length;
    if (dirty === 0 && pending === 0) return;
    const pause = await store.apiPause.get();
    const note = pause ? `paused until ${pause.until}: ${pause.reason}` : '';
    if (dirty > 0) {
      computeTotal = Math.max(computeTotal, dirty);
      display.update('computing', computeTotal - dirty, computeTotal, 'statements', note);
    } else {
      writeTotal = Math.max(writeTotal, pending);
      display.update('writing back', writeTotal - pending, writeTotal, 'statements', note);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function runSyncCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseSyncFlags(args, io);
  if (!flags) return 2;
  const config = configOrReport(io);
  if (!config) return 2;
  const connection = { url: config.redisUrl, maxRetriesPerRequest: null };
  const queues = openQueues(connection, config.namespace);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  try {
    const requestedAt = Date.now();
    const job = await enqueueSync(queues, flags.full ? 'full' : 'incremental', 'cli');
    if (!flags.wait) {
      io.stdout.write(`queued ${flags.full ? 'full' : 'incremental'} sync (job ${job.id})\n`);
      return 0;
    }
    const store = createStore(redis, config.namespace);
    const display = new ProgressDisplay(io.stderr);
    // A request deduplicated against a waiting or running sync is served by the run that starts next.
    const run = await waitForSync(store, requestedAt, io, display);
    if (run.status === 'succeeded') await waitForDownstream(store, io, display);
    display.finish();
    const seconds = ((Date.now() - requestedAt) / 1000).toFixed(1);
    const [syncErrors, writeErrors, notices] = await Promise.all([
      store.errors.count(),
      store.writeErrors.count(),
      store.notices.count(),
    ]);
    io.stdout.write(`${summary(run, seconds, syncErrors, writeErrors, notices)}\n`);
    return run.status === 'succeeded' ? 0 : 1;
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

export async function main(command: string, args: string[], io: CliIo = defaultIo()): Promise<number> {
  if (command === 'worker') return runWorker(args, io);
  if (command === 'sync') return runSyncCommand(args, io);
  if (command === 'status') return runStatusCommand(args, io);
  io.stderr.write(`unknown command: ${command}\nusage: ${Object.values(USAGE).join('\n       ')}\n`);
  return 2;
}
