#!/usr/bin/env node
// `pnpm bench`: runs every benchmark that exists (engine, emulator, sync, API) with `--json`, then
// writes docs/performance.md (figures, ratios to their floors or targets, the machine) and an SVG
// chart of the ratios (docs/performance-ratios.svg). Long: minutes. Never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(os.tmpdir(), 'attain-bench-'));
const BENCHES = [
  { name: 'engine', script: 'packages/engine/bench/run.mjs' },
  { name: 'emulator', script: 'packages/salesforce-emulator/bench/emulator-bench.mjs' },
  { name: 'sync', script: 'packages/sync-worker/bench/sync-bench.mjs' },
  { name: 'api', script: 'packages/sync-worker/bench/api-bench.mjs' },
];

const results = [];
for (const bench of BENCHES) {
  if (!existsSync(join(root, bench.script))) {
    results.push({ ...bench, status: 'missing' });
    continue;
  }
  const jsonFile = join(work, `${bench.name}.json`);
  process.stderr.write(`[bench] ${bench.name}: node ${bench.script} --json ${jsonFile}\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [bench.script, '--json', jsonFile], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (Date.now() - started) / 1000;
  const json = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : null;
  results.push({ ...bench, status: run.status === 0 ? 'ok' : `exit ${run.status}`, seconds, json, stdout: run.stdout });
}

/** Every numeric leaf of a JSON result with its path, and the pairs that look like a figure and its floor. */
function leaves(value, path = '') {
  if (typeof value === 'number') return [[path, value]];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
  }
  return [];
}
function ratios(json) {
  const out = [];
  for (const [path, value] of leaves(json)) {
    const match = /^(.*?)(ratio|Ratio|VsFloor|vsFloor|overFloor)$/.exec(path.split('.').pop() ?? '');
    if (match) out.push({ path, ratio: value });
  }
  return out;
}

const cpus = os.cpus();
const machine = [
  `- CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
  `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB (free at the end: ${(os.freemem() / 2 ** 30).toFixed(1)} GiB)`,
  `- Node.js ${process.version}, ${os.type()} ${os.release()} (${os.arch()})`,
  `- Load average at the end: ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ')} (1 / 5 / 15 min)`,
  `- Date: ${new Date().toISOString()}`,
];

const sections = results.map((result) => {
  if (result.status === 'missing') return `## ${result.name}\n\nNo benchmark script (${result.script}).\n`;
  const figures = result.json
    ? leaves(result.json)
        .slice(0, 60)
        .map(([path, value]) => `| \`${path}\` | ${Number.isInteger(value) ? value : value.toFixed(3)} |`)
        .join('\n')
    : '';
  return `## ${result.name}\n\n\`node ${result.script}\` — ${result.status}, ${result.seconds.toFixed(0)} s wall.\n\n${
    figures
      ? `| figure | value |\n|---|---|\n${figures}\n`
      : `\`\`\`\n${(result.stdout ?? '').trim().slice(-4000)}\n\`\`\`\n`
  }`;
});

const allRatios = results.flatMap((result) =>
  result.json ? ratios(result.json).map((r) => ({ ...r, bench: result.name })) : [],
);
const chartRows = allRatios.slice(0, 16);
const width = 720;
const barHeight = 22;
const height = 40 + chartRows.length * (barHeight + 6);
const max = Math.max(1, ...chartRows.map((row) => row.ratio));
const bars = chartRows
  .map((row, index) => {
    const y = 30 + index * (barHeight + 6);
    const w = Math.max(1, ((width - 330) * row.ratio) / max);
    const label = `${row.bench}: ${row.path}`.slice(0, 48);
    return `<text x="4" y="${y + 15}" font-size="11">${label.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text><rect x="300" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${row.ratio <= 1 ? '#2e844a' : '#0176d3'}"/><text x="${(305 + w).toFixed(1)}" y="${y + 15}" font-size="11">${row.ratio.toFixed(2)}×</text>`;
  })
  .join('\n');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<text x="4" y="18" font-size="13" font-weight="bold">Ratios to floor / target (lower is better; 1× = the floor)</text>
${bars || '<text x="4" y="40" font-size="12">No ratios reported by the benchmarks.</text>'}
</svg>\n`;
writeFileSync(join(root, 'docs/performance-ratios.svg'), svg);

const ratioTable = allRatios.length
  ? `| benchmark | figure | ratio |\n|---|---|---|\n${allRatios.map((r) => `| ${r.bench} | \`${r.path}\` | ${r.ratio.toFixed(2)}× |`).join('\n')}\n`
  : 'The benchmarks reported no ratios.\n';

writeFileSync(
  join(root, 'docs/performance.md'),
  `# Performance\n\nWritten by \`pnpm bench\` (scripts/bench-all.mjs): every benchmark with \`--json\`, figures as reported.\n\n## Machine\n\n${machine.join('\n')}\n\n## Ratios to floors and targets\n\n![ratios](performance-ratios.svg)\n\n${ratioTable}\n${sections.join('\n')}`,
);
process.stderr.write(`[bench] wrote docs/performance.md and docs/performance-ratios.svg\n`);
process.exitCode = results.some((result) => result.status !== 'ok' && result.status !== 'missing') ? 1 : 0;
