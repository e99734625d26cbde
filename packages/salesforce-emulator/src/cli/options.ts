/**
 * Flags of `attain emulator`, parsed into `EmulatorOptions`. Unknown flags and bad values are
 * refusals (exit 2) with a one-line reason.
 */
import { readFileSync } from 'node:fs';
import type { FailureMode } from '../faults.js';
import type { EmulatorOptions } from '../server.js';

export const USAGE = `usage: pnpm --silent attain emulator [options]
  Runs a local Salesforce (REST, OAuth, Bulk 2.0) on 127.0.0.1 until SIGTERM/SIGINT.
  --port N              port to listen on (default 4010; 0 = any free port)
  --seed N              seed of the generated org (default 1)
  --opportunities N     opportunities in the generated org (default 1000)
  --data-file F         load the org from F when it exists, save it to F on shutdown
  --client-id ID        OAuth client id (default attain-local)
  --client-secret S     OAuth client secret (default attain-local-secret)
  --jwt-certificate F   PEM certificate/public key for the JWT bearer flow
  --user-password P     password of every user (username-password flow, SOAP login)
  --latency-ms N        delay every API request by N ms
  --failure-rate R      fail this share (0..1) of API requests
  --failure-mode M      503 | UNABLE_TO_LOCK_ROW | mixed (default 503)
  --fault-seed N        seed of the failure draws (default 1)
  --daily-limit N       daily API request limit (default 100000)
  --bulk-page-size N    rows per Bulk 2.0 query results page without maxRecords (default 250000)
  --sfdx-path DIR       also load the custom objects of this SFDX project (repeatable)
  --help                this text`;

export class UsageError extends Error {}

export interface CliOptions {
  help: boolean;
  emulator: EmulatorOptions;
}

export const DEFAULT_PORT = 4010;

function integer(flag: string, text: string | undefined, min = 0): number {
  const value = Number(text);
  if (text === undefined || text === '' || !Number.isInteger(value) || value < min) {
    throw new UsageError(`${flag} needs an integer ≥ ${min}, got ${text ?? 'nothing'}`);
  }
  return value;
}

export function parseOptions(args: string[]): CliOptions {
  const emulator: EmulatorOptions = { port: DEFAULT_PORT };
  const faults: NonNullable<EmulatorOptions['faults']> = {};
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--port':
        emulator.port = integer(flag, value());
        if (emulator.port > 65535) throw new UsageError('--port must be at most 65535');
        break;
      case '--seed':
        emulator.seed = integer(flag, value());
        break;
      case '--opportunities':
        emulator.opportunities = integer(flag, value());
        break;
      case '--data-file':
        emulator.dataFile = value();
        break;
      case '--client-id':
        emulator.clientId = value();
        break;
      case '--client-secret':
        emulator.clientSecret = value();
        break;
      case '--user-password':
        emulator.userPassword = value();
        break;
      case '--jwt-certificate': {
        const path = value();
        try {
          emulator.jwtCertificate = readFileSync(path, 'utf8');
        } catch {
          throw new UsageError(`--jwt-certificate: cannot read ${path}`);
        }
        break;
      }
      case '--latency-ms':
        faults.latencyMs = integer(flag, value());
        break;
      case '--failure-rate': {
        const text = value();
        const rate = Number(text);
        if (text === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
          throw new UsageError(`--failure-rate needs a number between 0 and 1, got ${text}`);
        }
        faults.failureRate = rate;
        break;
      }
      case '--failure-mode': {
        const mode = value();
        if (!['503', 'UNABLE_TO_LOCK_ROW', 'mixed'].includes(mode)) {
          throw new UsageError(`--failure-mode must be 503, UNABLE_TO_LOCK_ROW or mixed, got ${mode}`);
        }
        faults.failureMode = mode as FailureMode;
        break;
      }
      case '--fault-seed':
        faults.seed = integer(flag, value());
        break;
      case '--daily-limit':
        emulator.dailyApiLimit = integer(flag, value(), 1);
        break;
      case '--bulk-page-size':
        emulator.bulkQueryPageSize = integer(flag, value(), 1);
        break;
      case '--sfdx-path':
        emulator.sfdxProjects = [...(emulator.sfdxProjects ?? []), value()];
        break;
      default:
        throw new UsageError(`unknown option: ${arg}`);
    }
  }
  if (Object.keys(faults).length > 0) emulator.faults = faults;
  return { help, emulator };
}
