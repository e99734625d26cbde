/** What the worker's CLI commands write to and read from (tests pass their own). */

import type { ProgressSink } from './progress.js';

export interface CliIo {
  stdout: ProgressSink;
  stderr: ProgressSink;
  env: NodeJS.ProcessEnv;
  /** Resolves when the worker should stop (default: the first SIGTERM or SIGINT). */
  stopSignal?: Promise<string>;
  /** Poll interval of `sync --wait` (ms). */
  pollMs?: number;
}
