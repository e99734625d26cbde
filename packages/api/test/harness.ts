/**
 * The API as it runs: a private redis-server, the Salesforce emulator, a worker that fully syncs
 * the seeded org (plans, statements and the directory of users and permission sets come from the
 * real sync path), and `startApi` on a loopback port with responses checked against their schemas.
 * People are picked from the synced directory: two reps under different managers, rep A's manager
 * and that manager's manager, an Attain_Ops user and an Attain_Admin user.
 */
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import type { Directory } from '@attain/store';
import { enqueueSync } from '@attain/store';
import {
  adminConnection,
  installPlan,
  mintTestToken,
  type RunningWorker,
  signToken,
  startRedis,
  startTestWorker,
  type TestRedis,
  type TokenKeyPair,
  tokenKeyPair,
  uniqueNamespace,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import type { Connection } from 'jsforce';
import { type Logger, pino } from 'pino';
import { loadApiConfig } from '../src/config.js';
import { type RunningApi, startApi } from '../src/server.js';

/** The org's token-signing certificate, played by a key pair: the API gets only its public key. */
export const TOKEN_KEYS: TokenKeyPair = tokenKeyPair();
export const ALLOWED_ORIGIN = 'https://acme.lightning.force.com';

export interface People {
  repA: string;
  repB: string;
  /** Rep A's manager (rep B is outside their tree). */
  manager: string;
  /** The manager's manager. */
  vp: string;
  ops: string;
  admin: string;
}

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: replies are read field by field in assertions
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string | null | undefined;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface Harness {
  redis: TestRedis;
  emulator: Emulator;
  worker: RunningWorker;
  api: RunningApi;
  admin: Connection;
  orgId: string;
  namespace: string;
  people: People;
  directory: Directory;
  /** A statement period rep A has statements (with lines) for. */
  periodOfA: string;
  token(userId: string, claims?: Record<string, unknown>): Promise<string>;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  /** A second API process on the same Redis and org, with other settings. */
  startAnother(
    env: Record<string, string>,
    logger: Logger,
    clock?: () => Date,
    options?: { retryWaitMs?: number },
  ): Promise<{
    running: RunningApi;
    request: (method: string, path: string, options?: RequestOptions) => Promise<Reply>;
  }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  opportunities?: number;
  seed?: number;
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const redis = await startRedis();
  const emulator = await createEmulator({
    port: 0,
    seed: options.seed ?? 7,
    opportunities: options.opportunities ?? 600,
  });
  const namespace = uniqueNamespace('api');
  const config = workerConfig(redis.url, emulator, namespace);
  const worker = await startTestWorker(config);
  const admin = await adminConnection(emulator);
  await installPlan(worker.context.store, admin);
  await enqueueSync(worker.context.queues, 'full', 'test');
  await waitForIdle(worker.context);

  const orgId = emulator.store.org.id;
  const apiEnv = {
    REDIS_URL: redis.url,
    SF_LOGIN_URL: emulator.url,
    SF_CLIENT_ID: 'attain-local',
    SF_CLIENT_SECRET: 'attain-local-secret',
    ATTAIN_NAMESPACE: namespace,
    API_PORT: '0',
    ATTAIN_TOKEN_PUBLIC_KEYS: TOKEN_KEYS.publicKeyPem,
    SF_ORG_ID: orgId,
    ALLOWED_ORIGINS: ALLOWED_ORIGIN,
    ...options.env,
  };
  const loaded = loadApiConfig(apiEnv);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const api = await startApi({ config: loaded.config, logger: pino({ level: 'silent' }), validateResponses: true });

  const stored = await worker.context.store.directory.get();
  if (!stored) throw new Error('the sync stored no directory');
  const directory = stored.directory;
  const holds = (id: string, set: string) => directory.permissionSets[id]?.includes(set as never) ?? false;
  const reports = (id: string) => directory.users.filter((user) => user.managerId === id);
  const statementStore = api.api.services.store.statements;
  // Reps: people with a manager, nobody under them, and statements.
  const reps: { id: string; managerId: string; periods: string[] }[] = [];
  for (const user of directory.users) {
    if (
      !user.managerId ||
      reports(user.id).length > 0 ||
      holds(user.id, 'Attain_Ops') ||
      holds(user.id, 'Attain_Admin')
    )
      continue;
    const periods = await statementStore.periodsOf(user.id);
    if (periods.length > 0) reps.push({ id: user.id, managerId: user.managerId, periods: periods.sort() });
  }
  const repA = reps[0];
  const repB = reps.find((rep) => rep.managerId !== repA?.managerId);
  const vp = repA && directory.users.find((user) => user.id === repA.managerId)?.managerId;
  const ops = directory.users.find((user) => holds(user.id, 'Attain_Ops') && !holds(user.id, 'Attain_Admin'));
  const adminUser = directory.users.find(
    (user) => holds(user.id, 'Attain_Admin') && user.name !== 'Attain Integration',
  );
  if (!repA || !repB || !vp || !ops || !adminUser) {
    throw new Error(
      `the seeded org lacks the people the tests need: ${JSON.stringify({ users: directory.users.length, sets: directory.permissionSets, reps: reps.length, repA, repB, vp, ops, adminUser, runs: await worker.context.store.runs.list(3) })}`,
    );
  }
  // A period whose statement has lines (quota-only statements have none).
  let periodOfA = repA.periods[0] as string;
  for (const period of repA.periods) {
    const stored = await statementStore.get({ repId: repA.id, period });
    if (stored?.statements.some((statement) => statement.lines.length > 0)) {
      periodOfA = period;
      break;
    }
  }

  return {
    redis,
    emulator,
    worker,
    api,
    admin,
    orgId,
    namespace,
    directory,
    periodOfA,
    people: { repA: repA.id, repB: repB.id, manager: repA.managerId, vp, ops: ops.id, admin: adminUser.id },
    async token(userId, claims = {}) {
      const now = Math.floor(Date.now() / 1000);
      if (Object.keys(claims).length === 0) return mintTestToken(TOKEN_KEYS, { userId, orgId, nowSec: now }).token;
      const body = { sub: userId, org: orgId, aud: 'attain', iat: now, exp: now + 300, ...claims };
      return signToken(TOKEN_KEYS, body);
    },
    request: (method, path, request) => requestTo(api.url, method, path, request),
    async startAnother(env, logger, clock, options = {}) {
      const another = loadApiConfig({ ...apiEnv, ...env });
      if (!another.ok) throw new Error(JSON.stringify(another.problems));
      const running = await startApi({
        config: another.config,
        logger,
        validateResponses: true,
        ...(clock ? { clock } : {}),
        ...options,
      });
      return { running, request: (method, path, request) => requestTo(running.url, method, path, request) };
    },
    async close() {
      await api?.close();
      await worker?.close();
      await emulator?.close();
      await redis?.cleanup();
    },
  };
}

export async function requestTo(
  base: string,
  method: string,
  path: string,
  request: RequestOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | undefined = request.rawBody;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    redirect: 'manual',
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
