/**
 * `pnpm --silent attain emulator [options]`: starts the emulator on 127.0.0.1, prints one line with
 * its URL once it is ready, serves until SIGTERM or SIGINT, then closes (saving `--data-file`) and
 * resolves 0. Refusals (bad flags, port in use, unreadable SFDX objects) print one line to stderr
 * and resolve 2; anything unexpected resolves 1.
 */
import { SchemaLoadError } from '../schema/sfdx-loader.js';
import { createEmulator } from '../server.js';
import { parseOptions, USAGE, UsageError } from './options.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Resolves when the process is asked to stop (SIGTERM / SIGINT). */
  stopSignal(): Promise<string>;
}

function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stopSignal: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          resolve(signal);
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      }),
  };
}

export async function main(command: string, args: string[], io: CliIo = processIo()): Promise<number> {
  if (command !== 'emulator') {
    io.stderr.write(`unknown command: ${command}\n`);
    return 2;
  }
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`attain emulator: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const stopped = io.stopSignal();
  let emulator: Awaited<ReturnType<typeof createEmulator>>;
  try {
    emulator = await createEmulator(options.emulator);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.stderr.write(`attain emulator: port ${options.emulator.port} is already in use (try --port 0)\n`);
      return 2;
    }
    if (error instanceof SchemaLoadError) {
      io.stderr.write(`attain emulator: cannot load the SFDX objects: ${error.message} [${error.code}]\n`);
      return 2;
    }
    io.stderr.write(`attain emulator: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
  const opportunities = emulator.store.count('Opportunity').toLocaleString('en-US');
  io.stdout.write(
    `Salesforce emulator ready at ${emulator.url} (org ${emulator.store.org.id}, ${opportunities} opportunities)\n`,
  );
  await stopped;
  try {
    await emulator.close();
  } catch (error) {
    io.stderr.write(`attain emulator: could not shut down cleanly: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
  return 0;
}
