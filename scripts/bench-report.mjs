// Turns the benchmarks' JSON figures into docs/performance.md and its SVG chart. One summary per
// benchmark: rows of { figure, value, floor or target, ratio, verdict }, read from each script's own
// JSON shape (see each bench script's `--json` output).
import os from 'node:os';

const seconds = (value) => `${Number(value).toFixed(2)} s`;
const ratio = (value) => `${Number(value).toFixed(2)}×`;
const rate = (value) => `${Math.round(value).toLocaleString('en-US')}/s`;
const ms = (value) => `${Number(value).toFixed(2)} ms`;
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

const SUMMARIZERS = {
  engine: (j) => [
    {
      figure: 'input',
      value: `${j.input.deals.toLocaleString('en-US')} deals, ${(j.input.bytes / 1e6).toFixed(1)} MB`,
    },
    {
      figure: 'output',
      value: `${j.output.statements.toLocaleString('en-US')} statements, ${j.output.lines.toLocaleString('en-US')} lines`,
    },
    {
      figure: 'read + JSON.parse (floor), wall / CPU',
      value: `${seconds(j.parse.medianMs / 1000)} / ${seconds(j.parse.medianCpuMs / 1000)}`,
    },
    {
      figure: 'attain compute, wall / CPU',
      value: `${seconds(j.compute.medianMs / 1000)} / ${seconds(j.compute.medianCpuMs / 1000)}`,
    },
    {
      figure: 'time vs parse (wall)',
      value: ratio(j.targets.timeRatio.value),
      target: `≤ ${j.targets.timeRatio.limit}×`,
      ratio: j.targets.timeRatio.value,
      limit: j.targets.timeRatio.limit,
    },
    {
      figure: 'peak RSS vs file size',
      value: ratio(j.targets.rssRatio.value),
      target: `≤ ${j.targets.rssRatio.limit}× (JSON.parse alone: ${ratio(j.parseRssRatio)})`,
      ratio: j.targets.rssRatio.value,
      limit: j.targets.rssRatio.limit,
    },
  ],
  emulator: (j) =>
    j.results.map((step) => ({
      figure: step.name,
      value: `${seconds(step.seconds)} wall, ${seconds(step.cpuSeconds)} CPU, ${rate(step.recordsPerSecond)}`,
    })),
  sync: (j) => [
    {
      figure: `full resync of ${j.opportunities.toLocaleString('en-US')} opportunities`,
      value: `${seconds(j.full.seconds)} (${j.full.written.lines.toLocaleString('en-US')} lines, ${j.full.written.statements.toLocaleString('en-US')} statements)`,
    },
    {
      figure: 'read calls / least possible',
      value: `${(j.full.calls.calls.query ?? 0) + (j.full.calls.calls.queryMore ?? 0)} / ${j.full.minimum.queryPages} pages`,
    },
    {
      figure: 'write calls / least possible',
      value: `${j.full.calls.calls.collections ?? 0} / ${j.full.minimum.collectionCalls}`,
    },
    {
      figure: 'incremental, no change',
      value: `${seconds(j.incrementalNoChange.seconds)}, ${j.incrementalNoChange.calls.query + (j.incrementalNoChange.calls.queryMore ?? 0)} query calls, ${j.incrementalNoChange.writes} writes`,
      target: '1 query per object, 0 writes',
    },
    {
      figure: `incremental, ${j.incrementalChanged.deals} changed deals`,
      value: `${seconds(j.incrementalChanged.seconds)}, ${j.incrementalChanged.calls.collections ?? 0} collection calls`,
    },
    {
      figure: 'update → written back, p95 (1 s poll)',
      value: seconds(j.latency.p95),
      target: '≤ 2 s',
      ratio: j.latency.p95 / 2,
      limit: 1,
      label: 'p95 / 2 s',
    },
    {
      figure: 'full resync vs plain jsforce floor',
      value: `${ratio(j.ratioToFloor)} (floor ${seconds(j.floor.seconds)})`,
      target: '≤ 1.5×',
      ratio: j.ratioToFloor,
      limit: 1.5,
    },
  ],
  api: (j) => [
    {
      figure: `load: ${j.load.reps.toLocaleString('en-US')} reps, ${j.load.deals.toLocaleString('en-US')} deals`,
      value: seconds(j.load.seconds),
    },
    {
      figure: `${j.endpoint} at ${j.atRate.requestsPerSecond} req/s`,
      value: `p50 ${ms(j.atRate.p50Ms)}, p99 ${ms(j.atRate.p99Ms)}, ${j.atRate.failed} failed`,
      target: `p99 ≤ ${j.target.p99Ms} ms`,
      ratio: j.atRate.p99Ms / j.target.p99Ms,
      limit: 1,
      label: 'p99 / 20 ms',
    },
    {
      figure: 'as fast as 50 connections go',
      value: `${rate(j.maximum.requestsPerSecond)}, p99 ${ms(j.maximum.p99Ms)}`,
    },
  ],
};

export function summarize(result) {
  const summarizer = SUMMARIZERS[result.name];
  const rows = result.json && summarizer ? summarizer(result.json) : [];
  return { name: result.name, script: result.script, status: result.status, rows };
}

export function machineDescription() {
  const cpus = os.cpus();
  const load = os.loadavg().map((value) => value.toFixed(2));
  return [
    `- CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node.js ${process.version}, ${os.type()} ${os.release()} (${os.arch()})`,
    `- Load average when the report was written: ${load.join(' / ')} (1 / 5 / 15 min)`,
    `- Date: ${new Date().toISOString()}`,
  ];
}

export function report(machine, summaries) {
  const sections = summaries.map((summary) => {
    const head = `## ${summary.name}\n\n\`node ${summary.script} --json FILE\` — ${summary.status}\n`;
    if (summary.rows.length === 0) return `${head}\nNo figures.\n`;
    const table = summary.rows.map((row) => {
      const check = row.limit === undefined ? '' : verdict(row.ratio <= row.limit);
      return `| ${row.figure} | ${row.value} | ${row.target ?? ''} | ${check} |`;
    });
    return `${head}\n| figure | value | target | |\n|---|---|---|---|\n${table.join('\n')}\n`;
  });
  return `# Performance\n\nWritten by \`pnpm bench\` (scripts/bench-all.mjs); each package README explains its benchmark and what a missed target would take.\n\n## Machine\n\n${machine.join('\n')}\n\n## Ratios to targets\n\n![ratios to targets](performance-ratios.svg)\n\n${sections.join('\n')}`;
}

/** One bar per figure that has a target: measured ÷ target, the target line at 1×. */
export function ratioChart(summaries) {
  const rows = summaries.flatMap((summary) =>
    summary.rows.filter((row) => row.limit !== undefined).map((row) => ({ ...row, bench: summary.name })),
  );
  const width = 720;
  const left = 300;
  const scale = (width - left - 80) / Math.max(2, ...rows.map((row) => row.ratio / row.limit));
  const bars = rows.map((row, index) => {
    const y = 34 + index * 28;
    const relative = row.ratio / row.limit;
    const label = `${row.bench}: ${row.label ?? row.figure}`.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return `<text x="4" y="${y + 15}" font-size="11">${label}</text><rect x="${left}" y="${y}" width="${(relative * scale).toFixed(1)}" height="22" fill="${relative <= 1 ? '#2e844a' : '#ba0517'}"/><text x="${(left + 6 + relative * scale).toFixed(1)}" y="${y + 15}" font-size="11">${relative.toFixed(2)}× target</text>`;
  });
  const height = 44 + rows.length * 28;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<text x="4" y="18" font-size="13" font-weight="bold">Measured ÷ target (green: within the target, red: missed)</text>
<line x1="${left + scale}" y1="26" x2="${left + scale}" y2="${height - 4}" stroke="#444" stroke-dasharray="4 3"/>
${bars.join('\n')}
</svg>
`;
}
