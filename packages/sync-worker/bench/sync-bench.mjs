#!/usr/bin/env node
/**
 * `pnpm bench:sync` — the sync worker end to end on the built packages (`dist/`), against a private
 * redis-server and the Salesforce emulator seeded with 100,000 opportunities (seed 1):
 *
 *   1. full resync wall time, and its API calls by kind against the least possible;
 *   2. an incremental sync with nothing changed (target: one query per object, no write);
 *   3. an incremental sync with 100 changed deals (calls, time);
 *   4. latency from an opportunity update to its statement written back, with the worker polling
 *      every second: N opportunities updated one at a time through jsforce (p50/p95; target p95 ≤ 2 s);
 *   5. the floor: plain jsforce paging through the same opportunities with the pipeline's SOQL,
 *      plus upserting as many records as the pipeline wrote, in collections of 200 — and the
 *      pipeline's full resync against it (target ≤ 1.5×).
 *
 * Usage: node packages/sync-worker/bench/sync-bench.mjs [--opportunities 100000] [--samples 50]
 *        [--changed 100] [--json FILE]
 * Build first: pnpm exec tsc -b
 *
 * The emulator runs in a child process, as Salesforce is another machine in production: the worker's
 * heap and CPU are then its own (in one process the emulator's 300,000+ records made every garbage
 * collection of the worker's pay for them). Redis is a private redis-server (no persistence) and the
 * org's plan, quotas and mapping are the seeded org's, both from @attain/test-kit (its build), like the
 * tests use them.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// jsforce sends even loopback traffic through a proxy when these are set.
for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) {
  delete process.env[name];
}

const { values: args } = parseArgs({
  options: {
    opportunities: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '50' },
    changed: { type: 'string', default: '100' },
    // For profiling one part: e.g. `--phases 1` runs the full resync only (2–4 need 1 first).
    phases: { type: 'string', default: '1,2,3,4,5' },
    // The worker's thresholds (records of one object) for Bulk API 2.0 query (full resyncs) and ingest (write-back).
    'bulk-query-from': { type: 'string' },
    'bulk-ingest-from': { type: 'string' },
    json: { type: 'string' },
  },
});
const OPPORTUNITIES = positive('opportunities', args.opportunities);
const SAMPLES = positive('samples', args.samples);
const CHANGED = positive('changed', args.changed);
const SETTINGS = {
  ...(args['bulk-query-from'] ? { bulkQueryThreshold: positive('bulk-query-from', args['bulk-query-from']) } : {}),
  ...(args['bulk-ingest-from'] ? { bulkThreshold: positive('bulk-ingest-from', args['bulk-ingest-from']) } : {}),
};
const PHASES = new Set(args.phases.split(',').map((p) => p.trim()));
/** Thrown to stop after the phases asked for. */
class Done extends Error {}

// The worker and the packages it builds on, from their `dist/` (one namespace, as the benchmark uses them).
const worker = await Promise.all([import('../dist/index.js'), import('@attain/store'), import('@attain/salesforce')])
  .then((modules) => Object.assign({}, ...modules))
  .catch((error) => {
    console.error("Cannot load the packages' dist/: run `pnpm exec tsc -b` first.");
    throw error;
  });
const { installPlan, startRedis } = await import('@attain/test-kit');
const { default: jsforce } = await import('jsforce');
const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

const API_VERSION = '62.0';
const PAGE = 2000;
const COLLECTION = 200;
const NAMESPACE = 'bench';
const BUSY_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'];

const figures = {
  machine: {
    cores: availableParallelism(),
    loadAtStart: loadavg().map((n) => Number(n.toFixed(2))),
    node: process.version,
  },
  opportunities: OPPORTUNITIES,
};
const benchStarted = performance.now();

const redis = await startRedis({ appendOnly: false });
let emulator;
let running;
try {
  let t = performance.now();
  emulator = await startEmulator(OPPORTUNITIES);
  figures.emulatorStartSeconds = seconds(t);
  const counts = (await admin('GET', '/__emulator')).counts;
  const admin$ = await connect();
  const config = workerConfig({});
  running = await worker.startWorker({
    config,
    schedule: false,
    settings: SETTINGS,
    metrics: worker.createMetrics({ processMetrics: false }),
  });
  const { store, queues } = running.context;
  const { mapping } = await installPlan(store, admin$, { savedBy: 'bench' });
  log(
    `org: ${fmt(counts.Opportunity)} opportunities, ${fmt(counts.User)} users (emulator up in ${figures.emulatorStartSeconds} s)`,
  );

  // ── 1. full resync ────────────────────────────────────────────────────────────────────────────
  let before = await callSnapshot(running);
  await admin('POST', '/__emulator/stats/reset');
  let cpu = cpuMark();
  t = performance.now();
  await worker.enqueueSync(queues, 'full', 'bench');
  const fullPhases = await waitForIdle(running.context, t);
  const fullSeconds = seconds(t);
  const fullCpu = cpuSince(cpu);
  const afterFull = (await admin('GET', '/__emulator')).counts;
  const written = { lines: afterFull.Commission__c ?? 0, statements: afterFull.Commission_Statement__c ?? 0 };
  const fullCalls = diff(before, await callSnapshot(running));
  const emulatorFull = await admin('GET', '/__emulator/stats');
  // Objects each read in full by a full resync (the directory reads only Attain's permission set
  // assignments). On the REST path a page of opportunities carries their splits and line items; on
  // the Bulk path those are read apart.
  const attainAssignments = await admin$
    .query(
      "SELECT COUNT() FROM PermissionSetAssignment WHERE PermissionSet.Name IN ('Attain_Admin', 'Attain_Ops', 'Attain_Rep')",
    )
    .then((result) => result.totalSize)
    .catch(() => counts.PermissionSetAssignment ?? 0);
  const bulkRead = (fullCalls.bulkJobs.query ?? 0) > 0;
  const queried = {
    CurrencyType: counts.CurrencyType ?? 0,
    DatedConversionRate: counts.DatedConversionRate ?? 0,
    User: counts.User ?? 0,
    PermissionSetAssignment: attainAssignments,
    Opportunity: counts.Opportunity ?? 0,
    ...(bulkRead
      ? { OpportunitySplit: counts.OpportunitySplit ?? 0, OpportunityLineItem: counts.OpportunityLineItem ?? 0 }
      : {}),
  };
  const minReads = Object.values(queried).reduce((sum, n) => sum + Math.max(1, Math.ceil(n / PAGE)), 0);
  const minCollections = Math.ceil(written.lines / COLLECTION) + Math.ceil(written.statements / COLLECTION);
  figures.full = {
    seconds: fullSeconds,
    cpuSeconds: fullCpu,
    phases: fullPhases,
    written,
    calls: fullCalls,
    emulatorApiRequests: emulatorFull.apiRequests,
    emulatorByKind: emulatorFull.byKind,
    minimum: { queryPages: minReads, collectionCalls: minCollections, queried },
  };
  log(
    `\n1. full resync: ${fullSeconds} s (sync ${fullPhases.syncSeconds} s, compute until ${fullPhases.computedSeconds} s) → ` +
      `${fmt(written.lines)} Commission__c + ${fmt(written.statements)} Commission_Statement__c`,
  );
  log(`   CPU: worker ${fullCpu.worker} s, emulator ${fullCpu.emulator} s`);
  log(`   API requests ${emulatorFull.apiRequests} (emulator), by kind (worker): ${kinds(fullCalls.calls)}`);
  log(
    `   bulk jobs: ${kinds(fullCalls.bulkJobs)}; reads: ${fullCalls.calls.query ?? 0} query + ${fullCalls.calls.queryMore ?? 0} queryMore + ` +
      `${fullCalls.bulkJobs.query ?? 0} bulk query jobs vs least ${minReads} pages of 2,000 over ${Object.keys(queried).length} objects`,
  );
  log(
    `   writes: ${fullCalls.calls.collections ?? 0} collection calls + ${fullCalls.bulkJobs.ingest ?? 0} bulk ingest jobs ` +
      `(${fullCalls.calls.bulk_ingest ?? 0} requests) vs least ${minCollections} collections of 200 or one bulk job per object`,
  );

  // ── 2. incremental, nothing changed ───────────────────────────────────────────────────────────
  if (PHASES.has('2')) {
    before = await callSnapshot(running);
    t = performance.now();
    await worker.enqueueSync(queues, 'incremental', 'bench');
    await waitForIdle(running.context, t);
    const quiet = { seconds: seconds(t), ...diff(before, await callSnapshot(running)) };
    quiet.writes = (quiet.calls.collections ?? 0) + (quiet.calls.bulk_ingest ?? 0);
    figures.incrementalNoChange = quiet;
    log(`\n2. incremental, no change: ${quiet.seconds} s, ${kinds(quiet.calls)}; writes ${quiet.writes}`);
  }

  // ── 3. incremental with changed deals ─────────────────────────────────────────────────────────
  let changes = [];
  if (PHASES.has('3')) {
    const won = await admin$.query(`SELECT Id FROM Opportunity WHERE IsWon = true ORDER BY Id LIMIT ${CHANGED}`);
    changes = won.records.map((record, i) => ({ Id: record.Id, Amount: 250_000 + i * 1_000 }));
    for (let i = 0; i < changes.length; i += COLLECTION) {
      await admin$.sobject('Opportunity').update(changes.slice(i, i + COLLECTION));
    }
    before = await callSnapshot(running);
    t = performance.now();
    await worker.enqueueSync(queues, 'incremental', 'bench');
    await waitForIdle(running.context, t);
    const changed = { deals: changes.length, seconds: seconds(t), ...diff(before, await callSnapshot(running)) };
    figures.incrementalChanged = changed;
    log(`\n3. incremental, ${changes.length} changed deals: ${changed.seconds} s, ${kinds(changed.calls)}`);
  }

  // ── 4. latency, polling every second ──────────────────────────────────────────────────────────
  if (PHASES.has('4')) {
    await running.close();
    running = await worker.startWorker({
      config: workerConfig({ SYNC_INTERVAL_MS: '1000' }),
      schedule: true,
      settings: SETTINGS,
      metrics: worker.createMetrics({ processMetrics: false }),
    });
    const samples = await latencySamples(admin$, new Set(changes.map((c) => c.Id)));
    const sorted = [...samples].sort((a, b) => a - b);
    figures.latency = {
      samples: samples.length,
      pollMs: 1000,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      max: sorted[sorted.length - 1],
      seconds: samples.map((s) => Number(s.toFixed(3))),
    };
    log(
      `\n4. update → statement written back, ${samples.length} opportunities one at a time, 1 s poll: ` +
        `p50 ${figures.latency.p50.toFixed(2)} s, p95 ${figures.latency.p95.toFixed(2)} s, max ${figures.latency.max.toFixed(2)} s (target p95 ≤ 2 s)`,
    );
  }
  await running.close();
  running = undefined;

  // ── 5. the floor ──────────────────────────────────────────────────────────────────────────────
  if (!PHASES.has('5')) throw new Done();
  cpu = cpuMark();
  const floor = await measureFloor(admin$, mapping, written);
  floor.cpuSeconds = cpuSince(cpu);
  figures.floor = floor;
  figures.ratioToFloor = Number((fullSeconds / floor.seconds).toFixed(2));
  const cpuTotal = (c) => c.worker + c.emulator;
  figures.cpuRatioToFloor = Number((cpuTotal(fullCpu) / cpuTotal(floor.cpuSeconds)).toFixed(2));
  log(
    `\n5. floor: jsforce paging ${fmt(floor.read.records)} opportunities (${floor.read.requests} requests) ${floor.read.seconds} s + ` +
      `upserting ${fmt(floor.write.records)} records in ${floor.write.requests} collections ${floor.write.seconds} s = ${floor.seconds} s`,
  );
  log(`   CPU: client ${floor.cpuSeconds.worker} s, emulator ${floor.cpuSeconds.emulator} s`);
  log(
    `   full resync / floor = ${figures.ratioToFloor}× wall time (target ≤ 1.5×), ${figures.cpuRatioToFloor}× CPU time`,
  );
} catch (error) {
  if (!(error instanceof Done)) throw error;
} finally {
  await running?.close().catch(() => {});
  await emulator?.close().catch(() => {});
  await redis.cleanup();
}
figures.machine.loadAtEnd = loadavg().map((n) => Number(n.toFixed(2)));
figures.totalSeconds = seconds(benchStarted);
log(
  `\nload average ${figures.machine.loadAtStart.join(' ')} → ${figures.machine.loadAtEnd.join(' ')} on ${figures.machine.cores} cores; bench ${figures.totalSeconds} s`,
);
if (args.json) {
  await writeFile(args.json, `${JSON.stringify(figures, null, 2)}\n`);
  log(`figures saved to ${args.json}`);
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────

/** CPU seconds of this process (the worker, or the floor's client) and of the emulator's process. */
function cpuMark() {
  return { self: process.cpuUsage(), emulator: emulatorCpu() };
}

function cpuSince(mark) {
  const self = process.cpuUsage(mark.self);
  return {
    worker: Number(((self.user + self.system) / 1e6).toFixed(2)),
    emulator: Number((emulatorCpu() - mark.emulator).toFixed(2)),
  };
}

function emulatorCpu() {
  try {
    // utime + stime, in clock ticks (100 per second on Linux).
    const fields = readFileSync(`/proc/${emulator.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function positive(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number ≥ 1`);
    process.exit(2);
  }
  return value;
}

function log(line) {
  process.stdout.write(`${line}\n`);
}

function seconds(since) {
  return Number(((performance.now() - since) / 1000).toFixed(2));
}

function fmt(n) {
  return Number(n).toLocaleString('en-US');
}

function kinds(counts) {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  return entries.length === 0 ? 'none' : entries.map(([kind, n]) => `${kind} ${n}`).join(', ');
}

function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function admin(method, path) {
  const response = await fetch(`${emulator.url}${path}`, { method, headers: { 'x-attain-emulator': '1' } });
  return response.json();
}

function connect() {
  const conn = new jsforce.Connection({
    loginUrl: emulator.url,
    version: API_VERSION,
    oauth2: { clientId: 'attain-local', clientSecret: 'attain-local-secret', loginUrl: emulator.url },
  });
  return conn.authorize({ grant_type: 'client_credentials' }).then(() => conn);
}

function workerConfig(extra) {
  const result = worker.loadConfig({
    REDIS_URL: redis.url,
    SF_LOGIN_URL: emulator.url,
    SF_CLIENT_ID: 'attain-local',
    SF_CLIENT_SECRET: 'attain-local-secret',
    ATTAIN_NAMESPACE: NAMESPACE,
    LOG_LEVEL: 'warn',
    ...extra,
  });
  if (!result.ok) throw new Error(result.problems.map(worker.formatConfigProblem).join('\n'));
  return result.config;
}

/** The worker's own count of requests and bulk jobs by kind (prom-client counters). */
async function callSnapshot(w) {
  const calls = {};
  for (const { labels, value } of (await w.context.metrics.apiCalls.get()).values) calls[labels.kind] = value;
  const bulkJobs = {};
  for (const { labels, value } of (await w.context.metrics.bulkJobs.get()).values) bulkJobs[labels.operation] = value;
  return { calls, bulkJobs };
}

function diff(before, after) {
  const sub = (a, b) =>
    Object.fromEntries(
      Object.entries(b)
        .map(([k, v]) => [k, v - (a[k] ?? 0)])
        .filter(([, v]) => v > 0),
    );
  return { calls: sub(before.calls, after.calls), bulkJobs: sub(before.bulkJobs, after.bulkJobs) };
}

/** Until no job is queued or running and nothing is dirty or pending; returns when the sync and the computes ended. */
async function waitForIdle(context, since) {
  const { queues, store } = context;
  let quiet = 0;
  let syncSeconds = null;
  let computedSeconds = null;
  const deadline = Date.now() + 60 * 60 * 1000;
  while (Date.now() < deadline) {
    let busy = 0;
    const perQueue = {};
    for (const queue of [queues.sync, queues.compute, queues.writeback]) {
      const counts = await queue.getJobCounts(...BUSY_STATES);
      perQueue[queue.name] = BUSY_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
      busy += perQueue[queue.name];
    }
    const dirty = await store.deals.dirtyCount();
    const pending = await store.statements.pendingCount();
    if (syncSeconds === null && perQueue.sync === 0) syncSeconds = seconds(since);
    if (computedSeconds === null && perQueue.sync === 0 && perQueue.compute === 0 && dirty === 0) {
      computedSeconds = seconds(since);
    }
    busy += dirty + pending;
    quiet = busy === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return { syncSeconds, computedSeconds };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the worker did not become idle within an hour');
}

/** Won opportunities credited to their owner alone, updated one at a time; seconds until their statement changed. */
async function latencySamples(conn, avoid) {
  const split = new Set(
    (await conn.query('SELECT OpportunityId FROM OpportunitySplit', { autoFetch: true, maxFetch: 1e6 })).records.map(
      (r) => r.OpportunityId,
    ),
  );
  const candidates = (
    await conn.query(
      `SELECT Id, OwnerId, CloseDate FROM Opportunity WHERE IsWon = true ORDER BY Id DESC LIMIT ${SAMPLES * 4}`,
    )
  ).records.filter((r) => !split.has(r.Id) && !avoid.has(r.Id));
  const samples = [];
  for (const [i, opportunity] of candidates.entries()) {
    if (samples.length >= SAMPLES) break;
    const [year, month] = opportunity.CloseDate.split('-').map(Number);
    const key = `${opportunity.OwnerId}|ae|${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    const soql = `SELECT Id, SystemModstamp FROM Commission_Statement__c WHERE External_Key__c = '${key}'`;
    const stamp = async () => (await conn.query(soql)).records[0]?.SystemModstamp;
    const before = await stamp();
    if (before === undefined) continue;
    const started = performance.now();
    await conn.sobject('Opportunity').update({ Id: opportunity.Id, Amount: 500_000 + i * 1_000 });
    for (;;) {
      if ((await stamp()) !== before) break;
      if (performance.now() - started > 30_000) throw new Error(`statement ${key} not written back within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    samples.push((performance.now() - started) / 1000);
  }
  if (samples.length < SAMPLES) log(`   (only ${samples.length} suitable opportunities)`);
  return samples;
}

/** Plain jsforce: page the opportunities with the pipeline's SOQL, then upsert as many records in collections of 200. */
async function measureFloor(conn, mapping, written) {
  const soql = worker.buildDealQuery(mapping);
  let t = performance.now();
  let requests = 1;
  let page = await conn.query(soql, { autoFetch: false });
  let records = page.records.length;
  while (!page.done && page.nextRecordsUrl) {
    page = await conn.queryMore(page.nextRecordsUrl);
    records += page.records.length;
    requests += 1;
  }
  const read = { records, requests, seconds: seconds(t) };

  const make = (object, n) =>
    Array.from({ length: n }, (_, i) =>
      object === 'Commission__c'
        ? {
            External_Key__c: `floor|${i}`,
            Rep__c: '005000000000000AAA',
            Plan__c: 'ae',
            Period__c: '2026-Q1',
            Component__c: 'base',
            Kind__c: 'commission',
            Tier__c: 1,
            Base__c: '12345.67',
            Rate__c: '0.05',
            Amount__c: '617.28',
            Explanation__c: `Deal floor-${i}: 12,345.67 USD × 5 % in tier 1`,
          }
        : {
            External_Key__c: `floor|${i}`,
            Rep__c: '005000000000000AAA',
            Plan__c: 'ae',
            Period__c: '2026-Q1',
            Quota__c: '150000',
            Credited__c: '12345.67',
            Attainment__c: '8.23',
            Total__c: '617.28',
          },
    );
  t = performance.now();
  let writeRequests = 0;
  for (const [object, n] of [
    ['Commission_Statement__c', written.statements],
    ['Commission__c', written.lines],
  ]) {
    const all = make(object, n);
    for (let i = 0; i < all.length; i += COLLECTION) {
      await conn.sobject(object).upsert(all.slice(i, i + COLLECTION), 'External_Key__c', { allOrNone: false });
      writeRequests += 1;
    }
  }
  const write = { records: written.lines + written.statements, requests: writeRequests, seconds: seconds(t) };
  return { read, write, seconds: Number((read.seconds + write.seconds).toFixed(2)) };
}

// ── the emulator, in its own process ────────────────────────────────────────────────────────────

async function startEmulator(opportunities) {
  const script = [
    "import { createEmulator } from '@attain/salesforce-emulator';",
    `const emulator = await createEmulator({ port: 0, seed: 1, opportunities: ${opportunities}, dailyApiLimit: 100000000 });`,
    "process.stdout.write(emulator.url + '\\n');",
    "process.on('SIGTERM', () => emulator.close().then(() => process.exit(0)));",
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
  });
  return {
    url,
    pid: child.pid,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
