#!/usr/bin/env node
// `pnpm bench`: runs every benchmark (engine, emulator, sync, API) with `--json`, then writes
// docs/performance.md (figures, ratios to their floors or targets, the machine) and an SVG chart of
// the ratios (docs/performance-ratios.svg). Long: minutes. Never part of `npm test`.
// `--from DIR` renders the report from an earlier run's JSON files (DIR/<name>.json) without
// running the benchmarks again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineDescription, ratioChart, report, summarize } from './bench-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BENCHES = [
  { name: 'engine', script: 'packages/engine/bench/run.mjs' },
  { name: 'emulator', script: 'packages/salesforce-emulator/bench/emulator-bench.mjs' },
  { name: 'sync', script: 'packages/sync-worker/bench/sync-bench.mjs' },
  { name: 'api', script: 'packages/api/bench/api-bench.mjs' },
];

const fromIndex = process.argv.indexOf('--from');
const fromDir = fromIndex > 0 ? process.argv[fromIndex + 1] : undefined;
const work = fromDir ?? mkdtempSync(join(os.tmpdir(), 'attain-bench-'));

const results = BENCHES.map((bench) => {
  const jsonFile = join(work, `${bench.name}.json`);
  let status = 'ok';
  if (!fromDir) {
    process.stderr.write(`[bench] ${bench.name}: node ${bench.script} --json ${jsonFile}\n`);
    const run = spawnSync(process.execPath, [bench.script, '--json', jsonFile], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) status = `exit ${run.status}`;
  }
  const json = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : null;
  return { ...bench, status: json ? status : 'no figures', json };
});

const summaries = results.map(summarize);
writeFileSync(join(root, 'docs/performance-ratios.svg'), ratioChart(summaries));
writeFileSync(join(root, 'docs/performance.md'), report(machineDescription(), summaries));
process.stderr.write(`[bench] wrote docs/performance.md and docs/performance-ratios.svg (raw figures in ${work})\n`);
process.exitCode = results.some((result) => result.status !== 'ok') ? 1 : 0;
