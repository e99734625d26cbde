/**
 * The worker's logger: pino JSON lines on stdout. Secrets never reach a log on purpose, and the
 * redaction below is the second line of defence for objects logged whole (an error carrying a
 * request, a configuration): tokens, secrets, private keys and authorization headers become
 * `[redacted]` at any depth pino can address.
 */
import { type Logger, pino } from 'pino';
import type { WorkerConfig } from './config.js';

const SECRET_NAMES = [
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'privateKey',
  'assertion',
  'password',
  'authorization',
  'Authorization',
  'sessionId',
];

/** `x`, `*.x`, `*.*.x`, `*.headers.x`: pino's paths match one level per `*`. */
export const REDACTED_PATHS = SECRET_NAMES.flatMap((name) => [
  name,
  `*.${name}`,
  `*.*.${name}`,
  `*.headers.${name}`,
  `*.*.headers.${name}`,
]);

export function createLogger(level: WorkerConfig['logLevel'], destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'attain-sync-worker', pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
