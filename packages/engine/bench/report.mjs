// The benchmark's figures: one plain object (saved with --json for later performance reports) and
// the table printed from it.
import os from 'node:os';
import { median } from './measure.mjs';

/** Compute may take at most this many times as long as merely parsing the same file. */
export const TIME_RATIO_TARGET = 2;
/** Compute's peak RSS may be at most this many times the input file's size. */
export const RSS_RATIO_TARGET = 3;

/**
 * @typedef {import('./measure.mjs').ProcessRun} ProcessRun
 * @typedef {import('./generate.mjs').GenerateSummary} GenerateSummary
 * @typedef {{ statements: number, lines: number, warnings: number, bytes: number } | { error: string, bytes: number }} OutputCheck
 */

/** @param {ProcessRun[]} runs */
function summarizeRuns(runs) {
  const timesMs = runs.map((run) => round(run.wallMs, 1));
  const peakRssKb = runs.map((run) => run.peakRssKb);
  const cpuMs = runs.map((run) => (run.cpuMs === null ? null : round(run.cpuMs, 1)));
  return {
    timesMs,
    medianMs: median(timesMs),
    cpuMs,
    medianCpuMs: median(cpuMs),
    peakRssKb,
    medianPeakRssKb: median(peakRssKb),
  };
}

/**
 * @param {number} value
 * @param {number} digits
 */
function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * @param {object} input
 * @param {GenerateSummary} input.data
 * @param {number} input.runs
 * @param {OutputCheck} input.output
 * @param {ProcessRun[]} input.parseRuns
 * @param {ProcessRun[]} input.computeRuns
 * @param {number | null} input.emptyNodeRssKb peak RSS of `node -e ''`, to see what the runtime alone takes
 */
export function buildFigures({ data, runs, output, parseRuns, computeRuns, emptyNodeRssKb }) {
  const parse = summarizeRuns(parseRuns);
  const compute = summarizeRuns(computeRuns);
  const timeRatio = compute.medianMs !== null && parse.medianMs ? round(compute.medianMs / parse.medianMs, 2) : null;
  const rssRatio = compute.medianPeakRssKb !== null ? round((compute.medianPeakRssKb * 1024) / data.bytes, 2) : null;
  const cpuRatio =
    compute.medianCpuMs !== null && parse.medianCpuMs ? round(compute.medianCpuMs / parse.medianCpuMs, 2) : null;
  const parseRssRatio = parse.medianPeakRssKb !== null ? round((parse.medianPeakRssKb * 1024) / data.bytes, 2) : null;
  const cpus = os.cpus();
  return {
    measuredAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryBytes: os.totalmem(),
    },
    params: { deals: data.deals, reps: data.reps, seed: data.seed, runs },
    input: {
      path: data.out,
      bytes: data.bytes,
      deals: data.deals,
      wonDeals: data.wonDeals,
      splitDeals: data.splitDeals,
      eurDeals: data.eurDeals,
      reps: data.reps,
      quotas: data.quotas,
    },
    output: { ...output, expectedStatements: data.expectedStatements },
    parse,
    compute,
    targets: {
      timeRatio: {
        value: timeRatio,
        limit: TIME_RATIO_TARGET,
        pass: timeRatio !== null && timeRatio <= TIME_RATIO_TARGET,
      },
      rssRatio: { value: rssRatio, limit: RSS_RATIO_TARGET, pass: rssRatio !== null && rssRatio <= RSS_RATIO_TARGET },
    },
    cpuRatio,
    parseRssRatio,
    emptyNodeRssKb,
    loadAverage: os.loadavg().map((load) => round(load, 2)),
  };
}

/** @typedef {ReturnType<typeof buildFigures>} Figures */

const mb = (/** @type {number} */ bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const rssMb = (/** @type {number | null} */ kb) => (kb === null ? 'n/a' : mb(kb * 1024));
const seconds = (/** @type {number | null} */ ms) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const count = (/** @type {number} */ n) => n.toLocaleString('en-US');
const ratio = (/** @type {number | null} */ r) => (r === null ? 'n/a' : `${r.toFixed(2)}×`);

/**
 * @param {Figures} figures
 * @returns {string}
 */
export function formatTable(figures) {
  const { machine, input, output, parse, compute, targets } = figures;
  const runs = figures.params.runs;
  const rows = [
    ['', 'read + JSON.parse', 'attain compute'],
    [`time, median of ${runs}`, seconds(parse.medianMs), seconds(compute.medianMs)],
    [
      '  each run',
      parse.timesMs.map((ms) => seconds(ms)).join(' '),
      compute.timesMs.map((ms) => seconds(ms)).join(' '),
    ],
    [`CPU time (user+sys), median`, seconds(parse.medianCpuMs), seconds(compute.medianCpuMs)],
    [`peak RSS, median of ${runs}`, rssMb(parse.medianPeakRssKb), rssMb(compute.medianPeakRssKb)],
    ['  each run', parse.peakRssKb.map(rssMb).join(' '), compute.peakRssKb.map(rssMb).join(' ')],
    ['peak RSS / file size', ratio(figures.parseRssRatio), ratio(targets.rssRatio.value)],
  ];
  const notes = [
    `(compute / parse CPU time: ${ratio(figures.cpuRatio)}; an empty node process peaks at ` +
      `${rssMb(figures.emptyNodeRssKb)} RSS; 1 MB = 10^6 bytes)`,
    `(load average ${figures.loadAverage.join(' ')} on ${machine.cores} cores` +
      `${(figures.loadAverage[0] ?? 0) > machine.cores ? ': the machine is busy, wall times are inflated' : ''})`,
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => /** @type {string} */ (row[c]).length)));
  const table = rows.map((row) =>
    row
      .map((cell, c) => cell.padEnd(/** @type {number} */ (widths[c])))
      .join('   ')
      .trimEnd(),
  );
  const verdict = (/** @type {boolean} */ pass) => (pass ? 'PASS' : 'MISS');
  const outputLine =
    'error' in output
      ? `output  not checked: ${output.error}`
      : `output  ${count(output.statements)} statements (expected ${count(output.expectedStatements)}), ` +
        `${count(output.lines)} lines, ${count(output.warnings)} warnings, ${mb(output.bytes)}`;
  return [
    `Attain engine benchmark — node ${machine.node}, ${machine.platform}, ${machine.cores} × ${machine.cpu}, ` +
      `${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB RAM`,
    `input   ${mb(input.bytes)}, ${count(input.deals)} deals (${count(input.wonDeals)} won, ` +
      `${count(input.splitDeals)} split, ${count(input.eurDeals)} EUR), ${count(input.reps)} reps, ` +
      `${count(input.quotas)} quotas`,
    `        ${input.path}`,
    outputLine,
    '',
    ...table,
    ...notes,
    '',
    `target  compute time / parse time     ${ratio(targets.timeRatio.value).padEnd(7)} ≤ ${TIME_RATIO_TARGET}×   ${verdict(targets.timeRatio.pass)}`,
    `target  compute peak RSS / file size  ${ratio(targets.rssRatio.value).padEnd(7)} ≤ ${RSS_RATIO_TARGET}×   ${verdict(targets.rssRatio.pass)}`,
    '',
  ].join('\n');
}
