#!/usr/bin/env node
/**
 * `pnpm bench:api` — the rep statement endpoint under load, on the built packages (`dist/`):
 *
 *   1. a private redis-server is loaded through the store modules with 5,000 reps (and 500
 *      managers) of data: the directory, a quarterly plan, assignments, quotas for four quarters,
 *      24 won deals a rep (some split), and every statement the engine computes from them;
 *   2. `attain api` runs as its own process (`node scripts/attain.mjs api`), as deployed;
 *   3. autocannon on loopback calls `GET /api/reps/me/statements/2026-Q1` with a different rep's token
 *      on each request (so every request reads another rep's statement): a warm-up, then a steady
 *      500 requests/s (see `paced` for how), then a run as fast as 50 connections go.
 *
 * Prints throughput and p50/p99 latency, and PASS/MISS against the target p99 ≤ 20 ms at 500
 * requests/s with no failed request. Exit status 0 with a report (a missed target included), 1 when
 * requests fail, 2 for bad options.
 *
 * Usage: node packages/api/bench/api-bench.mjs [--reps 5000] [--rate 500] [--seconds 20]
 *        [--connections 50] [--json FILE] [--profile DIR]
 * Build first: pnpm exec tsc -b
 *
 * The redis-server launcher is @attain/test-kit's (its build), shared with sync-bench.mjs and the tests.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadData } from './api-bench-data.mjs';

for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) {
  delete process.env[name];
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      reps: { type: 'string', default: '5000' },
      rate: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '20' },
      connections: { type: 'string', default: '50' },
      json: { type: 'string' },
      // Writes a V8 CPU profile of the API process into this directory (for finding hot spots).
      profile: { type: 'string' },
    },
  }));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const REPS = positive('reps', args.reps);
const RATE = positive('rate', args.rate);
const SECONDS = positive('seconds', args.seconds);
const CONNECTIONS = positive('connections', args.connections);
const TARGET_P99_MS = 20;
const PERIOD = '2026-Q1';
/** The next rep's token, shared by every autocannon instance: each request is another rep. */
let nextToken = 0;
const ORG_ID = '00D5g0000000001EAA';
const NAMESPACE = 'bench';

const repoRoot = resolve(import.meta.dirname, '../../..');
const attainScript = join(repoRoot, 'scripts', 'attain.mjs');

// The API and the store it reads, from their `dist/` (one namespace, as the benchmark uses them).
const worker = await Promise.all([import('../dist/index.js'), import('@attain/store')])
  .then((modules) => Object.assign({}, ...modules))
  .catch((error) => {
    console.error("Cannot load the packages' dist/: run `pnpm exec tsc -b` first.");
    throw error;
  });
const { mintTestToken, startRedis, tokenKeyPair } = await import('@attain/test-kit');
/** The org's token-signing certificate, played by a fresh key pair: the API gets the public key. */
const TOKEN_KEYS = tokenKeyPair();
const engine = await import('@attain/engine');
const { default: autocannon } = await import('autocannon');
const { Redis } = await import('ioredis');

const log = (line) => process.stderr.write(`[bench:api] ${line}\n`);
const figures = {
  machine: {
    cores: availableParallelism(),
    loadAtStart: loadavg().map((n) => Number(n.toFixed(2))),
    node: process.version,
  },
  reps: REPS,
  endpoint: `GET /api/reps/me/statements/${PERIOD}`,
};

const redisServer = await startRedis({ appendOnly: false });
let api;
// Whatever happens, no redis-server or API process outlives the benchmark.
process.on('exit', () => {
  api?.child.kill('SIGKILL');
  redisServer.kill();
});
let exitCode = 0;
try {
  const loadStarted = performance.now();
  const people = await loadData({ url: redisServer.url, worker, engine, Redis, reps: REPS, namespace: NAMESPACE });
  figures.load = { ...people.counts, seconds: seconds(loadStarted) };
  log(
    `loaded ${people.counts.deals.toLocaleString('en-US')} deals and ${people.counts.statementKeys.toLocaleString('en-US')} ` +
      `statement keys for ${REPS.toLocaleString('en-US')} reps in ${figures.load.seconds} s`,
  );

  api = await startApiProcess(redisServer.url);
  log(`attain api listening on ${api.url} (pid ${api.child.pid})`);
  const tokens = [];
  for (const repId of people.reps)
    tokens.push(mintTestToken(TOKEN_KEYS, { userId: repId, orgId: ORG_ID, lifetimeSec: 600 }).token);

  const sample = await fetch(`${api.url}/api/reps/me/statements/${PERIOD}`, {
    headers: { authorization: `Bearer ${tokens[0]}` },
  });
  const sampleBody = await sample.json();
  if (sample.status !== 200 || sampleBody.statements.length === 0)
    throw new Error(`sample request failed: ${sample.status}`);
  figures.responseBytes = JSON.stringify(sampleBody).length;
  figures.linesPerStatement = sampleBody.statements[0].lines.length;

  log('warm-up (5 s) …');
  await paced(api.url, tokens, { rate: RATE, seconds: 5, streams: CONNECTIONS });
  log(`${RATE} requests/s for ${SECONDS} s …`);
  let cpu = cpuMs(api.child.pid);
  const steady = await paced(api.url, tokens, { rate: RATE, seconds: SECONDS, streams: CONNECTIONS });
  const steadyCpu = cpuMs(api.child.pid) - cpu;
  log(`as fast as it goes for ${Math.min(SECONDS, 10)} s …`);
  cpu = cpuMs(api.child.pid);
  const flat = await load(api.url, tokens, { duration: Math.min(SECONDS, 10), connections: CONNECTIONS });
  const flatCpu = cpuMs(api.child.pid) - cpu;
  figures.atRate = { ...steady, apiCpuMsPerRequest: perRequest(steadyCpu, steady.requests) };
  figures.maximum = { ...summary(flat), apiCpuMsPerRequest: perRequest(flatCpu, flat.requests.total) };
  figures.machine.loadAtEnd = loadavg().map((n) => Number(n.toFixed(2)));
  figures.target = { p99Ms: TARGET_P99_MS, rate: RATE };
  const failed = steady.failed + flat.non2xx + flat.errors + flat.timeouts;
  const pass = failed === 0 && figures.atRate.p99Ms <= TARGET_P99_MS && figures.atRate.requestsPerSecond >= RATE * 0.95;
  figures.verdict = pass ? 'PASS' : 'MISS';
  if (failed > 0) exitCode = 1;

  const rows = [
    ['run', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'requests', 'failed', 'API CPU ms/req'],
    row(`at ${RATE}/s`, figures.atRate),
    row('maximum', figures.maximum),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  console.log(
    `\nAttain API — ${figures.endpoint}, ${REPS.toLocaleString('en-US')} reps, ${figures.linesPerStatement} lines in the ` +
      `sampled statement (${figures.responseBytes.toLocaleString('en-US')} bytes), ${CONNECTIONS} connections, ` +
      `${figures.machine.cores} cores, Node ${process.version}`,
  );
  for (const r of rows) console.log(r.map((cell, i) => String(cell).padStart(widths[i])).join('  '));
  console.log(
    `load average ${figures.machine.loadAtStart.join(' ')} at the start, ${figures.machine.loadAtEnd.join(' ')} at the end ` +
      `(${figures.machine.cores} cores): latency includes waiting for a core when other processes take them`,
  );
  console.log(
    `\n${figures.verdict}: p99 ${figures.atRate.p99Ms} ms at ${figures.atRate.requestsPerSecond} requests/s ` +
      `(target p99 ≤ ${TARGET_P99_MS} ms at ${RATE}/s, no failed request)`,
  );
  if (args.json) await writeFile(args.json, `${JSON.stringify(figures, null, 2)}\n`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await api?.stop();
  await redisServer.cleanup();
}
process.exit(exitCode);

// ── the API process and the load ──────────────────────────────────────────────────────────────

async function startApiProcess(redisUrl) {
  const profiling = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args.profile)}`] : [];
  const child = spawn(process.execPath, [...profiling, attainScript, 'api'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      ATTAIN_NAMESPACE: NAMESPACE,
      SF_LOGIN_URL: 'https://login.salesforce.com',
      SF_CLIENT_ID: 'bench',
      SF_CLIENT_SECRET: 'bench',
      ATTAIN_TOKEN_PUBLIC_KEYS: TOKEN_KEYS.publicKeyPem,
      SF_ORG_ID: ORG_ID,
      API_PORT: '0',
      API_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match) resolvePromise(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`attain api exited (${code}) before listening`)));
  });
  return {
    child,
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    },
  };
}

function load(url, tokens, options, onResponse) {
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url,
        ...options,
        requests: [
          {
            method: 'GET',
            path: `/api/reps/me/statements/${PERIOD}`,
            setupRequest(request) {
              const token = tokens[nextToken];
              nextToken = (nextToken + 1) % tokens.length;
              return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolvePromise(result)),
    );
    instance.on('error', reject);
    if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

/**
 * `rate` requests/s spread over the second: `streams` autocannon instances of one connection each,
 * started 1/streams s apart, each limited to rate/streams requests a second. autocannon's own
 * `overallRate` sends each connection's share back to back at the start of every second (all
 * connections at once: a burst at full speed, then idle), and corrects for coordinated omission with
 * a 1 ms interval whatever the rate, which adds made-up samples; neither is a steady 500/s. The
 * latency of every response is kept and the percentiles computed exactly from them.
 */
async function paced(url, tokens, { rate, seconds, streams }) {
  const perStream = Math.max(1, Math.round(rate / streams));
  const latencies = [];
  let failed = 0;
  const runs = [];
  for (let i = 0; i < streams; i++) {
    runs.push(
      load(
        url,
        tokens,
        { duration: seconds, connections: 1, connectionRate: perStream, ignoreCoordinatedOmission: true },
        (status, ms) => {
          latencies.push(ms);
          if (status < 200 || status > 299) failed += 1;
        },
      ).then((result) => {
        failed += result.errors + result.timeouts;
      }),
    );
    await new Promise((done) => setTimeout(done, 1000 / streams));
  }
  await Promise.all(runs);
  latencies.sort((a, b) => a - b);
  const at = (q) => Number(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)].toFixed(2));
  return {
    // Every stream runs `seconds`; staggered by under a second, they overlap into one steady rate.
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: Number(latencies[latencies.length - 1].toFixed(2)),
    requests: latencies.length,
    failed,
  };
}

function summary(result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

function row(name, s) {
  return [
    name,
    s.requestsPerSecond,
    s.p50Ms,
    s.p90Ms,
    s.p99Ms,
    s.maxMs,
    s.requests,
    s.failed,
    s.apiCpuMsPerRequest ?? '–',
  ];
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

function perRequest(ms, requests) {
  return Number.isNaN(ms) || requests === 0 ? null : Number((ms / requests).toFixed(3));
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────────

function positive(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive whole number`);
    process.exit(2);
  }
  return value;
}

function seconds(since) {
  return Number(((performance.now() - since) / 1000).toFixed(2));
}
