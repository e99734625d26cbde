/** Shared set-up and checks for tests that run the worker against the emulator. */
import { compute, type Deal, readDecimalText } from '@attain/engine';
import { connectSalesforce, recordsFor } from '@attain/salesforce';
import type { Emulator } from '@attain/salesforce-emulator';
import type { Store } from '@attain/store';
import { loadConfig, type WorkerConfig } from '@attain/store';
import { type RunningWorker, type StartWorkerOptions, startWorker } from '@attain/sync-worker';
import type { Connection } from 'jsforce';
import { pino } from 'pino';
import { expect } from 'vitest';
import { uniqueNamespace } from './redis.js';

export function workerConfig(redisUrl: string, emulator: Emulator, namespace = uniqueNamespace('org')): WorkerConfig {
  const config = loadConfig({
    REDIS_URL: redisUrl,
    SF_LOGIN_URL: emulator.url,
    SF_CLIENT_ID: 'attain-local',
    SF_CLIENT_SECRET: 'attain-local-secret',
    ATTAIN_NAMESPACE: namespace,
    WORKER_CONCURRENCY: '4',
    // A job whose worker lost its lock (Redis restarted, process killed) is taken over after 5 s, not 30.
    JOB_LOCK_MS: '5000',
  });
  if (!config.ok) throw new Error(JSON.stringify(config.problems));
  return config.config;
}

export function startTestWorker(
  config: WorkerConfig,
  options: Partial<StartWorkerOptions> = {},
): Promise<RunningWorker> {
  return startWorker({
    config,
    logger: pino({ level: 'silent' }),
    schedule: false,
    retry: { attempts: 30, backoffMs: 50 },
    apiPauseMs: 2000,
    ...options,
  });
}

export function adminConnection(emulator: Emulator): Promise<Connection> {
  return connectSalesforce({
    loginUrl: emulator.url,
    apiVersion: '62.0',
    auth: { kind: 'client-credentials', clientId: 'attain-local', clientSecret: 'attain-local-secret' },
  });
}

/** The seeded org's plan: quarterly, 5 % up to quota then 8 %, and 250 for each Services deal. */
export const SEEDED_PLAN = {
  id: 'ae',
  currency: 'USD',
  period: 'quarter',
  components: [
    {
      id: 'base',
      type: 'tiered',
      basis: 'attainment',
      mode: 'marginal',
      tiers: [{ upTo: '1', rate: '0.05' }, { rate: '0.08' }],
    },
    {
      id: 'services',
      type: 'bonus',
      per: 'deal',
      amount: '250',
      filter: { field: 'fields.family', op: 'eq', value: 'Services' },
    },
  ],
} as const;

/** Every active user's quota in each quarter of the seeded years. */
export const SEEDED_QUOTA = '150000';

/** The seeded org's mapping: currencies, revenue splits, the deal type and the first product's family. */
export const SEEDED_MAPPING = {
  currency: 'CurrencyIsoCode',
  splits: { splitType: 'Revenue' },
  fields: {
    type: { path: 'Type' },
    family: { child: 'OpportunityLineItems', path: 'Product2.Family', pick: 'first' },
  },
} as const;

export interface InstallPlanOptions {
  /** The day the org was generated for (generateOrg's `now`): quotas cover its year and the one before. */
  today?: Date;
  /** Who saved the mapping, for its audit entry. */
  savedBy?: string;
}

/**
 * The seeded org's compensation set-up: SEEDED_PLAN assigned to every active user, their quotas and
 * SEEDED_MAPPING. Returns the saved mapping version.
 */
export async function installPlan(store: Store, admin: Connection, options: InstallPlanOptions = {}) {
  const users = await admin.query<{ Id: string }>('SELECT Id FROM User WHERE IsActive = true', {
    autoFetch: true,
    maxFetch: 1_000_000,
  });
  const plan = await store.inputs.putPlan(structuredClone(SEEDED_PLAN));
  if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
  const assigned = await store.inputs.setAssignments(
    users.records.map((user) => ({ repId: user.Id, planId: SEEDED_PLAN.id, from: '2000-01-01' })),
  );
  if (!assigned.ok) throw new Error(JSON.stringify(assigned.issues));
  // A quota for every quarter the seeded org has (its Period rows: the seed's year and the one before),
  // read from the org rather than the clock, so the plan fits whatever `today` the org was seeded with.
  const quarters = await admin.query<{ StartDate: string }>(
    "SELECT StartDate FROM Period WHERE Type = 'Quarter' ORDER BY StartDate",
    { autoFetch: true },
  );
  const periods = quarters.records.map(
    (row) => `${row.StartDate.slice(0, 4)}-Q${Math.floor((Number(row.StartDate.slice(5, 7)) - 1) / 3) + 1}`,
  );
  if (periods.length === 0) throw new Error('the org has no quarter Period rows to give quotas for');
  const quotas = users.records.flatMap((user) =>
    periods.map((period) => ({ repId: user.Id, period, amount: SEEDED_QUOTA })),
  );
  const saved = await store.inputs.setQuotas(quotas);
  if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
  return store.mapping.save(structuredClone(SEEDED_MAPPING), options.savedBy ?? 'admin@test');
}

/** `960.00` and 960 are the same amount: compare decimal text without trailing zeros. */
export function canonicalDecimal(value: unknown): string | null {
  const text = readDecimalText(value);
  if (text === null) return null;
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

export async function orgRecords(admin: Connection, object: 'Commission__c' | 'Commission_Statement__c') {
  const fields =
    object === 'Commission__c'
      ? 'Id, External_Key__c, Amount__c, Rep__c, Opportunity__c'
      : 'Id, External_Key__c, Total__c, Rep__c';
  const result = await admin.query<Record<string, unknown>>(`SELECT ${fields} FROM ${object}`, {
    autoFetch: true,
    maxFetch: 1_000_000,
  });
  return new Map(result.records.map((record) => [String(record.External_Key__c), record]));
}

/**
 * The org's commission records are exactly the engine's full computation over `deals` — by default
 * the stored deals; a test that knows what Salesforce holds passes its own, so that a change the
 * sync missed shows up as a difference.
 */
export async function expectOrgToMatchEngine(
  store: Store,
  admin: Connection,
  given?: Deal[],
): Promise<{ lines: number; statements: number }> {
  const deals = given ?? (await store.deals.getMany(await store.deals.allIds())).map((stored) => stored.deal);
  const input = await store.inputs.engineInput(deals);
  if (!input.ok) throw new Error(input.issues.map((issue) => issue.message).join('\n'));
  const expected = recordsFor(compute(input.value).statements, { dealsAreOpportunities: true, multiCurrency: true });
  const commissions = await orgRecords(admin, 'Commission__c');
  const statements = await orgRecords(admin, 'Commission_Statement__c');
  const expectedLines = expected.filter((r) => r.object === 'Commission__c');
  const expectedStatements = expected.filter((r) => r.object === 'Commission_Statement__c');
  expect([...commissions.keys()].sort()).toEqual(expectedLines.map((r) => r.externalKey).sort());
  expect([...statements.keys()].sort()).toEqual(expectedStatements.map((r) => r.externalKey).sort());
  for (const record of expectedLines) {
    const actual = commissions.get(record.externalKey)!;
    expect(canonicalDecimal(actual.Amount__c), record.externalKey).toBe(canonicalDecimal(record.fields.Amount__c));
    expect(actual.Rep__c).toBe(record.fields.Rep__c);
    expect(actual.Opportunity__c ?? null).toBe(record.fields.Opportunity__c);
  }
  for (const record of expectedStatements) {
    expect(canonicalDecimal(statements.get(record.externalKey)!.Total__c)).toBe(
      canonicalDecimal(record.fields.Total__c),
    );
  }
  return { lines: expectedLines.length, statements: expectedStatements.length };
}
