#!/usr/bin/env node
// `pnpm bench:engine`: how long `attain compute` takes on a year of data, and how much memory it
// needs, compared with merely reading and JSON.parse-ing the same file.
//
//   node packages/engine/bench/run.mjs [--deals N] [--reps N] [--seed N] [--runs N] [--json FILE] [--keep] [--regenerate]
//
// Both are timed as whole processes (start-up included), stdout to the null device, `--runs` times
// each (alternating), median reported. The generated input is cached in os.tmpdir()/attain-bench/ and
// reused by later runs with the same parameters. Progress goes to stderr, the table to stdout.
// Exit status: 0 with a report (even when a target is missed), 1 when `attain compute` fails or its
// output has the wrong number of statements, 2 for bad options.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATOR_VERSION, generateYear, integerOption } from './generate.mjs';
import { generateV2Year, V2_GENERATOR_VERSION } from './generate-v2.mjs';
import { measureProcess } from './measure.mjs';
import { buildFigures, formatTable } from './report.mjs';

const repoRoot = resolve(import.meta.dirname, '../../..');
const attainScript = join(repoRoot, 'scripts', 'attain.mjs');
const engineCli = join(repoRoot, 'packages', 'engine', 'dist', 'cli', 'main.js');
/** The baseline: read the file and parse it, nothing else (touching `.deals` so nothing is skipped). */
const PARSE_ONLY =
  "const d = JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8')); if (!Array.isArray(d.deals)) process.exit(3);";

const log = (/** @type {string} */ line) => process.stderr.write(`[bench] ${line}\n`);

/** @typedef {import('./generate.mjs').GenerateSummary} GenerateSummary */

/**
 * The input file for these parameters: from the cache when a complete one is there, else generated
 * (into a partial file renamed at the end, so an interrupted run never leaves a truncated "cached" file).
 * @param {{ deals: number, reps: number, seed: number, regenerate: boolean, variant: string }} params
 * @returns {Promise<GenerateSummary>}
 */
async function inputFile({ deals, reps, seed, regenerate, variant }) {
  const v1 = await v1InputFile({ deals, reps, seed, regenerate });
  if (variant === 'v1') return v1;
  // The v2 year is derived from the v1 year (see generate-v2.mjs), cached beside it.
  const out = v1.out.replace(/\.json$/, `-plan-v2-g${V2_GENERATOR_VERSION}.json`);
  const metaPath = `${out}.meta.json`;
  if (!regenerate && existsSync(out) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.bytes === statSync(out).size) {
      log(`reusing cached v2 input ${out} (${(meta.bytes / 1e6).toFixed(1)} MB)`);
      return { ...meta, out };
    }
  }
  log('deriving the v2 year (versions, 50 managers on a team plan, draws, 10% cancelled deals, Q1–Q2 closed) …');
  const partial = `${out}.${process.pid}.partial`;
  try {
    const v2 = await generateV2Year({
      v1Path: v1.out,
      out: partial,
      seed,
      engineDist: join(repoRoot, 'packages', 'engine', 'dist'),
    });
    renameSync(partial, out);
    const summary = { ...v1, ...v2, out, variant: 'v2' };
    writeFileSync(metaPath, `${JSON.stringify(summary, null, 2)}\n`);
    log(
      `wrote ${out} (${(summary.bytes / 1e6).toFixed(1)} MB): ${v2.cancelledDeals} cancelled deals, ${v2.closedStatements} closed statements`,
    );
    return summary;
  } finally {
    rmSync(partial, { force: true });
  }
}

/** @param {{ deals: number, reps: number, seed: number, regenerate: boolean }} params */
async function v1InputFile({ deals, reps, seed, regenerate }) {
  const cacheDir = join(tmpdir(), 'attain-bench');
  mkdirSync(cacheDir, { recursive: true });
  const out = join(cacheDir, `year-v${GENERATOR_VERSION}-d${deals}-r${reps}-s${seed}.json`);
  const metaPath = `${out}.meta.json`;
  if (!regenerate && existsSync(out) && existsSync(metaPath)) {
    /** @type {GenerateSummary} */
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.bytes === statSync(out).size) {
      log(`reusing cached input ${out} (${(meta.bytes / 1e6).toFixed(1)} MB)`);
      return { ...meta, out };
    }
  }
  log(`generating ${deals.toLocaleString('en-US')} deals for ${reps.toLocaleString('en-US')} reps (seed ${seed}) …`);
  const started = performance.now();
  const partial = `${out}.${process.pid}.partial`;
  try {
    const summary = { ...(await generateYear({ out: partial, deals, reps, seed })), out };
    renameSync(partial, out);
    writeFileSync(metaPath, `${JSON.stringify(summary, null, 2)}\n`);
    log(
      `wrote ${out} (${(summary.bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return summary;
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Counts what the check run produced. The output can be far larger than the input (one line per
 * credit and component, each with its explanation), so a too-large output is reported, not fatal.
 * @param {string} path
 * @returns {import('./report.mjs').OutputCheck}
 */
function checkOutput(path) {
  const bytes = statSync(path).size;
  try {
    const document = JSON.parse(readFileSync(path, 'utf8'));
    if (!Array.isArray(document.statements) || !Array.isArray(document.warnings)) {
      return { error: 'output has no statements/warnings arrays', bytes };
    }
    let lines = 0;
    for (const statement of document.statements) lines += Array.isArray(statement.lines) ? statement.lines.length : 0;
    return { statements: document.statements.length, lines, warnings: document.warnings.length, bytes };
  } catch (error) {
    return { error: `could not parse the output: ${error instanceof Error ? error.message : String(error)}`, bytes };
  }
}

/**
 * @param {import('./measure.mjs').ProcessRun} run
 * @param {string} what
 */
function describeFailure(run, what) {
  const status = run.signal ? `was killed by ${run.signal}` : `exited with status ${run.exitCode}`;
  return `${what} ${status} after ${(run.wallMs / 1000).toFixed(1)} s\n${run.stderr.trimEnd()}`;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      deals: { type: 'string' },
      reps: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      regenerate: { type: 'boolean', default: false },
      variant: { type: 'string', default: 'v1' },
      help: { type: 'boolean', default: false },
    },
  });
  const options = {
    deals: integerOption(values.deals, 'deals', 400_000),
    reps: integerOption(values.reps, 'reps', 5_000),
    seed: integerOption(values.seed, 'seed', 1),
    runs: integerOption(values.runs, 'runs', 3),
    json: values.json,
    keep: values.keep,
    regenerate: values.regenerate,
    variant: values.variant,
    help: values.help,
  };
  if (options.variant !== 'v1' && options.variant !== 'v2') throw new RangeError('--variant must be v1 or v2');
  if (options.runs < 1) throw new RangeError('--runs must be at least 1');
  return options;
}

const USAGE = `usage: node packages/engine/bench/run.mjs [options]
  --deals N      deals in the generated year (default 400000)
  --reps N       reps (default 5000)
  --seed N       PRNG seed (default 1)
  --runs N       timed runs of each process; the median is reported (default 3)
  --json FILE    also save the figures as JSON
  --keep         keep the scratch directory (the checked compute output) and print where it is
  --regenerate   regenerate the input even if a cached one exists
  --variant V    v1 (default): the plan-language v1 year; v2: the same year with plan versions, 50
                 managers on a team plan, draws, 10% cancelled deals and Q1–Q2 closed
`;

async function main() {
  let options;
  try {
    options = parseOptions();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!existsSync(engineCli)) {
    process.stderr.write(`the engine is not built (${engineCli} is missing): run \`pnpm build\` first\n`);
    return 1;
  }

  const data = await inputFile(options);
  const scratch = mkdtempSync(join(tmpdir(), 'attain-bench-run-'));
  const rssFile = join(scratch, 'peak-rss');
  const computeArgs = [attainScript, 'compute', '--input', data.out];
  const parseArgsList = ['-e', PARSE_ONLY, data.out];
  try {
    // An untimed check run: the output must be well-formed with one statement per rep and quarter.
    // It also warms the page cache, so the timed runs all read the file from memory.
    log('check run: attain compute → output file …');
    const outputPath = join(scratch, 'output.json');
    const check = await measureProcess({ args: computeArgs, cwd: repoRoot, rssFile, stdoutPath: outputPath });
    if (check.exitCode !== 0) {
      process.stderr.write(`${describeFailure(check, 'attain compute')}\n`);
      return 1;
    }
    const output = checkOutput(outputPath);
    log(
      'error' in output
        ? `check run done in ${(check.wallMs / 1000).toFixed(1)} s; ${output.error}`
        : `check run done in ${(check.wallMs / 1000).toFixed(1)} s: ${output.statements} statements, ` +
            `${output.lines} lines, ${output.warnings} warnings`,
    );
    if (!options.keep) rmSync(outputPath, { force: true });

    const parseRuns = [];
    const computeRuns = [];
    for (let run = 1; run <= options.runs; run++) {
      const parsed = await measureProcess({ args: parseArgsList, cwd: repoRoot, rssFile });
      if (parsed.exitCode !== 0) {
        process.stderr.write(`${describeFailure(parsed, 'the parse-only baseline')}\n`);
        return 1;
      }
      log(`run ${run}/${options.runs}: parse only ${(parsed.wallMs / 1000).toFixed(2)} s`);
      parseRuns.push(parsed);
      const computed = await measureProcess({ args: computeArgs, cwd: repoRoot, rssFile });
      if (computed.exitCode !== 0) {
        process.stderr.write(`${describeFailure(computed, 'attain compute')}\n`);
        return 1;
      }
      log(`run ${run}/${options.runs}: attain compute ${(computed.wallMs / 1000).toFixed(2)} s`);
      computeRuns.push(computed);
    }

    const emptyNode = await measureProcess({ args: ['-e', ''], cwd: repoRoot, rssFile });
    const figures = buildFigures({
      data,
      runs: options.runs,
      output,
      parseRuns,
      computeRuns,
      emptyNodeRssKb: emptyNode.peakRssKb,
    });
    process.stdout.write(formatTable(figures));
    if (options.json) {
      writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
      log(`figures saved to ${options.json}`);
    }
    if (options.keep) log(`scratch kept in ${scratch}`);
    if (!('error' in output) && output.statements !== data.expectedStatements) {
      process.stderr.write(
        `attain compute produced ${output.statements} statements, expected ${data.expectedStatements} ` +
          '(one per rep, and in v2 per manager, and quarter: everyone has a quota in every quarter)\n',
      );
      return 1;
    }
    return 0;
  } finally {
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
