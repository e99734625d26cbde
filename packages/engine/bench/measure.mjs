// Measures one whole child process: wall time from spawn to exit, and its peak RSS (through the
// peak-rss.mjs preload). Whole processes, because that is what a user waits for: start-up, reading
// the file, parsing, computing and writing the answer all count.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const peakRssPreload = pathToFileURL(join(import.meta.dirname, 'peak-rss.mjs')).href;
/** How much of a failing child's stderr to keep for the error message. */
const STDERR_TAIL_CHARS = 8_000;

/**
 * @typedef {object} ProcessRun
 * @property {number | null} exitCode
 * @property {NodeJS.Signals | null} signal
 * @property {number} wallMs spawn to exit
 * @property {number | null} peakRssKb null when the process died before it could report (e.g. killed)
 * @property {number | null} cpuMs user + system CPU time of all its threads; null like peakRssKb
 * @property {string} stderr the last few KB of its stderr
 */

/**
 * Runs `node --import peak-rss.mjs ...args` with stdout going to `stdoutPath` (default: the null device).
 * @param {object} options
 * @param {string[]} options.args node arguments after the preload: a script path or `-e`, and its arguments
 * @param {string} options.cwd
 * @param {string} options.rssFile where the preload writes the peak RSS (scratch, deleted after reading)
 * @param {string} [options.stdoutPath]
 * @returns {Promise<ProcessRun>}
 */
export async function measureProcess({ args, cwd, rssFile, stdoutPath }) {
  rmSync(rssFile, { force: true });
  const stdoutFd = openSync(stdoutPath ?? devNull, 'w');
  try {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', peakRssPreload, ...args], {
      cwd,
      stdio: ['ignore', stdoutFd, 'pipe'],
      env: { ...process.env, ATTAIN_BENCH_RSS_FILE: rssFile },
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
    });
    /** @typedef {{ exitCode: number | null, signal: NodeJS.Signals | null, wallMs: number }} Ended */
    /** @type {Ended} */
    const ended = await new Promise((resolve, reject) => {
      /** @type {Ended | undefined} */
      let exit;
      /** @param {number | null} exitCode @param {NodeJS.Signals | null} signal */
      const stopClock = (exitCode, signal) => ({
        exitCode,
        signal,
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
      child.on('error', reject);
      // The clock stops at exit; 'close' (all stderr read) is only awaited so the message is complete.
      child.on('exit', (exitCode, signal) => {
        exit = stopClock(exitCode, signal);
      });
      child.on('close', (exitCode, signal) => resolve(exit ?? stopClock(exitCode, signal)));
    });
    return { ...ended, ...readUsage(rssFile), stderr };
  } finally {
    closeSync(stdoutFd);
  }
}

/**
 * @param {string} rssFile
 * @returns {{ peakRssKb: number | null, cpuMs: number | null }}
 */
function readUsage(rssFile) {
  try {
    const { maxRSS, userCPUTime, systemCPUTime } = JSON.parse(readFileSync(rssFile, 'utf8'));
    return { peakRssKb: maxRSS, cpuMs: (userCPUTime + systemCPUTime) / 1000 };
  } catch {
    return { peakRssKb: null, cpuMs: null };
  } finally {
    rmSync(rssFile, { force: true });
  }
}

/**
 * The median; for an even count, the mean of the two middle values. Nulls (unknown) are left out.
 * @param {(number | null)[]} values
 * @returns {number | null}
 */
export function median(values) {
  /** @type {number[]} */
  const known = [];
  for (const value of values) if (value !== null) known.push(value);
  known.sort((a, b) => a - b);
  if (known.length === 0) return null;
  const upper = known[Math.floor(known.length / 2)] ?? 0;
  const lower = known[Math.ceil(known.length / 2) - 1] ?? 0;
  return (lower + upper) / 2;
}
