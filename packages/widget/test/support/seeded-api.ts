/**
 * A real Attain stack for the browser tests and the screenshot script, on loopback only: a private
 * redis-server, the Salesforce emulator with its seeded org, a sync worker that runs one full sync
 * (so Redis holds real statements computed by the engine), and the Attain API over that Redis.
 * Tokens are minted like the org's Apex does (RS256 with a key pair made for the run, sub/org/aud/iat/exp/jti) for four real users
 * of the seeded org: a rep with statements, their manager, the rev-ops user and the admin.
 */

import { loadApiConfig, startApi } from '@attain/api';
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { enqueueSync } from '@attain/store';
import {
  adminConnection,
  installPlan,
  mintTestToken,
  type RunningWorker,
  startRedis,
  startTestWorker,
  type TestRedis,
  tokenKeyPair,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import type { Connection } from 'jsforce';
import { quarterOf } from './stacks.js';

const NAMESPACE = 'widget';
/** The org's token-signing certificate, played by a key pair: the API gets only its public key. */
const TOKEN_KEYS = tokenKeyPair();

export const Persona = { rep: 'rep', manager: 'manager', ops: 'ops', admin: 'admin' } as const;
export type Persona = (typeof Persona)[keyof typeof Persona];

export interface SeededApi {
  /** The API's base URL as the Node side reaches it. */
  apiUrl: string;
  /** The org's today (YYYY-MM-DD) the stack was seeded with; the widget is told it as its `today`. */
  today: string;
  orgId: string;
  users: Record<Persona, { id: string; name: string }>;
  /** The opportunity whose Amount was removed (a record-level error). */
  brokenDealId: string;
  /** Mints a fresh token for a user (5-minute life, like the Apex). */
  token(userId: string): Promise<string>;
  close(): Promise<void>;
}

/** A 5-minute token, minted as the org's Apex does (RS256, kid, sub/org/aud/iat/exp/jti). */
async function mint(orgId: string, userId: string): Promise<string> {
  return mintTestToken(TOKEN_KEYS, { userId, orgId }).token;
}

/** The four people the tests act as, read from the seeded org the way Salesforce would answer. */
async function personas(admin: Connection, repWithLines: (ids: string[]) => Promise<string>) {
  const holders = async (permissionSet: string) =>
    (
      await admin.query<{ AssigneeId: string }>(
        `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = '${permissionSet}'`,
      )
    ).records.map((row) => row.AssigneeId);
  const users = await admin.query<{ Id: string; Name: string; ManagerId: string | null; Title: string | null }>(
    'SELECT Id, Name, ManagerId, Title FROM User WHERE IsActive = true',
    { autoFetch: true },
  );
  const byId = new Map(users.records.map((user) => [user.Id, user]));
  const aes = users.records.filter((user) => user.Title?.includes('Account Executive')).map((user) => user.Id);
  const repId = await repWithLines(aes.length > 0 ? aes : users.records.map((user) => user.Id));
  const rep = byId.get(repId)!;
  const manager = byId.get(rep.ManagerId ?? '')!;
  const opsIds = await holders('Attain_Ops');
  const adminIds = await holders('Attain_Admin');
  const ops = byId.get(opsIds.find((id) => !adminIds.includes(id)) ?? '')!;
  // The integration user also holds Attain_Admin; the person is the one who is not an API-only user.
  const adminUser = adminIds.map((id) => byId.get(id)!).find((user) => !/integration/i.test(user.Name))!;
  const named = (user: { Id: string; Name: string }) => ({ id: user.Id, name: user.Name });
  return { rep: named(rep), manager: named(manager), ops: named(ops), admin: named(adminUser) };
}

/**
 * `today`: the org's date (YYYY-MM-DD). The seed builds its deals, quotas and current quarter around
 * it, so what the tests see does not depend on the day they run.
 */
export async function startSeededApi(options: { today: string; opportunities?: number }): Promise<SeededApi> {
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) {
    delete process.env[name];
  }
  let redis: TestRedis | undefined;
  let emulator: Emulator | undefined;
  let worker: RunningWorker | undefined;
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
    await worker?.close().catch(() => undefined);
    await emulator?.close().catch(() => undefined);
    await redis?.cleanup().catch(() => undefined);
  };
  try {
    redis = await startRedis();
    emulator = await createEmulator({
      port: 0,
      seed: 7,
      opportunities: options.opportunities ?? 240,
      today: new Date(`${options.today}T12:00:00.000Z`),
    });
    const config = workerConfig(redis.url, emulator, NAMESPACE);
    worker = await startTestWorker(config);
    const admin = await adminConnection(emulator);
    const { store, queues } = worker.context;
    await installPlan(store, admin);
    // One won deal without an amount: a record-level error for the ops console to show and retry.
    const [broken] = (
      await admin.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsWon = true ORDER BY Id LIMIT 1')
    ).records;
    await admin.sobject('Opportunity').update({ Id: broken!.Id, Amount: null });
    await enqueueSync(queues, 'full', 'widget-tests');
    await waitForIdle(worker.context, 120_000);
    const orgId = emulator.store.org.id;

    // The widget opens on the period containing the org's today: prefer the rep with the most lines there.
    const currentQuarter = quarterOf(options.today);
    const repWithLines = async (candidates: string[]) => {
      let best = { id: candidates[0]!, score: -1 };
      for (const key of await store.statements.keysWithStatements()) {
        if (!candidates.includes(key.repId)) continue;
        const stored = await store.statements.get(key);
        const lines = stored?.statements.reduce((sum, statement) => sum + statement.lines.length, 0) ?? 0;
        const score = key.period === currentQuarter ? lines * 1000 : lines;
        if (score > best.score) best = { id: key.repId, score };
      }
      return best.id;
    };
    const users = await personas(admin, repWithLines);

    const apiConfig = loadApiConfig({
      REDIS_URL: redis.url,
      ATTAIN_NAMESPACE: NAMESPACE,
      SF_LOGIN_URL: emulator.url,
      SF_CLIENT_ID: 'attain-local',
      SF_CLIENT_SECRET: 'attain-local-secret',
      ATTAIN_TOKEN_PUBLIC_KEYS: TOKEN_KEYS.publicKeyPem,
      SF_ORG_ID: orgId,
      API_HOST: '127.0.0.1',
      API_PORT: '0',
      API_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'silent',
    });
    if (!apiConfig.ok) throw new Error(`API configuration: ${JSON.stringify(apiConfig.problems)}`);
    const api = await startApi({ config: apiConfig.config, validateResponses: true });
    closers.push(() => api.close());
    return {
      apiUrl: api.url,
      today: options.today,
      orgId,
      users,
      brokenDealId: broken!.Id,
      token: (userId) => mint(orgId, userId),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
