/**
 * Disputes end to end: a rep disputes a line of their statement, sees it open on the line, their
 * manager sees it, ops resolve it with a note, the rep sees the outcome; every step in the audit
 * log with who, when, before and after. Refusals: another rep's line, a line that does not exist,
 * a second open dispute on one line, resolving twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
const tokens: Record<string, string> = {};
let line: { period: string; lineKey: string; amount: string };

beforeAll(async () => {
  h = await startHarness();
  for (const [name, id] of Object.entries(h.people)) tokens[name] = await h.token(id);
  const view = await h.request('GET', `/api/reps/me/statements/${h.periodOfA}`, { token: tokens.repA });
  const first = view.body.statements[0].lines[0];
  line = { period: h.periodOfA, lineKey: first.lineKey, amount: first.amount };
}, 60_000);
afterAll(async () => h?.close());

describe('dispute round trip', () => {
  let disputeId: string;

  it('a rep opens a dispute on a line of their own statement', async () => {
    const reply = await h.request('POST', '/api/reps/me/disputes', {
      token: tokens.repA,
      body: { period: line.period, lineKey: line.lineKey, reason: '  The deal closed in the next quarter.  ' },
    });
    expect(reply.status).toBe(201);
    disputeId = reply.body.id;
    expect(reply.body).toMatchObject({
      repId: h.people.repA,
      period: line.period,
      lineKey: line.lineKey,
      status: 'open',
      reason: 'The deal closed in the next quarter.',
      openedBy: h.people.repA,
      line: { amount: line.amount },
    });
  });

  it('the line shows it, and the rep and their manager list it; ops see it among the open ones', async () => {
    const view = await h.request('GET', `/api/reps/me/statements/${line.period}`, { token: tokens.repA });
    const shown = view.body.statements[0].lines.find((l: { lineKey: string }) => l.lineKey === line.lineKey);
    expect(shown.dispute).toEqual({ id: disputeId, status: 'open' });
    for (const who of ['repA', 'manager']) {
      const list = await h.request('GET', `/api/reps/${h.people.repA}/disputes`, { token: tokens[who] as string });
      expect(list.body.disputes.map((d: { id: string }) => d.id)).toEqual([disputeId]);
    }
    const open = await h.request('GET', '/api/ops/disputes', { token: tokens.ops });
    expect(open.body.disputes.map((d: { id: string }) => d.id)).toContain(disputeId);
  });

  it('one open dispute per line', async () => {
    const again = await h.request('POST', '/api/reps/me/disputes', {
      token: tokens.repA,
      body: { period: line.period, lineKey: line.lineKey, reason: 'Once more.' },
    });
    expect(again.status).toBe(409);
  });

  it('ops resolve it with a note; the rep sees the outcome; it cannot be resolved twice', async () => {
    const resolved = await h.request('POST', `/api/ops/disputes/${disputeId}/resolve`, {
      token: tokens.ops,
      body: { outcome: 'accepted', note: 'Moved to Q+1; recomputed at the next sync.' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'accepted',
      resolution: { by: h.people.ops, note: 'Moved to Q+1; recomputed at the next sync.' },
    });
    const view = await h.request('GET', `/api/reps/me/statements/${line.period}`, { token: tokens.repA });
    const shown = view.body.statements[0].lines.find((l: { lineKey: string }) => l.lineKey === line.lineKey);
    expect(shown.dispute).toEqual({ id: disputeId, status: 'accepted' });
    const open = await h.request('GET', '/api/ops/disputes', { token: tokens.ops });
    expect(open.body.disputes.map((d: { id: string }) => d.id)).not.toContain(disputeId);
    const all = await h.request('GET', '/api/ops/disputes?status=all', { token: tokens.ops });
    expect(all.body.disputes.map((d: { id: string }) => d.id)).toContain(disputeId);
    const twice = await h.request('POST', `/api/ops/disputes/${disputeId}/resolve`, {
      token: tokens.admin,
      body: { outcome: 'rejected', note: 'No.' + ' Really.' },
    });
    expect(twice.status).toBe(409);
  });

  it('every step is in the audit log with who, when, before and after', async () => {
    const audit = await h.request('GET', '/api/admin/audit?limit=10', { token: tokens.admin });
    const mine = audit.body.entries.filter((e: { target: string }) => e.target === `dispute:${disputeId}`);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['dispute.accepted', 'dispute.open']);
    const [accepted, opened] = mine;
    expect(opened).toMatchObject({ actor: { userId: h.people.repA }, before: null, after: { status: 'open' } });
    expect(accepted).toMatchObject({
      actor: { userId: h.people.ops },
      before: { status: 'open' },
      after: { status: 'accepted' },
    });
    expect(Date.parse(accepted.at)).toBeGreaterThanOrEqual(Date.parse(opened.at));
  });
});

describe('refusals', () => {
  it('a rep cannot dispute another rep’s line, nor can their manager', async () => {
    for (const who of ['repB', 'manager', 'ops']) {
      const reply = await h.request('POST', `/api/reps/${h.people.repA}/disputes`, {
        token: tokens[who] as string,
        body: { period: line.period, lineKey: line.lineKey, reason: 'Not mine to dispute.' },
      });
      expect(reply.status, who).toBe(403);
    }
  });

  it('a line that is not in the statement is a 404, and nothing is stored', async () => {
    const count = (await h.api.api.services.disputes.list(false)).length;
    const reply = await h.request('POST', '/api/reps/me/disputes', {
      token: tokens.repA,
      body: { period: line.period, lineKey: `${line.lineKey}x`, reason: 'Not a line.' },
    });
    expect(reply.status).toBe(404);
    expect((await h.api.api.services.disputes.list(false)).length).toBe(count);
  });

  it('bad input names the field', async () => {
    const reply = await h.request('POST', '/api/reps/me/disputes', {
      token: tokens.repA,
      body: { period: line.period, lineKey: line.lineKey, reason: 'x', extra: 1 },
    });
    expect(reply.status).toBe(400);
    const paths = reply.body.error.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toContain('reason');
    expect(reply.body.error.issues.some((i: { message: string }) => /extra/.test(i.message))).toBe(true);
    const resolve = await h.request('POST', '/api/ops/disputes/dsp_nope/resolve', {
      token: tokens.ops,
      body: { outcome: 'maybe', note: 'x' },
    });
    expect(resolve.status).toBe(400);
    expect(resolve.body.error.issues.map((i: { in: string; path: string[] }) => `${i.in}.${i.path.join('.')}`)).toEqual(
      expect.arrayContaining(['path.disputeId', 'body.outcome', 'body.note']),
    );
  });
});
