#!/usr/bin/env node
/**
 * Throughput of the emulator through jsforce, on the built package (`dist/`):
 *   (a) REST query paging of every Opportunity (2,000 per page),
 *   (b) the same query as a Bulk API 2.0 query job,
 *   (c) upserting Commission__c by External_Key__c through sObject Collections (200 per request,
 *       a few requests in flight),
 *   (d) the same number of upserts as one Bulk API 2.0 ingest job (records given as objects),
 *   (e) the same again with the CSV text built by the caller (how jsforce uploads fastest).
 *
 * Usage: node packages/salesforce-emulator/bench/emulator-bench.mjs [--opportunities 100000]
 *        [--commissions N (default: = opportunities)] [--concurrency 6] [--json FILE]
 * Build first: pnpm exec tsc -b packages/salesforce-emulator
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

// jsforce sends even loopback traffic through a proxy when these are set.
for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) {
  delete process.env[name];
}

const { values: args } = parseArgs({
  options: {
    opportunities: { type: 'string', default: '100000' },
    commissions: { type: 'string' },
    concurrency: { type: 'string', default: '6' },
    json: { type: 'string' },
  },
});
const opportunities = positive('opportunities', args.opportunities);
const commissions = positive('commissions', args.commissions ?? args.opportunities);
const concurrency = positive('concurrency', args.concurrency);

const { createEmulator, EMULATOR_DEFAULTS } = await import('../dist/index.js').catch((error) => {
  console.error(
    'Cannot load packages/salesforce-emulator/dist: run `pnpm exec tsc -b packages/salesforce-emulator` first.',
  );
  throw error;
});
const { default: jsforce } = await import('jsforce');

const API_VERSION = '62.0';
const SOQL = 'SELECT Id, OwnerId, Amount, CloseDate, StageName, CurrencyIsoCode, SystemModstamp FROM Opportunity';

const results = [];
let cpuMark = process.cpuUsage();
const started = performance.now();
const emulator = await createEmulator({ port: 0, seed: 1, opportunities, dailyApiLimit: 10_000_000 });
record('seed org (generate + load)', opportunities, started);

try {
  const conn = await connect(emulator);
  const total = emulator.store.count('Opportunity');

  let t = performance.now();
  const rest = await conn.query(SOQL, {
    autoFetch: true,
    maxFetch: total + 1,
    headers: { 'Sforce-Query-Options': 'batchSize=2000' },
  });
  check(rest.records.length === total, `REST query returned ${rest.records.length} of ${total}`);
  record('(a) REST query, 2,000/page', rest.records.length, t);

  t = performance.now();
  const stream = await conn.bulk2.query(SOQL, { pollInterval: 50, pollTimeout: 600_000 });
  let bulkRows = 0;
  await new Promise((resolve, reject) => {
    stream.on('record', () => bulkRows++);
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  check(bulkRows === total, `Bulk 2.0 query returned ${bulkRows} of ${total}`);
  record('(b) Bulk 2.0 query', bulkRows, t);

  const opportunityIds = rest.records.map((row) => row.Id);
  const ownerIds = rest.records.map((row) => row.OwnerId);
  const rows = (prefix) =>
    Array.from({ length: commissions }, (_, i) => ({
      External_Key__c: `${prefix}-${i}`,
      Opportunity__c: opportunityIds[i % opportunityIds.length],
      Rep__c: ownerIds[i % ownerIds.length],
      Amount__c: ((i % 9973) * 1.25).toFixed(2),
      Rate__c: '0.0725',
      Period__c: '2025-03',
      Kind__c: 'base',
      Plan__c: 'AE 2025',
    }));

  t = performance.now();
  const upserted = await upsertByCollections(conn, rows('COLL'));
  check(upserted.failed === 0, `${upserted.failed} collection upserts failed: ${upserted.firstError}`);
  record(`(c) collections upsert, 200/request x${concurrency}`, upserted.ok, t);

  const bulkInput = rows('BULK');
  t = performance.now();
  // loadAndWaitForResults, step by step so the job's own processing time can be reported too.
  const job = conn.bulk2.createJob({
    object: 'Commission__c',
    operation: 'upsert',
    externalIdFieldName: 'External_Key__c',
  });
  const phases = {};
  const phase = async (name, work) => {
    const since = performance.now();
    const value = await work();
    phases[name] = Number(((performance.now() - since) / 1000).toFixed(3));
    return value;
  };
  await phase('open', () => job.open());
  await phase('upload', () => job.uploadData(bulkInput));
  await phase('close', () => job.close());
  await phase('poll', () => job.poll(50, 600_000));
  const loaded = await phase('results', () => job.getAllResults());
  check(
    loaded.failedResults.length === 0,
    `${loaded.failedResults.length} bulk rows failed: ${loaded.failedResults[0]?.sf__Error}`,
  );
  record('(d) Bulk 2.0 ingest upsert, one job', loaded.successfulResults.length, t, job.getInfo().totalProcessingTime);
  results.at(-1).phases = phases;

  // The same job with the CSV written by the caller: jsforce then streams the text as is instead of
  // serializing record objects one by one, which is most of (d)'s client time.
  const csvRows = rows('TEXT');
  const columns = Object.keys(csvRows[0]);
  const quote = (value) => `"${String(value).replaceAll('"', '""')}"`;
  const csv = `${columns.join(',')}\n${csvRows.map((row) => columns.map((c) => quote(row[c])).join(',')).join('\n')}\n`;
  t = performance.now();
  const fromText = await conn.bulk2.loadAndWaitForResults({
    object: 'Commission__c',
    operation: 'upsert',
    externalIdFieldName: 'External_Key__c',
    input: csv,
  });
  check(fromText.failedResults.length === 0, `${fromText.failedResults.length} bulk rows failed`);
  record('(e) Bulk 2.0 ingest upsert, CSV text input', fromText.successfulResults.length, t);
  check(emulator.store.count('Commission__c') === 3 * commissions, 'unexpected Commission__c count');
} finally {
  await emulator.close();
}

printTable();
const machine = {
  node: process.version,
  cpus: availableParallelism(),
  loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
};
console.log(
  `node ${machine.node}, ${machine.cpus} CPUs, load average ${machine.loadAverage1m} (wall times include waiting for a busy CPU)`,
);
if (args.json) {
  await writeFile(
    args.json,
    `${JSON.stringify({ opportunities, commissions, concurrency, machine, results }, null, 2)}\n`,
  );
  console.log(`figures written to ${args.json}`);
}

async function connect(emu) {
  const response = await fetch(`${emu.url}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: EMULATOR_DEFAULTS.clientId,
      client_secret: EMULATOR_DEFAULTS.clientSecret,
    }),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  const token = await response.json();
  return new jsforce.Connection({
    instanceUrl: token.instance_url,
    accessToken: token.access_token,
    version: API_VERSION,
  });
}

/** 200 records per request, `concurrency` requests in flight. */
async function upsertByCollections(conn, all) {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let firstError;
  const worker = async () => {
    while (next < all.length) {
      const batch = all.slice(next, next + 200);
      next += 200;
      const answers = await conn.sobject('Commission__c').upsert(batch, 'External_Key__c');
      for (const answer of answers) {
        if (answer.success) ok++;
        else {
          failed++;
          firstError ??= JSON.stringify(answer.errors);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ok, failed, firstError };
}

/**
 * One line of the table. CPU is this process's (client and server share it): on a busy machine wall
 * time includes waiting for the CPU, CPU time does not. `serverMs`: the job's own processing time.
 */
function record(name, count, since, serverMs) {
  const seconds = (performance.now() - since) / 1000;
  const cpu = process.cpuUsage(cpuMark);
  cpuMark = process.cpuUsage();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  results.push({
    name,
    records: count,
    seconds: Number(seconds.toFixed(3)),
    recordsPerSecond: Math.round(count / seconds),
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    ...(serverMs === undefined ? {} : { jobProcessingSeconds: serverMs / 1000 }),
  });
}

function printTable() {
  const header = ['step', 'records', 'wall s', 'records/s', 'cpu s', 'job s'];
  const lines = results.map((r) => [
    r.name,
    r.records.toLocaleString('en-US'),
    r.seconds.toFixed(2),
    r.recordsPerSecond.toLocaleString('en-US'),
    r.cpuSeconds.toFixed(2),
    r.jobProcessingSeconds === undefined ? '' : r.jobProcessingSeconds.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
  const row = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(row(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(row(line));
  for (const r of results) {
    if (r.phases)
      console.log(
        `${r.name}, wall s by phase: ${Object.entries(r.phases)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function positive(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return value;
}
