/**
 * Rep and manager routes against the real worker's data: statements as stored (line keys equal to
 * the Commission__c records written to the org), history, tier position, what-if (equal to the
 * engine's estimate over the whole org), IDOR attempts, manager tree limits, 400s naming fields.
 */
import { estimate, type Statement, validateWhatIfDeal } from '@attain/engine';
import { enqueueSync } from '@attain/store';
import { waitForIdle } from '@attain/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { to18 } from '../src/auth/salesforce-id.js';
import { planFields } from '../src/services/plan-fields.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let A: string;
let B: string;
let M: string;
let VP: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  ({ repA: A, repB: B, manager: M, vp: VP } = h.people);
  for (const [name, id] of Object.entries(h.people)) tokens[name] = await h.token(id);
}, 60_000);
afterAll(async () => h?.close());

const get = (path: string, as: string) => h.request('GET', path, { token: tokens[as] as string });

describe('statements', () => {
  it('are the stored statements, each line with the key of its Commission__c record in the org', async () => {
    const reply = await get(`/api/reps/me/statements/${h.periodOfA}`, 'repA');
    expect(reply.status).toBe(200);
    const stored = await h.worker.context.store.statements.get({ repId: A, period: h.periodOfA });
    const stripped = reply.body.statements.map(
      (s: Omit<Statement, 'lines'> & { lines: Record<string, unknown>[] }) => ({
        ...s,
        lines: s.lines.map(({ lineKey: _k, dispute: _d, ...line }) => line),
      }),
    );
    expect(stripped).toEqual(stored?.statements);
    expect(reply.body).toMatchObject({ repId: A, period: h.periodOfA, stale: false, computedAt: stored?.computedAt });
    const records = await h.admin.query<{ External_Key__c: string }>(
      `SELECT External_Key__c FROM Commission__c WHERE Rep__c = '${A}' AND Period__c = '${h.periodOfA}'`,
    );
    const keys = reply.body.statements.flatMap((s: { lines: { lineKey: string }[] }) => s.lines.map((l) => l.lineKey));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.sort()).toEqual(records.records.map((r) => r.External_Key__c).sort());
  });

  it('is an empty list for a period without statements, and history lists every period with totals', async () => {
    const empty = await get('/api/reps/me/statements/2019-Q1', 'repA');
    expect(empty.body).toMatchObject({ statements: [], computedAt: null, warnings: [] });
    const history = await get('/api/reps/me/history', 'repA');
    const periods = history.body.periods.map((p: { period: string }) => p.period);
    expect(periods).toEqual([...periods].sort());
    expect(periods).toContain(h.periodOfA);
    const stored = await h.worker.context.store.statements.get({ repId: A, period: h.periodOfA });
    const entry = history.body.periods.find((p: { period: string }) => p.period === h.periodOfA);
    expect(entry.statements[0]).toMatchObject({
      total: stored?.statements[0]?.total,
      lineCount: stored?.statements[0]?.lines.length,
    });
  });
});

describe('statement deals', () => {
  it('name every deal of the lines with its Opportunity Name, amount, currency and close date from the org', async () => {
    const reply = await get(`/api/reps/me/statements/${h.periodOfA}`, 'repA');
    const lineDealIds = new Set<string>(
      reply.body.statements.flatMap((s: { lines: { dealId?: string }[] }) =>
        s.lines.flatMap((l) => (l.dealId ? [l.dealId] : [])),
      ),
    );
    expect(lineDealIds.size).toBeGreaterThan(0);
    const deals = reply.body.deals as { id: string; name: string | null; amount: string; currency: string }[];
    expect(deals.map((d) => d.id)).toEqual([...lineDealIds].sort());
    const ids = deals.map((d) => `'${d.id}'`).join(', ');
    const org = await h.admin.query<{ Id: string; Name: string; Amount: number; CloseDate: string }>(
      `SELECT Id, Name, Amount, CloseDate FROM Opportunity WHERE Id IN (${ids})`,
    );
    const byId = new Map(org.records.map((r) => [r.Id, r]));
    for (const deal of deals) {
      const record = byId.get(deal.id);
      expect(deal.name).toBe(record?.Name);
      expect(Number(deal.amount)).toBe(record?.Amount);
      expect(deal).toMatchObject({ closeDate: record?.CloseDate, currency: expect.stringMatching(/^[A-Z]{3}$/) });
    }
  });

  it('keep a stored name when a deal is stored again without one (re-indexing), and drop it when it is null', async () => {
    const deals = h.worker.context.store.deals;
    const [id] = (await get(`/api/reps/me/statements/${h.periodOfA}`, 'repA')).body.deals.map(
      (d: { id: string }) => d.id,
    );
    const stored = await deals.get(id);
    const name = (await deals.names([id])).get(id);
    expect(name).toBeTruthy();
    const item = { deal: stored!.deal, keys: stored!.keys, modstampMs: stored!.modstampMs };
    expect(await deals.upsert(item)).toBe('unchanged');
    expect((await deals.names([id])).get(id)).toBe(name);
    expect(await deals.upsert({ ...item, name: null })).toBe('unchanged');
    expect((await deals.names([id])).has(id)).toBe(false);
    expect(await deals.upsert({ ...item, name: name as string })).toBe('unchanged');
    expect((await deals.names([id])).get(id)).toBe(name);
  });

  it('follow a rename in Salesforce with the next sync, without recomputing any statement', async () => {
    const first = (await get(`/api/reps/me/statements/${h.periodOfA}`, 'repA')).body.deals[0] as { id: string };
    const renamed = `Renamed ${Date.now()}`;
    const computedAt = (await h.worker.context.store.statements.get({ repId: A, period: h.periodOfA }))?.computedAt;
    await h.admin.sobject('Opportunity').update({ Id: first.id, Name: renamed });
    const runsBefore = (await h.worker.context.store.runs.list(1))[0]?.id;
    await enqueueSync(h.worker.context.queues, 'incremental', 'test');
    await waitForIdle(h.worker.context);
    const run = (await h.worker.context.store.runs.list(1))[0];
    expect(run?.id).not.toBe(runsBefore);
    // The record was read again (its modstamp moved) but only its name changed: no pay changed.
    expect(run?.counts).toMatchObject({ updated: 0, created: 0 });
    expect((await h.worker.context.store.statements.get({ repId: A, period: h.periodOfA }))?.computedAt).toBe(
      computedAt,
    );
    const after = (await get(`/api/reps/me/statements/${h.periodOfA}`, 'repA')).body.deals;
    expect(after.find((d: { id: string }) => d.id === first.id)?.name).toBe(renamed);
  });
});

describe('plan fields for the what-if', () => {
  it('lists the deal fields the rep’s plan filters on, with the values the filters name', async () => {
    const reply = await get(`/api/reps/me/plan-fields?period=${h.periodOfA}`, 'repA');
    expect(reply.status).toBe(200);
    // installPlan: plan `ae`, its `services` bonus filtered on fields.family = Services.
    expect(reply.body).toEqual({
      repId: A,
      period: h.periodOfA,
      plans: [{ planId: 'ae', name: null, currency: 'USD' }],
      fields: [
        { name: 'family', ops: ['eq'], values: ['Services'], usedBy: [{ planId: 'ae', componentId: 'services' }] },
      ],
    });
    // Without a period: the period of the plan that contains today; a period of no plan lists nothing.
    expect((await get('/api/reps/me/plan-fields', 'repA')).body.period).toMatch(/^\d{4}-Q[1-4]$/);
    expect((await get('/api/reps/me/plan-fields?period=2026-03', 'repA')).body).toMatchObject({
      plans: [],
      fields: [],
    });
    expect((await get(`/api/reps/${A}/plan-fields`, 'repB')).status).toBe(403);
  });

  it('walks nested filters and quota filters, each value once', () => {
    const fields = planFields([
      {
        id: 'p',
        currency: 'USD',
        period: 'quarter',
        quotaFilter: { not: { field: 'fields.type', op: 'eq', value: 'Renewal' } },
        components: [
          {
            id: 'c',
            type: 'percent',
            rate: '0.1',
            filter: {
              all: [
                { field: 'fields.family', op: 'in', value: ['Services', 'Hardware', null] },
                {
                  any: [
                    { field: 'fields.family', op: 'eq', value: 'Services' },
                    { field: 'amount', op: 'gt', value: '5' },
                  ],
                },
                { field: 'fields.region', op: 'exists', value: true },
              ],
            },
          },
        ],
      },
    ]);
    expect(fields).toEqual([
      {
        name: 'family',
        ops: ['in', 'eq'],
        values: ['Services', 'Hardware'],
        usedBy: [{ planId: 'p', componentId: 'c' }],
      },
      { name: 'region', ops: ['exists'], values: [], usedBy: [{ planId: 'p', componentId: 'c' }] },
      { name: 'type', ops: ['eq'], values: ['Renewal'], usedBy: [{ planId: 'p', componentId: null }] },
    ]);
  });
});

describe('tier position', () => {
  it('says how much more credit reaches the next tier of the plan, exactly', async () => {
    const reply = await get(`/api/reps/me/attainment?period=${h.periodOfA}`, 'repA');
    const stored = (await h.worker.context.store.statements.get({ repId: A, period: h.periodOfA }))?.statements[0];
    const [position] = reply.body.plans;
    // installPlan: quota 150000, tiers [upTo 1 → 5 %, then 8 %].
    expect(position).toMatchObject({ planId: 'ae', quota: '150000.00', credited: stored?.credited });
    const tier = position.tiered[0];
    const credited = Number(stored?.credited);
    if (credited < 150000) {
      expect(tier.current).toEqual({ tier: 1, rate: '0.05', from: '0.00', upTo: '150000.00' });
      expect(tier.next.rate).toBe('0.08');
      // Cents as integers: the API's text against an exact difference.
      const cents = (text: string) => BigInt(text.replace('.', ''));
      expect(cents(tier.next.creditedToGo)).toBe(cents('150000.00') - cents(stored?.credited as string));
    } else {
      expect(tier.current).toMatchObject({ tier: 2, rate: '0.08', upTo: null });
      expect(tier.next).toBeNull();
    }
  });

  it('defaults to the period of the plan that contains today', async () => {
    const reply = await get('/api/reps/me/attainment', 'repA');
    const today = new Date().toISOString().slice(0, 10);
    const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    expect(reply.body.period).toBe(quarter);
  });
});

describe('what-if', () => {
  it('equals the engine’s estimate over every deal of the org', async () => {
    const deal = {
      amount: '80000',
      closeDate: h.periodOfA.replace(/-Q(\d)/, (_, q) => `-${String(Number(q) * 3).padStart(2, '0')}-15`),
      fields: { family: 'Services' },
    };
    const reply = await h.request('POST', '/api/reps/me/estimate', { token: tokens.repA, body: deal });
    expect(reply.status).toBe(200);
    const store = h.worker.context.store;
    const all = await store.deals.getMany(await store.deals.allIds());
    const input = await store.inputs.engineInput(all.map((stored) => stored.deal));
    if (!input.ok) throw new Error('inputs');
    const checked = validateWhatIfDeal(deal, A, input.value.corporateCurrency);
    if (!checked.ok) throw new Error('deal');
    expect(reply.body).toEqual(JSON.parse(JSON.stringify(estimate(input.value, A, checked.value))));
    expect(reply.body.difference).not.toBe('0.00');
    expect(reply.body.dealLines.map((l: { componentId: string }) => l.componentId)).toContain('services');
  });

  it('refuses a bad deal with a 400 naming each field', async () => {
    const reply = await h.request('POST', '/api/reps/me/estimate', {
      token: tokens.repA,
      body: { amount: '12,000', closeDate: '2026-02-30' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('INVALID_REQUEST');
    const paths = reply.body.error.issues.map((i: { in: string; path: string[] }) => `${i.in}.${i.path.join('.')}`);
    expect(paths).toEqual(expect.arrayContaining(['body.amount', 'body.closeDate']));
    expect(reply.body.error.message).toMatch(/^body\.(amount|closeDate): /);
  });
});

describe('who reads whom', () => {
  it('a rep never reads another rep by changing the id (18 or 15 characters, any route)', async () => {
    for (const id of [B, B.slice(0, 15), M, VP]) {
      for (const path of [`statements/${h.periodOfA}`, 'history', 'attainment', 'disputes']) {
        expect((await get(`/api/reps/${id}/${path}`, 'repA')).status, `${id} ${path}`).toBe(403);
      }
      const estimateReply = await h.request('POST', `/api/reps/${id}/estimate`, {
        token: tokens.repA,
        body: { amount: '1', closeDate: '2026-01-01' },
      });
      expect(estimateReply.status).toBe(403);
    }
    // The 15-character form of one's own id is one's own id.
    const own = await get(`/api/reps/${A.slice(0, 15)}/history`, 'repA');
    expect(own.status).toBe(200);
    expect(own.body.repId).toBe(to18(A.slice(0, 15)));
  });

  it('an id that is not a user id is a 400 naming the parameter, not a lookup', async () => {
    for (const bad of ['ME', '001000000000001AAA', 'x'.repeat(18), '005%2F..%2Fadmin']) {
      const reply = await get(`/api/reps/${bad}/history`, 'repA');
      expect(reply.status, bad).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({ in: 'path', path: ['repId'] });
    }
  });

  it('a manager reads everyone under them, at any depth, and nobody else', async () => {
    expect((await get(`/api/reps/${A}/statements/${h.periodOfA}`, 'manager')).status).toBe(200);
    expect((await get(`/api/reps/${A}/history`, 'vp')).status).toBe(200);
    expect((await get(`/api/reps/${B}/history`, 'manager')).status).toBe(403);
    expect((await get(`/api/reps/${VP}/history`, 'manager')).status).toBe(403);
    expect((await get(`/api/reps/${M}/history`, 'repA')).status).toBe(403);
  });

  it('team summaries stay inside the caller’s tree', async () => {
    const team = await get(`/api/team?period=${h.periodOfA}`, 'manager');
    expect(team.status).toBe(200);
    const members = team.body.members.map((m: { repId: string }) => m.repId);
    expect(members).toContain(A);
    expect(members).not.toContain(B);
    expect(members).not.toContain(M);
    const direct = h.directory.users.filter((u) => u.managerId === M && u.isActive).map((u) => u.id);
    expect(members.sort()).toEqual(direct.sort());
    // Totals add up the members' statements.
    const usd = team.body.totals.find((t: { currency: string }) => t.currency === 'USD');
    const sum = team.body.members
      .flatMap((m: { statements: { total: string; currency: string }[] }) => m.statements)
      .filter((s: { currency: string }) => s.currency === 'USD')
      .reduce((cents: bigint, s: { total: string }) => cents + BigInt(s.total.replace('.', '')), 0n);
    expect(BigInt(usd.total.replace('.', ''))).toBe(sum);

    const vpTeam = await get(`/api/team?period=${h.periodOfA}`, 'vp');
    expect(vpTeam.body.members.map((m: { repId: string }) => m.repId)).toEqual(expect.arrayContaining([M, A]));
    const sub = await get(`/api/team?period=${h.periodOfA}&managerId=${M}`, 'vp');
    expect(sub.status).toBe(200);
    const managerOfB = h.directory.users.find((u) => u.id === B)?.managerId as string;
    expect((await get(`/api/team?period=${h.periodOfA}&managerId=${managerOfB}`, 'manager')).status).toBe(403);
    expect((await get(`/api/team?period=${h.periodOfA}&managerId=${managerOfB}`, 'ops')).status).toBe(200);
  });
});

describe('bad input', () => {
  it('gets a 400 naming the field, wherever it is', async () => {
    const cases: [string, string, string][] = [
      ['/api/reps/me/statements/2026-Q5', 'path', 'period'],
      ['/api/reps/me/attainment?period=2026-13', 'query', 'period'],
      ['/api/reps/me/attainment?periodd=2026-Q1', 'query', ''],
      [`/api/team`, 'query', 'period'],
    ];
    for (const [path, where, field] of cases) {
      const reply = await get(path, 'manager');
      expect(reply.status, path).toBe(400);
      const issue = reply.body.error.issues[0];
      expect(issue.in).toBe(where);
      if (field) expect(issue.path).toEqual([field]);
      else expect(issue.message).toMatch(/periodd/);
    }
  });
});
