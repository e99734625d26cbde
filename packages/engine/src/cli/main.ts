import { BufferedWriter } from './buffered-writer.js';
import { CliError, usageError } from './cli-error.js';
import { type CliIo, processIo } from './cli-io.js';
import { runCompare } from './commands/compare.js';
import { runCompute } from './commands/compute.js';
import { runEstimate } from './commands/estimate.js';
import { runValidate } from './commands/validate.js';
import { allUsages, COMMANDS, type CommandName, type CommandOptions, isCommandName, parseOptions } from './options.js';
import { OutputClosedError } from './output-closed-error.js';

/** Exit statuses: 0 done, 1 our own failure (a bug), 2 the caller's input or flags need fixing. */
export const ExitCode = { ok: 0, internal: 1, badInput: 2 } as const;

const RUNNERS: Record<CommandName, (options: CommandOptions, io: CliIo) => Promise<number>> = {
  compute: runCompute,
  validate: runValidate,
  estimate: runEstimate,
  compare: runCompare,
};

/**
 * Entry point called by `scripts/attain.mjs` for `compute`, `validate`, `estimate` and `compare`.
 * Returns the exit status and never throws: a refusal prints its lines, anything unexpected prints one
 * line (no stack trace) and returns 1. Does not call `process.exit`, so stdout is flushed before exit.
 */
export async function main(command: string, args: string[], io: CliIo = processIo()): Promise<number> {
  try {
    if (!isCommandName(command)) {
      throw usageError(`unknown command: ${command}`, `attain <command> [options]\n${allUsages()}`);
    }
    const options = parseOptions(command, args);
    if (options.help) {
      const spec = COMMANDS[command];
      io.stdout.write(`usage: ${spec.usage}\n  ${spec.summary}\n`);
      return ExitCode.ok;
    }
    return await RUNNERS[command](options, io);
  } catch (error) {
    return await reportFailure(command, error, io);
  }
}

async function reportFailure(command: string, error: unknown, io: CliIo): Promise<number> {
  // The reader of stdout went away (`… | head`): nothing useful to say, and nowhere to say it.
  if (error instanceof OutputClosedError) return ExitCode.internal;
  const isRefusal = error instanceof CliError;
  const lines = isRefusal ? error.lines : [`attain ${command}: internal error: ${describe(error)}`];
  try {
    const err = new BufferedWriter(io.stderr);
    for (const line of lines) await err.write(`${line}\n`);
    await err.end();
  } catch {
    // stderr is gone too; the exit status still tells.
  }
  return isRefusal ? ExitCode.badInput : ExitCode.internal;
}

/** One line, however the error was built: the message's first line, or the thrown value itself. */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const firstLine = text.split('\n', 1)[0] ?? text;
  return firstLine.length > 500 ? `${firstLine.slice(0, 500)}…` : firstLine;
}
