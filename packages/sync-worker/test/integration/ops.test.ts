/**
 * What ops see, against the emulator: Prometheus metrics on the worker's /metrics, structured JSON
 * logs carrying job ids and no secrets, the engine's deal warnings as record-level notices, Locked
 * statements left alone (and written once unlocked), and `attain status`.
 */
import { compute } from '@attain/engine';
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { createLogger, enqueueSync, NoticeCode } from '@attain/store';
import {
  adminConnection,
  canonicalDecimal,
  expectOrgToMatchEngine,
  installPlan,
  orgRecords,
  startRedis,
  startTestWorker,
  type TestRedis,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/main.js';
import type { RunningWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;
let worker: RunningWorker;
let admin: Connection;
const logLines: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 7, opportunities: 300 });
  const logger = createLogger('debug', { write: (line: string) => logLines.push(line) });
  worker = await startTestWorker(workerConfig(redis.url, emulator), { logger, metricsPort: 0 });
  admin = await adminConnection(emulator);
  await installPlan(worker.context.store, admin);
  await enqueueSync(worker.context.queues, 'full', 'test');
  await waitForIdle(worker.context);
});

afterAll(async () => {
  await worker?.close();
  await emulator?.close();
  await redis?.cleanup();
});

async function scrape(path = '/metrics'): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${worker.metricsServer!.port}${path}`);
  return { status: response.status, text: await response.text() };
}

/** The value of one sample line (`name{labels} value`), or null. */
function sample(text: string, name: string, labels = ''): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function sync(): Promise<void> {
  await enqueueSync(worker.context.queues, 'incremental', 'test');
  await waitForIdle(worker.context);
}

describe('metrics and logs', () => {
  it('serves Prometheus metrics of the runs, calls, records and queues on 127.0.0.1', async () => {
    const { status, text } = await scrape();
    expect(status).toBe(200);
    const lines = (await orgRecords(admin, 'Commission__c')).size;
    const statements = (await orgRecords(admin, 'Commission_Statement__c')).size;
    expect(sample(text, 'attain_sync_runs_total', 'kind="full",outcome="succeeded"')).toBe(1);
    expect(sample(text, 'attain_sync_records_read_total', 'object="Opportunity"')).toBe(300);
    expect(sample(text, 'attain_writeback_records_total', 'object="Commission__c",outcome="written"')).toBe(lines);
    expect(sample(text, 'attain_writeback_records_total', 'object="Commission_Statement__c",outcome="written"')).toBe(
      statements,
    );
    expect(sample(text, 'attain_statements_computed_total')).toBe(statements);
    expect(sample(text, 'attain_salesforce_api_calls_total', 'kind="query"')).toBeGreaterThan(0);
    expect(sample(text, 'attain_salesforce_api_calls_total', 'kind="collections"')).toBeGreaterThan(0);
    expect(sample(text, 'attain_salesforce_api_calls_total', 'kind="auth"')).toBe(1);
    expect(sample(text, 'attain_salesforce_api_requests_limit')).toBeGreaterThan(0);
    expect(sample(text, 'attain_salesforce_api_budget_ratio')).toBe(0.8);
    expect(sample(text, 'attain_queue_jobs', 'queue="compute",state="waiting"')).toBe(0);
    expect(sample(text, 'attain_writeback_pending_statements')).toBe(0);
    expect(sample(text, 'attain_job_duration_seconds_count', 'queue="sync",outcome="completed"')).toBe(1);
    expect(text).toContain('process_cpu_seconds_total');
    expect((await scrape('/')).status).toBe(404);
  });

  it('measures the lag from an opportunity change to its statement written back', async () => {
    const before = sample((await scrape()).text, 'attain_writeback_lag_seconds_count') ?? 0;
    const [won] = (await admin.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsWon = true LIMIT 1')).records;
    await admin.sobject('Opportunity').update({ Id: won!.Id, Amount: 77_777 });
    await sync();
    const text = (await scrape()).text;
    expect(sample(text, 'attain_writeback_lag_seconds_count')).toBeGreaterThan(before);
    expect(sample(text, 'attain_writeback_oldest_change_seconds')).toBe(0);
  });

  it('logs JSON lines that carry the job, and no token or secret', async () => {
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const syncDone = entries.find((e) => e.msg === 'job completed' && e.queue === 'sync');
    expect(syncDone).toMatchObject({ service: 'attain-sync-worker', jobId: expect.any(String), level: 30 });
    expect(entries.some((e) => e.msg === 'job completed' && e.queue === 'writeback' && e.jobId)).toBe(true);
    expect(entries.some((e) => e.msg === 'sync finished' && e.jobId === syncDone!.jobId)).toBe(true);
    const token = (await worker.context.salesforce.connection()).accessToken!;
    expect(token.length).toBeGreaterThan(10);
    const all = logLines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain('attain-local-secret');
  });
});

describe('notices', () => {
  it("lists the engine's NO_PLAN and NEGATIVE_AMOUNT deal warnings with the deal id, and drops them once fixed", async () => {
    const { store } = worker.context;
    const won = (
      await admin.query<{ Id: string; OwnerId: string; Amount: number }>(
        'SELECT Id, OwnerId, Amount FROM Opportunity WHERE IsWon = true ORDER BY Id',
      )
    ).records;
    const negative = won[0]!;
    const unassigned = won.find((o) => o.OwnerId !== negative.OwnerId)!.OwnerId;
    const assignments = (await store.inputs.base()).assignments;
    await admin.sobject('Opportunity').update({ Id: negative.Id, Amount: -500 });
    await store.inputs.setAssignments(assignments.filter((a) => a.repId !== unassigned));
    await sync();

    const deals = (await store.deals.getMany(await store.deals.allIds())).map((d) => d.deal);
    const input = await store.inputs.engineInput(deals);
    if (!input.ok) throw new Error(input.issues[0]?.message);
    const expected = compute(input.value)
      .warnings.filter((w) => w.code === 'NO_PLAN' || w.code === 'NEGATIVE_AMOUNT')
      .map((w) => `${w.code} ${w.dealId} ${w.repId}`)
      .sort();
    const notices = await store.notices.list();
    const dealNotices = notices.filter((n) => n.code === NoticeCode.noPlan || n.code === NoticeCode.negativeAmount);
    expect(expected.length).toBeGreaterThan(1);
    expect(expected).toContain(`NEGATIVE_AMOUNT ${negative.Id} ${negative.OwnerId}`);
    expect(dealNotices.map((n) => `${n.code} ${n.dealId} ${n.repId}`).sort()).toEqual(expected);
    expect(dealNotices.every((n) => n.recordId === n.dealId && n.object === 'Opportunity')).toBe(true);

    await admin.sobject('Opportunity').update({ Id: negative.Id, Amount: negative.Amount });
    await store.inputs.setAssignments(assignments);
    await sync();
    expect((await store.notices.list()).filter((n) => n.code !== NoticeCode.noRate)).toEqual([]);
    await expectOrgToMatchEngine(store, admin);
  });
});

describe('Locked statements', () => {
  it('never overwrites a Locked statement or its lines, keeps the recompute, says so, and writes it once unlocked', async () => {
    const { store } = worker.context;
    const splits = new Set(
      (await admin.query<{ OpportunityId: string }>('SELECT OpportunityId FROM OpportunitySplit')).records.map(
        (r) => r.OpportunityId,
      ),
    );
    const candidates = (
      await admin.query<{ Id: string; OwnerId: string; CloseDate: string; Amount: number }>(
        'SELECT Id, OwnerId, CloseDate, Amount FROM Opportunity WHERE IsWon = true ORDER BY Id DESC',
      )
    ).records.filter((o) => !splits.has(o.Id));
    const deal = candidates[0]!;
    const [year, month] = deal.CloseDate.split('-').map(Number);
    const key = `${deal.OwnerId}|ae|${year}-Q${Math.floor((month! - 1) / 3) + 1}`;
    const statementsBefore = await orgRecords(admin, 'Commission_Statement__c');
    const locked = statementsBefore.get(key)!;
    expect(locked).toBeDefined();
    const linesOf = async () =>
      [...(await orgRecords(admin, 'Commission__c')).entries()]
        .filter(([externalKey]) => externalKey.startsWith(`${key}|`))
        .map(([externalKey, record]) => `${externalKey}=${canonicalDecimal(record.Amount__c)}`)
        .sort();
    const linesBefore = await linesOf();
    await admin.sobject('Commission_Statement__c').update({ Id: String(locked.Id), Status__c: 'Locked' });
    await admin.sobject('Opportunity').update({ Id: deal.Id, Amount: Number(deal.Amount) + 10_000 });
    await sync();

    const after = (await orgRecords(admin, 'Commission_Statement__c')).get(key)!;
    expect(canonicalDecimal(after.Total__c)).toBe(canonicalDecimal(locked.Total__c));
    expect(await linesOf()).toEqual(linesBefore);
    const stored = await store.statements.get({ repId: deal.OwnerId, period: key.split('|')[2]! });
    const recomputed = stored!.statements.find((s) => s.planId === 'ae')!;
    expect(canonicalDecimal(recomputed.total)).not.toBe(canonicalDecimal(locked.Total__c));
    expect((await store.held.list()).map((held) => held.statements)).toEqual([[key]]);
    const [notice] = (await store.notices.list()).filter((n) => n.code === NoticeCode.statementLocked);
    expect(notice).toMatchObject({ recordId: String(locked.Id), object: 'Commission_Statement__c' });
    expect(notice!.message).toContain(`recomputed ${recomputed.total}`);
    expect(notice!.message).toContain('to update');
    const metrics = (await scrape()).text;
    expect(sample(metrics, 'attain_writeback_records_total', 'object="Commission_Statement__c",outcome="held"')).toBe(
      1,
    );
    expect(sample(metrics, 'attain_writeback_held_statements')).toBe(1);

    // A sync with nothing new still tries the held statement again: unlocked, it is written.
    await admin.sobject('Commission_Statement__c').update({ Id: String(locked.Id), Status__c: 'Open' });
    await sync();
    expect(await store.held.list()).toEqual([]);
    expect((await store.notices.list()).filter((n) => n.code === NoticeCode.statementLocked)).toEqual([]);
    await expectOrgToMatchEngine(store, admin);
  });
});

describe('attain status', () => {
  function io(env: NodeJS.ProcessEnv) {
    let stdout = '';
    let stderr = '';
    const cli: CliIo = {
      stdout: { isTTY: false, write: (text: string) => (stdout += text) },
      stderr: { isTTY: false, write: (text: string) => (stderr += text) },
      env,
    };
    return { cli, out: () => stdout, err: () => stderr };
  }
  const env = () => ({ REDIS_URL: redis.url, ATTAIN_NAMESPACE: worker.context.store.keys.prefix.slice(0, -1) });

  it('prints the last runs, lag, API usage against the budget, queues, pending work and problems', async () => {
    const run = io(env());
    expect(await main('status', ['--runs', '20'], run.cli)).toBe(0);
    const text = run.out();
    expect(text).toMatch(/^Attain sync status, namespace org-/);
    expect(text).toMatch(/incremental\s+succeeded/);
    expect(text).toMatch(/full\s+succeeded\s+[\d.]+ s\s+300/);
    expect(text).toContain('Lag        every change seen by a sync is written back');
    expect(text).toMatch(/API {8}[\d,]+ \/ [\d,]+ requests in 24 h \([\d.]+ %\), budget 80 %/);
    expect(text).toContain('spending (not paused)');
    expect(text).toMatch(/Queues {5}sync: 0 waiting, 0 active, \d+ delayed, 0 failed; compute: /);
    expect(text).toContain('0 statements to compute, 0 to write back, 0 held by Locked statements');
    expect(text).toMatch(/Problems {3}\d+ records with sync errors, 0 commission records refused, \d+ notices/);
  });

  it('prints JSON with --json, and refuses bad options (2) and an unreachable Redis (1)', async () => {
    const run = io(env());
    expect(await main('status', ['--json', '--runs', '2'], run.cli)).toBe(0);
    const report = JSON.parse(run.out());
    expect(report.runs).toHaveLength(2);
    expect(report.api.usage.limit).toBeGreaterThan(0);
    expect(report.pending).toEqual({ compute: 0, writeback: 0, held: 0 });
    expect(report.cursors.Opportunity).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const bad = io(env());
    expect(await main('status', ['--runs', 'x'], bad.cli)).toBe(2);
    expect(bad.err()).toContain('usage: pnpm --silent attain status');
    const down = io({ REDIS_URL: 'redis://:hunter2@127.0.0.1:1' });
    expect(await main('status', [], down.cli)).toBe(1);
    expect(down.err()).toContain('cannot read the status from Redis at redis://:***@127.0.0.1:1');
    expect(down.err()).not.toContain('hunter2');
  });
});
