/**
 * The API's configuration: the worker's (Redis, Salesforce: the API shares the worker's store and
 * reads the org's describe through the same integration user) plus the variables only the API
 * needs, checked here so that `attain worker` never asks for them. Every problem is reported, one
 * line each, naming the variable.
 */

import { isIPv4 } from 'node:net';
import {
  type ConfigProblem,
  ConfigProblemCode,
  environmentProblems,
  loadConfig,
  type WorkerConfig,
} from '@attain/store';
import { z } from 'zod';
import { to18 } from './auth/salesforce-id.js';
import { loadTokenKeys, type TokenKeys } from './auth/token-keys.js';

export interface ApiConfig {
  worker: WorkerConfig;
  host: string;
  port: number;
  /** Public keys of the org's token-signing certificate (`ATTAIN_TOKEN_PUBLIC_KEYS`, `ATTAIN_TOKEN_JWKS`). */
  tokenKeys: TokenKeys;
  /** 18-character id of the one org whose tokens are accepted. */
  orgId: string;
  /** Origins allowed to call from a browser (the org's Lightning and My Domain origins). */
  allowedOrigins: string[];
  /** Connected app consumer secret of the Canvas app; absent = `POST /canvas` is refused. */
  canvasConsumerSecret: string | null;
  rateLimitPerMinute: number;
  clockToleranceSec: number;
  /** Reverse proxies in front of the API (express `trust proxy` hops). */
  trustProxy: number;
  /**
   * When set, `GET /metrics` wants `Authorization: Bearer <this>`. Required unless API_HOST is
   * loopback (the demo, tests, or a proxy on the same machine that keeps /metrics private).
   */
  metricsToken: string | null;
  /** Share of the daily API limit the worker may spend (the same `API_BUDGET_FRACTION`), for the ops status. */
  apiBudgetFraction: number;
}

export type ApiConfigResult = { ok: true; config: ApiConfig } | { ok: false; problems: ConfigProblem[] };

function isOrigin(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  if (url.origin !== text) return false;
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  return url.protocol === 'https:' || (url.protocol === 'http:' && local);
}

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: `must be between ${min} and ${max}` });

const apiEnvSchema = z.object({
  API_HOST: z.string().trim().min(1).default('127.0.0.1'),
  API_PORT: integer(0, 65_535).default(8080),
  SF_ORG_ID: z
    .string({ error: 'required: the 15- or 18-character id of the org (00D…)' })
    .trim()
    .refine((value) => /^00D/.test(value) && to18(value) !== null, {
      error: 'must be a 15- or 18-character org id starting with 00D',
    }),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .refine((origins) => origins.every(isOrigin), {
      error: 'must be comma-separated origins like https://acme.lightning.force.com (https, no path)',
    }),
  CANVAS_CONSUMER_SECRET: z.string().optional(),
  API_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000).default(600),
  API_CLOCK_TOLERANCE_SEC: integer(0, 300).default(30),
  API_TRUST_PROXY: integer(0, 10).default(0),
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
});

/** `127.0.0.0/8`, `::1` or `localhost`: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIPv4(bare) && bare.startsWith('127.');
}

/** Empty values count as unset, as in the worker's configuration. */
function presentOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value.trim() !== '') out[name] = value;
  return out;
}

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfigResult {
  const worker = loadConfig(env);
  const parsed = apiEnvSchema.safeParse(presentOnly(env));
  const tokenKeys = loadTokenKeys(presentOnly(env));
  const problems: ConfigProblem[] = worker.ok ? [] : [...worker.problems];
  if (!parsed.success) problems.push(...environmentProblems(parsed.error.issues));
  else if (parsed.data.METRICS_TOKEN === undefined && !isLoopback(parsed.data.API_HOST)) {
    problems.push({
      code: ConfigProblemCode.missingVariable,
      path: ['METRICS_TOKEN'],
      message:
        `required when the API listens beyond loopback (API_HOST is ${parsed.data.API_HOST}): ` +
        'set a token of at least 16 characters for GET /metrics, or set API_HOST=127.0.0.1',
    });
  }
  if (!tokenKeys.ok) problems.push(...tokenKeys.problems);
  if (problems.length > 0 || !worker.ok || !parsed.success || !tokenKeys.ok) return { ok: false, problems };
  const raw = parsed.data;
  return {
    ok: true,
    config: {
      worker: worker.config,
      host: raw.API_HOST,
      port: raw.API_PORT,
      tokenKeys: tokenKeys.keys,
      orgId: to18(raw.SF_ORG_ID) as string,
      allowedOrigins: raw.ALLOWED_ORIGINS,
      canvasConsumerSecret: raw.CANVAS_CONSUMER_SECRET ?? null,
      rateLimitPerMinute: raw.API_RATE_LIMIT_PER_MINUTE,
      clockToleranceSec: raw.API_CLOCK_TOLERANCE_SEC,
      trustProxy: raw.API_TRUST_PROXY,
      metricsToken: raw.METRICS_TOKEN ?? null,
      apiBudgetFraction: worker.config.apiBudgetFraction,
    },
  };
}
