/**
 * `attain status [--json] [--runs N]` — what the sync is doing, from Redis alone: last runs, lag, API
 * usage and budget (and why spending is paused), queue counts, pending work, error and notice
 * counts. Needs only REDIS_URL (and ATTAIN_NAMESPACE); spends no Salesforce call.
 * Exit status: 0 shown, 1 Redis unreachable, 2 bad configuration or usage.
 */

import type { SyncRun } from '@attain/store';
import {
  createStore,
  formatConfigProblem,
  loadStoreConfig,
  openQueues,
  redactedRedisUrl,
  type StatusReport,
  statusReport,
} from '@attain/store';
import { Redis } from 'ioredis';
import type { CliIo } from './cli-io.js';

export const STATUS_USAGE = 'pnpm --silent attain status [--json] [--runs N]';

interface StatusFlags {
  json: boolean;
  runs: number;
}

function parseFlags(args: string[], io: CliIo): StatusFlags | null {
  const flags: StatusFlags = { json: false, runs: 5 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') flags.json = true;
    else if (arg === '--runs' && /^\d+$/.test(args[i + 1] ?? '') && Number(args[i + 1]) >= 1) {
      flags.runs = Math.min(200, Number(args[++i]));
    } else {
      io.stderr.write(`${arg === '--runs' ? '--runs needs a whole number ≥ 1' : `unknown option: ${arg}`}\n`);
      io.stderr.write(`usage: ${STATUS_USAGE}\n`);
      return null;
    }
  }
  return flags;
}

const int = (value: number) => value.toLocaleString('en-US');

function seconds(run: SyncRun): string {
  if (!run.endedAt) return 'running';
  return `${((Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s`;
}

function runLines(runs: SyncRun[]): string[] {
  if (runs.length === 0) return ['  no sync has run yet'];
  const header = ['started (UTC)', 'kind', 'status', 'took', 'read', 'created', 'updated', 'deleted', 'errors'];
  const rows = runs.map((run) => [
    run.startedAt.slice(0, 19).replace('T', ' '),
    run.kind,
    run.status,
    seconds(run),
    int(run.counts.read),
    int(run.counts.created),
    int(run.counts.updated),
    int(run.counts.deleted),
    int(run.counts.errors),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd();
  const failed = runs.filter((run) => run.message).map((run) => `  ${run.id}: ${run.message}`);
  return [line(header), ...rows.map(line), ...failed];
}

export function formatStatus(report: StatusReport): string {
  const label = (name: string) => name.padEnd(10);
  const cursors = Object.entries(report.cursors).map(([object, at]) => `${object} at ${at}`);
  const lag =
    report.lag.ageSeconds === null
      ? 'every change seen by a sync is written back'
      : `oldest change not yet in Salesforce: ${report.lag.oldestUnwrittenChange} (${report.lag.ageSeconds.toFixed(1)} s ago)`;
  const usage = report.api.usage;
  const budget = `budget ${(report.api.budgetFraction * 100).toFixed(0)} %`;
  const api = usage
    ? `${int(usage.used)} / ${int(usage.limit)} requests in 24 h (${(usage.ratio * 100).toFixed(1)} %), ${budget}; seen ${usage.at}`
    : `no usage seen yet, ${budget}`;
  const pause = report.api.pause
    ? `PAUSED until ${report.api.pause.until}: ${report.api.pause.reason}`
    : 'spending (not paused)';
  const queues = Object.entries(report.queues).map(
    ([queue, counts]) =>
      `${queue}: ${counts.waiting + counts.prioritized} waiting, ${counts.active} active, ${counts.delayed} delayed, ${counts.failed} failed`,
  );
  const notices = Object.entries(report.problems.notices)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${code} ${int(count)}`);
  const noticeTotal = Object.values(report.problems.notices).reduce((sum, count) => sum + count, 0);
  return [
    `Attain sync status, namespace ${report.namespace}, at ${report.at}`,
    '',
    'Last runs',
    ...runLines(report.runs),
    '',
    `${label('Cursor')} ${cursors.length > 0 ? cursors.join('; ') : 'none (no sync has finished a page yet)'}`,
    `${label('Lag')} ${lag}`,
    `${label('API')} ${api}`,
    `${label('')} ${pause}`,
    `${label('Queues')} ${queues.join('; ')}`,
    `${label('Pending')} ${int(report.pending.compute)} statements to compute, ${int(report.pending.writeback)} to write back, ` +
      `${int(report.pending.held)} held by Locked statements`,
    `${label('Problems')} ${int(report.problems.syncErrors)} records with sync errors, ` +
      `${int(report.problems.refusedRecords)} commission records refused, ${int(noticeTotal)} notices` +
      (notices.length > 0 ? ` (${notices.join(', ')})` : ''),
  ].join('\n');
}

export async function runStatusCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, io);
  if (!flags) return 2;
  const loaded = loadStoreConfig(io.env);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.stderr.write(`${formatConfigProblem(problem)}\n`);
    return 2;
  }
  const { config } = loaded;
  // Fail fast: a status command that hangs while Redis is down tells ops nothing.
  const redisOptions = { maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: () => null };
  const redis = new Redis(config.redisUrl, redisOptions);
  redis.on('error', () => {});
  const queues = openQueues({ url: config.redisUrl, ...redisOptions }, config.namespace);
  // Connection errors surface as the failed read below, not as unhandled 'error' events.
  for (const queue of [queues.sync, queues.compute, queues.writeback]) queue.on('error', () => {});
  try {
    const report = await statusReport({
      store: createStore(redis, config.namespace),
      queues,
      namespace: config.namespace,
      budgetFraction: config.apiBudgetFraction,
      runs: flags.runs,
    });
    io.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatStatus(report)}\n`);
    return 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(`cannot read the status from Redis at ${redactedRedisUrl(config.redisUrl)}: ${reason}\n`);
    return 1;
  } finally {
    await queues.close().catch(() => {});
    redis.disconnect();
  }
}
