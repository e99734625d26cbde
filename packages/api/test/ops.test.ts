/**
 * Ops routes: sync status, resync requests served by the worker, record-level errors and their
 * retry, the BullMQ dashboard (ops only; a one-time ticket opens a cookie session), and roles that
 * follow Salesforce: an ops user whose permission set is removed loses access at the next sync.
 */

import { enqueueSync } from '@attain/store';
import { waitForIdle } from '@attain/test-kit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  for (const [name, id] of Object.entries(h.people)) tokens[name] = await h.token(id);
}, 60_000);
afterAll(async () => h?.close());

/** A statement record Salesforce refused at write-back (as the write-back records a refusal). */
const refuseAtWriteback = (ledgerKey: string) =>
  h.worker.context.store.writeErrors.record([
    {
      ledgerKey,
      object: 'Commission_Statement__c',
      externalKey: ledgerKey.slice(2),
      hash: 'x',
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'refused',
      at: new Date().toISOString(),
    },
  ]);

const asOps = (method: string, path: string, body?: unknown) =>
  h.request(method, path, { token: tokens.ops as string, ...(body === undefined ? {} : { body }) });

describe('sync status and resyncs', () => {
  it('shows the last runs, freshness, API usage, queue counts and pending work', async () => {
    const reply = await asOps('GET', '/api/ops/sync');
    expect(reply.status).toBe(200);
    const [run] = await h.worker.context.store.runs.list(1);
    expect(reply.body.runs[0]).toEqual(run);
    expect(reply.body.freshness.lastSucceededAt).toBe(run?.endedAt);
    expect(reply.body.freshness.secondsSinceLastSuccess).toBeGreaterThanOrEqual(0);
    expect(Object.keys(reply.body.freshness.cursors)).toContain('Opportunity');
    // The worker saved the org's usage at its last sync (the emulator sends Sforce-Limit-Info).
    expect(reply.body.apiBudget).toMatchObject({
      used: expect.any(Number),
      limit: expect.any(Number),
      budgetFraction: 0.8,
      paused: null,
    });
    expect(reply.body.apiBudget.used).toBeGreaterThan(0);
    expect(reply.body.queues.sync).toMatchObject({ waiting: 0, active: 0 });
    expect(reply.body.pending).toEqual({ dirtyStatements: 0, pendingWriteback: 0, recordErrors: 0, writeErrors: 0 });
  });

  it('queues a full resync that the worker runs, and logs who asked', async () => {
    const before = (await h.worker.context.store.runs.list(50)).length;
    const reply = await asOps('POST', '/api/ops/sync', { kind: 'full' });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ kind: 'full', requestedBy: `api:${h.people.ops}` });
    await waitForIdle(h.worker.context);
    const runs = await h.worker.context.store.runs.list(50);
    expect(runs.length).toBe(before + 1);
    expect(runs[0]).toMatchObject({ kind: 'full', status: 'succeeded' });
    const audit = await h.request('GET', '/api/admin/audit?limit=1', { token: tokens.admin as string });
    expect(audit.body.entries[0]).toMatchObject({ action: 'sync.request', actor: { userId: h.people.ops } });
    expect((await asOps('POST', '/api/ops/sync', { kind: 'partial' })).body.error.issues[0].path).toEqual(['kind']);
  });
});

describe('following a requested sync', () => {
  it('names the run that serves the request, and GET of that run follows it to its end', async () => {
    // Salesforce held: the run starts (its record exists) and waits on its first call.
    h.emulator.faults.update({ paused: true });
    try {
      const first = await asOps('POST', '/api/ops/sync', { kind: 'incremental' });
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ runningRunId: null, runId: expect.any(String) });
      const runId = first.body.runId as string;
      let view = await asOps('GET', `/api/ops/sync/runs/${runId}`);
      expect(view.status).toBe(200);
      expect(['queued', 'running']).toContain(view.body.state);
      // However busy the machine, the queued run starts (and then waits on Salesforce, which is held).
      const state = async () => {
        view = await asOps('GET', `/api/ops/sync/runs/${runId}`);
        return view.body.state;
      };
      await expect.poll(state, { timeout: 30_000, interval: 25 }).toBe('running');
      expect(view.body).toMatchObject({ runId, state: 'running', run: { id: runId, status: 'running' } });
      // Asked while that run goes: the run after it serves the request, and says so.
      const second = await asOps('POST', '/api/ops/sync', { kind: 'incremental' });
      expect(second.body).toMatchObject({ runId: null, runningRunId: runId });
    } finally {
      h.emulator.faults.update({ paused: false });
    }
    await waitForIdle(h.worker.context);
    const runs = await h.worker.context.store.runs.list(2);
    const done = await asOps('GET', `/api/ops/sync/runs/${runs[1]?.id}`);
    expect(done.body).toEqual({ runId: runs[1]?.id, state: 'succeeded', run: runs[1] });
    // The request made during that run was served by the run after it.
    expect((runs[0]?.startedAt ?? '') >= (runs[1]?.endedAt ?? '~')).toBe(true);
  });

  it('answers 404 for a run it does not know and 400 for what cannot be a run id', async () => {
    expect((await asOps('GET', '/api/ops/sync/runs/999999')).status).toBe(404);
    const bad = await asOps('GET', '/api/ops/sync/runs/a%20b');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]).toMatchObject({ in: 'path' });
  });
});

describe('record-level errors and retry', () => {
  it('lists a record the sync could not use, and a retry after the fix in Salesforce syncs it', async () => {
    const store = h.worker.context.store;
    const [dealId] = await store.deals.dealIdsFor({ repId: h.people.repA, period: h.periodOfA });
    const original = (await h.admin.sobject('Opportunity').retrieve(dealId as string)) as { Amount: number };
    // A record that turns bad: the sync keeps its last good deal and reports the record.
    const broken = h.emulator.dml.update('Opportunity', dealId as string, { Amount: null });
    if (!broken.success) throw new Error(JSON.stringify(broken.errors));
    await enqueueSync(h.worker.context.queues, 'incremental', 'test');
    await waitForIdle(h.worker.context);
    const listed = await asOps('GET', '/api/ops/errors');
    expect(listed.body.recordErrors).toEqual([
      expect.objectContaining({ recordId: dealId, object: 'Opportunity', code: 'missing_amount' }),
    ]);
    // Still broken: the retry says so.
    const still = await asOps('POST', '/api/ops/errors/retry', { recordIds: [dealId] });
    expect(still.body).toMatchObject({ fixed: [], failing: [{ recordId: dealId, code: 'missing_amount' }] });
    // Fixed in Salesforce; no sync runs (the schedule is off): the retry reads it again now.
    const fixed = h.emulator.dml.update('Opportunity', dealId as string, {
      Amount: original.Amount,
      CloseDate: `${h.periodOfA.slice(0, 4)}-12-20`,
    });
    if (!fixed.success) throw new Error(JSON.stringify(fixed.errors));
    const retried = await asOps('POST', '/api/ops/errors/retry', { recordIds: [dealId, '006000000000000AAA'] });
    expect(retried.body).toMatchObject({ fixed: [dealId], failing: [], unknown: ['006000000000000AAA'] });
    expect((await asOps('GET', '/api/ops/errors')).body.recordErrors).toEqual([]);
    expect((await store.deals.get(dealId as string))?.deal.closeDate).toBe(`${h.periodOfA.slice(0, 4)}-12-20`);
    await waitForIdle(h.worker.context);
    const moved = await store.deals.get(dealId as string);
    expect(moved?.keys.map((k) => k.period)).toContain(`${h.periodOfA.slice(0, 4)}-Q4`);
  });

  it('a record Salesforce refused at write-back is sent again by the next pass', async () => {
    const store = h.worker.context.store;
    const statement = (await store.statements.get({ repId: h.people.repA, period: h.periodOfA }))?.statements[0];
    const ledgerKey = `S|${h.people.repA}|${statement?.planId}|${h.periodOfA}`;
    await refuseAtWriteback(ledgerKey);
    expect((await asOps('GET', '/api/ops/errors')).body.writeErrors).toHaveLength(1);
    const retried = await asOps('POST', '/api/ops/errors/retry', { writeErrorKeys: [ledgerKey] });
    expect(retried.body.queuedForWriteback).toEqual([ledgerKey]);
    await waitForIdle(h.worker.context);
    expect((await asOps('GET', '/api/ops/errors')).body.writeErrors).toEqual([]);
    expect((await asOps('POST', '/api/ops/errors/retry', {})).status).toBe(400);
  });

  it('a retry is ingested by the worker exactly as a sync ingests it: currency check, record name, same stored deal', async () => {
    const store = h.worker.context.store;
    const { records } = await h.admin.query<{ Id: string; Name: string }>(
      "SELECT Id, Name FROM Opportunity WHERE CurrencyIsoCode = 'EUR' AND IsWon = true ORDER BY Id LIMIT 1",
    );
    const dealId = records[0]?.Id as string;
    const euro = (await h.admin.query<{ Id: string }>("SELECT Id FROM CurrencyType WHERE IsoCode = 'EUR'")).records[0];
    const update = (object: string, id: string, fields: Record<string, unknown>) => {
      const result = h.emulator.dml.update(object, id, fields);
      if (!result.success) throw new Error(JSON.stringify(result.errors));
    };
    // EUR stops being a currency of the org; the deal changes, so the next sync reads it and refuses it.
    update('CurrencyType', euro?.Id as string, { IsActive: false });
    update('Opportunity', dealId, { Name: 'Renamed while EUR was off' });
    await enqueueSync(h.worker.context.queues, 'incremental', 'test');
    await waitForIdle(h.worker.context);
    const unknownCurrency = expect.objectContaining({ recordId: dealId, code: 'unknown_currency' });
    expect((await asOps('GET', '/api/ops/errors')).body.recordErrors).toEqual(
      expect.arrayContaining([unknownCurrency]),
    );
    // The retry checks the currency as the sync does: still failing.
    const still = await asOps('POST', '/api/ops/errors/retry', { recordIds: [dealId] });
    expect(still.status).toBe(200);
    expect(still.body).toMatchObject({ fixed: [], failing: [unknownCurrency] });
    // Fixed in Salesforce (and renamed once more): the worker reads it again, with its record name.
    update('CurrencyType', euro?.Id as string, { IsActive: true });
    update('Opportunity', dealId, { Name: 'Fixed by ops' });
    const retried = await asOps('POST', '/api/ops/errors/retry', { recordIds: [dealId] });
    expect(retried.body).toMatchObject({ fixed: [dealId], failing: [] });
    expect((await store.deals.names([dealId])).get(dealId)).toBe('Fixed by ops');
    await waitForIdle(h.worker.context);
    const afterRetry = await store.deals.get(dealId);
    const noticesAfterRetry = (await store.notices.list()).filter((notice) => notice.dealId === dealId);
    // What a sync gives for the same record: the same stored deal (content, statement keys, name), same notices.
    await enqueueSync(h.worker.context.queues, 'full', 'test');
    await waitForIdle(h.worker.context);
    expect(await store.deals.get(dealId)).toEqual(afterRetry);
    expect((await store.deals.names([dealId])).get(dealId)).toBe('Fixed by ops');
    expect((await store.notices.list()).filter((notice) => notice.dealId === dealId)).toEqual(noticesAfterRetry);
    expect((await asOps('GET', '/api/ops/errors')).body.recordErrors).toEqual([]);
  });
});

describe('retry while no worker takes it', () => {
  it('answers 504 WORKER_TIMEOUT after the wait, and the retry stays queued: a worker runs it later', async () => {
    const store = h.worker.context.store;
    const queues = h.worker.context.queues;
    const another = await h.startAnother({}, pino({ level: 'silent' }), undefined, { retryWaitMs: 300 });
    const ledgerKey = `S|${h.people.repA}|ae|${h.periodOfA}`;
    await refuseAtWriteback(ledgerKey);
    // The sync queue is paused: no worker takes the retry job.
    await queues.sync.pause();
    try {
      const reply = await another.request('POST', '/api/ops/errors/retry', {
        token: tokens.ops as string,
        body: { writeErrorKeys: [ledgerKey] },
      });
      expect(reply.status).toBe(504);
      expect(reply.body.error.code).toBe('WORKER_TIMEOUT');
      expect(reply.body.error.message).toMatch(/^the worker did not finish the retry within 0\.3 s/);
      expect((await store.writeErrors.list()).map((error) => error.ledgerKey)).toContain(ledgerKey);
    } finally {
      await queues.sync.resume();
      await another.running.close();
    }
    // Once a worker takes the queued job, the retry happens.
    await waitForIdle(h.worker.context);
    await expect
      .poll(async () => (await store.writeErrors.list()).map((error) => error.ledgerKey))
      .not.toContain(ledgerKey);
  });
});

describe('queue dashboard', () => {
  it('is for ops and admins only', async () => {
    expect((await h.request('GET', '/api/ops/queues/', { token: tokens.ops })).status).toBe(200);
    expect((await h.request('GET', '/api/ops/queues/', { token: tokens.admin })).status).toBe(200);
    for (const who of ['repA', 'manager']) {
      expect((await h.request('GET', '/api/ops/queues/', { token: tokens[who] as string })).status).toBe(403);
      expect((await h.request('GET', '/api/ops/queues/api/queues', { token: tokens[who] as string })).status).toBe(403);
    }
    expect((await h.request('GET', '/api/ops/queues/')).status).toBe(401);
    expect((await h.request('GET', '/api/ops/queues/api/queues')).status).toBe(401);
  });

  it('opens in a browser tab with a one-time ticket that becomes a session cookie', async () => {
    const ticket = await asOps('POST', '/api/ops/queues/ticket');
    expect(ticket.status).toBe(201);
    const opened = await h.request('GET', ticket.body.url);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/api/ops/queues/');
    const cookie = opened.headers.get('set-cookie') as string;
    expect(cookie).toMatch(
      /^attain_board=[\w-]+; Path=\/api\/ops\/queues; Max-Age=900; HttpOnly; Secure; SameSite=Lax$/,
    );
    const session = cookie.split(';')[0] as string;
    const page = await h.request('GET', '/api/ops/queues/', { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Attain queues');
    const queues = await h.request('GET', '/api/ops/queues/api/queues', { headers: { cookie: session } });
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['compute', 'sync', 'writeback']);
    // The ticket worked once; a rep's ticket cannot be had.
    expect((await h.request('GET', ticket.body.url)).status).toBe(401);
    expect((await h.request('POST', '/api/ops/queues/ticket', { token: tokens.repA })).status).toBe(403);
    // A write from another origin is refused before it reaches the dashboard.
    const foreign = await h.request('PUT', '/api/ops/queues/api/queues/sync/pause', {
      headers: { cookie: session, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });
});

describe('roles follow Salesforce', () => {
  it('an ops user whose Attain_Ops assignment is removed loses ops access within a second of the next sync', async () => {
    expect((await asOps('GET', '/api/ops/sync')).status).toBe(200);
    const assignments = await h.admin.query<{ Id: string }>(
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${h.people.ops}' AND PermissionSet.Name = 'Attain_Ops'`,
    );
    for (const row of assignments.records) h.emulator.dml.delete('PermissionSetAssignment', row.Id);
    await enqueueSync(h.worker.context.queues, 'incremental', 'test');
    await waitForIdle(h.worker.context);
    // The API looks at the directory at most once a second.
    await expect
      .poll(async () => (await asOps('GET', '/api/ops/sync')).status, { timeout: 5000, interval: 100 })
      .toBe(403);
    expect((await asOps('GET', '/api/ops/sync')).body.error.code).toBe('FORBIDDEN');
    // Still a rep of themself.
    expect((await h.request('GET', '/api/me', { token: tokens.ops })).body.roles).toMatchObject({
      ops: false,
      rep: true,
    });
  });

  it('a user deactivated in Salesforce is refused, even with a token minted before', async () => {
    expect((await h.request('GET', '/api/me', { token: tokens.repB })).status).toBe(200);
    const deactivated = h.emulator.dml.update('User', h.people.repB, { IsActive: false });
    if (!deactivated.success) throw new Error(JSON.stringify(deactivated.errors));
    await enqueueSync(h.worker.context.queues, 'incremental', 'test');
    await waitForIdle(h.worker.context);
    await expect
      .poll(async () => (await h.request('GET', '/api/me', { token: tokens.repB })).status, {
        timeout: 5000,
        interval: 100,
      })
      .toBe(403);
    // Their pay history stays readable for those allowed to read it.
    expect((await h.request('GET', `/api/reps/${h.people.repB}/history`, { token: tokens.admin })).status).toBe(200);
  });
});
