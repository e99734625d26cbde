/**
 * `attain api`: runs the HTTP API until SIGTERM/SIGINT. Exit status 2 on bad configuration or
 * usage (one line per problem, naming the variable), 0 after a clean stop.
 */
import { formatConfigProblem, stopSignal } from '@attain/store';
import { loadApiConfig } from './config.js';
import { startApi } from './server.js';

export const API_USAGE = 'pnpm --silent attain api';

export interface ApiCliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  stopSignal?: Promise<string>;
}

function defaultIo(): ApiCliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** The entry `scripts/attain.mjs` calls for the commands this package declares (`attain api`). */
export async function main(command: string, args: string[], io: ApiCliIo = defaultIo()): Promise<number> {
  if (command === 'api') return runApiCommand(args, io);
  io.stderr.write(`unknown command: ${command}\nusage: ${API_USAGE}\n`);
  return 2;
}

export async function runApiCommand(args: string[], io: ApiCliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write(`unknown option: ${args[0]}\nusage: ${API_USAGE}\n`);
    return 2;
  }
  const loaded = loadApiConfig(io.env);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.stderr.write(`${formatConfigProblem(problem)}\n`);
    return 2;
  }
  const stop = io.stopSignal ?? stopSignal();
  const running = await startApi({ config: loaded.config });
  io.stdout.write(`attain api listening on ${running.url}\n`);
  const signal = await stop;
  io.stderr.write(`${signal}: finishing requests, then stopping\n`);
  await running.close();
  return 0;
}
