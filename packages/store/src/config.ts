/**
 * The worker's configuration, read from the environment once at start and checked as a whole: every
 * problem is reported (one line each, naming the variable) rather than the first one only, so an
 * operator fixes a bad deployment in one round.
 */
import { readFileSync } from 'node:fs';
import { formatPath, type Problem } from '@attain/engine';
import type { SalesforceAuth } from '@attain/salesforce';
import { z } from 'zod';

export type { SalesforceAuth };

export interface WorkerConfig {
  redisUrl: string;
  /** Redis namespace: store keys live under `<namespace>:`, BullMQ queues under `{<namespace>}`. */
  namespace: string;
  salesforce: {
    loginUrl: string;
    apiVersion: string;
    auth: SalesforceAuth;
  };
  syncIntervalMs: number;
  /**
   * Fraction of the org's daily API requests the worker may use before it stops spending. A ratio
   * of request counts, never money: it is compared against `used / max` of `Sforce-Limit-Info`.
   */
  apiBudgetFraction: number;
  concurrency: number;
  /** How long a job's lock lasts without renewal: a worker killed mid-job has its job taken over after this. */
  jobLockMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Port of the worker's own `/metrics` (Prometheus text, 127.0.0.1 only); absent = not served. */
  metricsPort?: number;
}

/**
 * One problem with the configuration, in Attain's one problem shape: the path is the variable
 * (`['REDIS_URL']`, `[]` for the environment as a whole), the code zod's (`invalid_format`,
 * `too_small`, …) or one of {@link ConfigProblemCode}.
 */
export type ConfigProblem = Problem;

export const ConfigProblemCode = {
  /** A variable that must be set (alone or with another) is not. */
  missingVariable: 'missing_variable',
  /** Two variables that exclude each other are both set. */
  conflictingVariables: 'conflicting_variables',
  /** The JWT key file cannot be read or is not an unencrypted PEM private key. */
  unusableKeyFile: 'unusable_key_file',
} as const;

/** zod's issues about environment variables as configuration problems. */
export function environmentProblems(issues: z.ZodError['issues']): ConfigProblem[] {
  return issues.map((issue) => ({
    code: issue.code,
    path: issue.path.length === 0 ? [] : [String(issue.path[0])],
    message: issue.message,
  }));
}

export type ConfigResult = { ok: true; config: WorkerConfig } | { ok: false; problems: ConfigProblem[] };

const nonEmpty = (example: string) =>
  z
    .string({ error: `required (e.g. ${example})` })
    .trim()
    .min(1, { error: `required (e.g. ${example})` });

const integerText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: `must be between ${min} and ${max}` });

const envSchema = z.object({
  REDIS_URL: nonEmpty('redis://127.0.0.1:6379').refine(
    (value) => /^rediss?:\/\/[^\s]+$/.test(value) && URL.canParse(value),
    { error: 'must be a redis:// or rediss:// URL' },
  ),
  ATTAIN_NAMESPACE: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'may hold only letters, digits, _ and -' })
    .default('attain'),
  SF_LOGIN_URL: nonEmpty('https://login.salesforce.com').refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    { error: 'must be an http(s) URL' },
  ),
  SF_CLIENT_ID: nonEmpty('the connected app consumer key'),
  SF_CLIENT_SECRET: z.string().trim().optional(),
  SF_JWT_KEY_FILE: z.string().trim().optional(),
  SF_USERNAME: z.string().trim().optional(),
  SF_API_VERSION: z
    .string()
    .trim()
    .regex(/^\d{2,3}\.0$/, { error: 'must look like 62.0' })
    .default('62.0'),
  SYNC_INTERVAL_MS: integerText(1_000, 86_400_000).default(300_000),
  API_BUDGET_FRACTION: z
    .string()
    .trim()
    .regex(/^(0(\.\d+)?|1(\.0+)?)$/, { error: 'must be a fraction between 0 and 1, e.g. 0.8' })
    .transform(Number)
    .refine((value) => value > 0, { error: 'must be greater than 0' })
    .default(0.8),
  WORKER_CONCURRENCY: integerText(1, 64).default(4),
  JOB_LOCK_MS: integerText(1_000, 600_000).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_METRICS_PORT: integerText(1, 65_535).optional(),
});

/** Empty strings count as unset: `FOO= attain worker` is how people "unset" a variable in a shell. */
function presentOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[name] = value;
  }
  return out;
}

/** Reads a PEM private key; the problem is returned rather than thrown so it joins the others. */
function readPrivateKey(path: string): { key: string } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { problem: `cannot read ${path} (${code})` };
  }
  if (!/-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----/.test(text)) {
    return { problem: `${path} is not a PEM private key` };
  }
  if (text.includes('ENCRYPTED PRIVATE KEY')) return { problem: `${path} is encrypted; give an unencrypted key` };
  return { key: text };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = envSchema.safeParse(presentOnly(env));
  const problems: ConfigProblem[] = [];
  if (!parsed.success) problems.push(...environmentProblems(parsed.error.issues));
  const raw = parsed.success ? parsed.data : undefined;
  const secret = presentOnly(env).SF_CLIENT_SECRET;
  const keyFile = presentOnly(env).SF_JWT_KEY_FILE;
  const username = presentOnly(env).SF_USERNAME;

  let auth: SalesforceAuth | undefined;
  if (secret !== undefined && keyFile !== undefined) {
    problems.push({
      code: ConfigProblemCode.conflictingVariables,
      path: ['SF_JWT_KEY_FILE'],
      message: 'set either SF_CLIENT_SECRET or SF_JWT_KEY_FILE, not both',
    });
  } else if (keyFile !== undefined) {
    if (username === undefined) {
      problems.push({
        code: ConfigProblemCode.missingVariable,
        path: ['SF_USERNAME'],
        message: 'required with SF_JWT_KEY_FILE (the integration user)',
      });
    }
    const key = readPrivateKey(keyFile);
    if ('problem' in key) {
      problems.push({ code: ConfigProblemCode.unusableKeyFile, path: ['SF_JWT_KEY_FILE'], message: key.problem });
    } else if (raw && username !== undefined) {
      auth = { kind: 'jwt-bearer', clientId: raw.SF_CLIENT_ID, username, privateKey: key.key, keyFile };
    }
  } else if (secret === undefined) {
    problems.push({
      code: ConfigProblemCode.missingVariable,
      path: ['SF_CLIENT_SECRET'],
      message: 'required (or SF_JWT_KEY_FILE and SF_USERNAME for the JWT bearer flow)',
    });
  } else if (raw) {
    auth = { kind: 'client-credentials', clientId: raw.SF_CLIENT_ID, clientSecret: secret };
  }

  if (problems.length > 0 || !raw || !auth) return { ok: false, problems };
  return {
    ok: true,
    config: {
      redisUrl: raw.REDIS_URL,
      namespace: raw.ATTAIN_NAMESPACE,
      salesforce: { loginUrl: raw.SF_LOGIN_URL.replace(/\/+$/, ''), apiVersion: raw.SF_API_VERSION, auth },
      syncIntervalMs: raw.SYNC_INTERVAL_MS,
      apiBudgetFraction: raw.API_BUDGET_FRACTION,
      concurrency: raw.WORKER_CONCURRENCY,
      jobLockMs: raw.JOB_LOCK_MS,
      logLevel: raw.LOG_LEVEL,
      ...(raw.WORKER_METRICS_PORT === undefined ? {} : { metricsPort: raw.WORKER_METRICS_PORT }),
    },
  };
}

/** What commands that only read the store need (`attain status`): no Salesforce credentials. */
export interface StoreConfig {
  redisUrl: string;
  namespace: string;
  /** As the workers are configured, if this environment says (for showing usage against the budget). */
  apiBudgetFraction: number;
}

export type StoreConfigResult = { ok: true; config: StoreConfig } | { ok: false; problems: ConfigProblem[] };

export function loadStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfigResult {
  const schema = envSchema.pick({ REDIS_URL: true, ATTAIN_NAMESPACE: true, API_BUDGET_FRACTION: true });
  const parsed = schema.safeParse(presentOnly(env));
  if (!parsed.success) {
    return { ok: false, problems: environmentProblems(parsed.error.issues) };
  }
  return {
    ok: true,
    config: {
      redisUrl: parsed.data.REDIS_URL,
      namespace: parsed.data.ATTAIN_NAMESPACE,
      apiBudgetFraction: parsed.data.API_BUDGET_FRACTION,
    },
  };
}

/** A Redis URL fit to print: the password (and a user name) replaced. */
export function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'redis://(unparseable)';
  }
}

/** `REDIS_URL: must be a redis:// or rediss:// URL` — the line printed for one problem. */
export function formatConfigProblem(problem: ConfigProblem): string {
  return `${formatPath(problem.path) || '(environment)'}: ${problem.message}`;
}
