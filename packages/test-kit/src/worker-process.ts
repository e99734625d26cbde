/**
 * `attain worker` as its own process (the way it is deployed), output appended to a log file. It runs
 * the same code as the module that starts it: TypeScript sources when this file is a source (the
 * tests, under Vitest), through `scripts/ts-loader.mjs` and the `@attain/source` condition; the
 * build (`dist/`) otherwise (the demo).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file is `packages/test-kit/{src,dist}/worker-process.*`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** Node's arguments that run `@attain/*` from their TypeScript sources, when this kit itself does. */
export function nodeArguments(): string[] {
  return FROM_SOURCES ? ['--conditions=@attain/source', '--import', join(REPO_ROOT, 'scripts/ts-loader.mjs')] : [];
}

export interface WorkerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** Ends the process now (the reliability suite's `kill -9`). */
  kill(signal?: NodeJS.Signals): Promise<unknown>;
  /** SIGTERM (the worker finishes its active jobs), SIGKILL after `graceMs`. */
  stop(): Promise<unknown>;
}

export function startWorkerProcess(options: {
  env: Record<string, string>;
  logFile: string;
  name: string;
  graceMs?: number;
}): WorkerProcess {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...nodeArguments(), join(REPO_ROOT, 'scripts/attain.mjs'), 'worker'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, ...(FROM_SOURCES ? { ATTAIN_FROM_SOURCES: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C to the demo reaches only the demo, which stops the workers in order.
    detached: true,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return track(child, options.name, options.graceMs ?? 15_000);
}

function track(child: ChildProcess, name: string, graceMs: number): WorkerProcess {
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    pid: child.pid,
    exited,
    alive,
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (alive()) child.kill(signal);
      return exited;
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      const timer = setTimeout(() => alive() && child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
