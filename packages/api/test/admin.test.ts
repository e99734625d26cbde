/**
 * Admin routes: plans (check, compare over the stored deals, save all-or-nothing, delete),
 * assignments and quotas (check, replace), the field mapping against the emulator (describe, check,
 * preview, versions), and the audit log of each change with who, when, before and after.
 */
import { compare, type Plan } from '@attain/engine';
import { waitForIdle } from '@attain/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let admin: string;
let plan: Plan;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token(h.people.admin);
  plan = (await h.worker.context.store.inputs.base()).plans.find((p) => p.id === 'ae') as Plan;
}, 60_000);
afterAll(async () => h?.close());

const call = (method: string, path: string, body?: unknown) =>
  h.request(method, path, { token: admin, ...(body === undefined ? {} : { body }) });
const auditEntries = async (limit = 50) => (await call('GET', `/api/admin/audit?limit=${limit}`)).body.entries;
const store = () => h.worker.context.store;

/** The plan with a higher accelerator: tier 2 pays 10 % instead of 8 %. */
const richer = (): Plan => ({
  ...plan,
  components: plan.components.map((c) =>
    c.type === 'tiered' ? { ...c, tiers: [c.tiers[0]!, { rate: '0.1' }] } : c,
  ) as Plan['components'],
});

describe('plans', () => {
  it('a plan with one bad component is refused whole, naming the field; nothing changes', async () => {
    const before = JSON.stringify(await store().inputs.base());
    const auditBefore = (await auditEntries()).length;
    const bad = { ...richer(), components: [...richer().components, { id: 'x', type: 'percent', rate: 'ten' }] };
    const reply = await call('PUT', '/api/admin/plans/ae', { plan: bad });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues).toContainEqual(
      expect.objectContaining({ in: 'body', path: ['plan', 'components', 2, 'rate'] }),
    );
    expect(reply.body.error.message).toMatch(/^body\.plan\.components\[2\]\.rate: /);
    expect(JSON.stringify(await store().inputs.base())).toBe(before);
    expect((await auditEntries()).length).toBe(auditBefore);

    const checked = await call('POST', '/api/admin/plans/validate', { plan: bad });
    expect(checked.body.valid).toBe(false);
    expect(checked.body.issues[0].path).toEqual(['components', 2, 'rate']);
    expect((await call('POST', '/api/admin/plans/validate', { plan: richer() })).body).toEqual({
      valid: true,
      issues: [],
    });
  });

  it('compares a new version with the current one over the stored deals, as the engine does', async () => {
    const reply = await call('POST', '/api/admin/plans/compare', { plan: richer() });
    expect(reply.status).toBe(200);
    const deals = (await store().deals.getMany(await store().deals.allIds())).map((d) => d.deal);
    const input = await store().inputs.engineInput(deals);
    if (!input.ok) throw new Error('inputs');
    expect(reply.body).toEqual(JSON.parse(JSON.stringify(compare(input.value, richer()))));
    expect(BigInt(reply.body.totals.difference.replace('.', ''))).toBeGreaterThan(0n);
  });

  it('saves a new version: audited with before and after, recomputed by the worker', async () => {
    const generation = await store().inputs.generation();
    const reply = await call('PUT', '/api/admin/plans/ae', { plan: richer() });
    expect(reply.status).toBe(200);
    expect(reply.body.changed).toBe(true);
    expect(await store().inputs.generation()).toBe(generation + 1);
    const [entry] = await auditEntries(1);
    expect(entry).toMatchObject({ action: 'plan.save', target: 'plan:ae', actor: { userId: h.people.admin } });
    expect(entry.before).toEqual(plan);
    expect(entry.after).toEqual(richer());
    // The save queued a sync: the worker re-indexes and recomputes with the new rate.
    await waitForIdle(h.worker.context);
    const keys = await store().statements.keysWithStatements();
    const rates = new Set<string>();
    for (const key of keys) {
      for (const s of (await store().statements.get(key))?.statements ?? []) {
        for (const line of s.lines) if (line.componentId === 'base' && line.tier === 2) rates.add(line.rate as string);
      }
    }
    expect([...rates]).toEqual(['0.1']);
    // Saving the same again changes nothing and logs nothing.
    const again = await call('PUT', '/api/admin/plans/ae', { plan: richer() });
    expect(again.body.changed).toBe(false);
    expect((await auditEntries(1))[0].id).toBe(entry.id);
  });

  it('two saves at once are both logged, the second’s "before" being the first’s "after"', async () => {
    const a = { ...richer(), name: 'A' };
    const b = { ...richer(), name: 'B' };
    const replies = await Promise.all([
      call('PUT', '/api/admin/plans/ae', { plan: a }),
      call('PUT', '/api/admin/plans/ae', { plan: b }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const [second, first] = await auditEntries(2);
    expect(second.before).toEqual(first.after);
    expect((await store().inputs.base()).plans.find((p) => p.id === 'ae')).toEqual(second.after);
  });

  it('refuses an id that differs from the path, deleting a plan in use, and unknown plans', async () => {
    const mismatch = await call('PUT', '/api/admin/plans/ae', { plan: { ...richer(), id: 'other' } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.issues[0]).toMatchObject({ in: 'body', path: ['plan', 'id'] });
    expect((await call('DELETE', '/api/admin/plans/ae')).status).toBe(409);
    expect((await call('DELETE', '/api/admin/plans/nope')).status).toBe(404);
    expect((await call('GET', '/api/admin/plans/nope')).status).toBe(404);
    expect((await call('PUT', '/api/admin/plans/spare', { plan: { ...richer(), id: 'spare' } })).status).toBe(200);
    expect((await call('DELETE', '/api/admin/plans/spare')).status).toBe(204);
    const [entry] = await auditEntries(1);
    expect(entry).toMatchObject({ action: 'plan.delete', target: 'plan:spare', after: null });
    expect(entry.before.id).toBe('spare');
  });
});

describe('assignments and quotas', () => {
  it('refuses assignments naming an unknown plan, whole; saves a change and logs only what changed', async () => {
    const current = (await call('GET', '/api/admin/assignments')).body.assignments;
    const bad = current.map((a: { repId: string }, i: number) => (i === 1 ? { ...a, planId: 'ghost' } : a));
    const checked = await call('POST', '/api/admin/assignments/validate', { assignments: bad });
    expect(checked.body.valid).toBe(false);
    expect(checked.body.issues[0].path).toEqual(['assignments', 1, 'planId']);
    const refused = await call('PUT', '/api/admin/assignments', { assignments: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0]).toMatchObject({ in: 'body', path: ['assignments', 1, 'planId'] });
    expect((await store().inputs.base()).assignments).toEqual(current);

    const moved = current.map((a: { repId: string; from: string }) =>
      a.repId === h.people.repB ? { ...a, from: '2001-01-01' } : a,
    );
    const saved = await call('PUT', '/api/admin/assignments', { assignments: moved });
    expect(saved.body.changed).toBe(true);
    const [entry] = await auditEntries(1);
    expect(entry).toMatchObject({ action: 'assignments.replace', target: 'assignments' });
    expect(entry.before).toEqual([current.find((a: { repId: string }) => a.repId === h.people.repB)]);
    expect(entry.after).toEqual([moved.find((a: { repId: string }) => a.repId === h.people.repB)]);
  });

  it('refuses a negative quota, naming it; saves a change and logs only the changed quota', async () => {
    const current = (await call('GET', '/api/admin/quotas')).body.quotas;
    const bad = current.map((q: object, i: number) => (i === 3 ? { ...q, amount: '-5' } : q));
    const refused = await call('PUT', '/api/admin/quotas', { quotas: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0]).toMatchObject({ path: ['quotas', 3, 'amount'] });
    expect((await store().inputs.base()).quotas).toEqual(current);
    const raised = current.map((q: { amount: string }, i: number) => (i === 0 ? { ...q, amount: '175000' } : q));
    expect((await call('PUT', '/api/admin/quotas', { quotas: raised })).body.changed).toBe(true);
    const [entry] = await auditEntries(1);
    expect(entry.before).toEqual([current[0]]);
    expect(entry.after).toEqual([raised[0]]);
  });
});

describe('field mapping (against the org)', () => {
  it('shows the mapping in force, its versions, and the describe of the mapped object', async () => {
    const reply = await call('GET', '/api/admin/mapping');
    expect(reply.status).toBe(200);
    expect(reply.body.current.version).toBe(1);
    expect(reply.body.versions).toHaveLength(1);
    expect(reply.body.describe.name).toBe('Opportunity');
    expect(reply.body.describe.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['Amount', 'CloseDate', 'OwnerId', 'IsWon']),
    );
  });

  it('gives each field its label and each picklist its values, as the org describes them', async () => {
    const reply = await call('GET', '/api/admin/mapping');
    const org = await h.admin.describe('Opportunity');
    expect(reply.body.describe.label).toBe(org.label);
    const fields = reply.body.describe.fields as {
      name: string;
      type: string;
      label: string;
      picklistValues?: { value: string; label: string; active: boolean }[];
    }[];
    for (const field of fields) {
      const described = org.fields.find((f) => f.name === field.name);
      expect(field.label).toBe(described?.label);
      if (field.type === 'picklist' || field.type === 'multipicklist') {
        expect(field.picklistValues).toEqual(
          (described?.picklistValues ?? []).map((v) => ({ value: v.value, label: v.label, active: v.active })),
        );
      } else expect(field.picklistValues).toBeUndefined();
    }
    const stage = fields.find((f) => f.name === 'StageName');
    expect(stage?.label).toBe('Stage');
    expect(stage?.picklistValues?.map((v) => v.value)).toContain('Closed Won');
  });

  it('checks a document against the org and names each bad field', async () => {
    const reply = await call('POST', '/api/admin/mapping/validate', {
      mapping: { amount: 'Amount__x', fields: { industry: { path: 'Acount.Industry' } } },
    });
    expect(reply.body.valid).toBe(false);
    expect(reply.body.issues.map((i: { code: string; path: string[] }) => [i.code, i.path.join('.')])).toEqual([
      ['unknown_field', 'amount'],
      ['unknown_relationship', 'fields.industry.path'],
    ]);
    const shape = await call('POST', '/api/admin/mapping/validate', { mapping: { amount: '1bad' } });
    expect(shape.status).toBe(400);
    expect(shape.body.error.issues[0]).toMatchObject({ in: 'body', path: ['mapping', 'amount'] });
  });

  it('reports every problem in one shape and one code casing, whoever found it', async () => {
    const replies = [
      // the org's describe (the mapping names a field Opportunity lacks), a 400
      await call('PUT', '/api/admin/mapping', { mapping: { amount: 'Amount__x' } }),
      // the request's schema, a 400
      await call('POST', '/api/admin/mapping/validate', { mapping: { amount: '1bad' } }),
      // the engine's validator
      await call('POST', '/api/admin/plans/validate', {
        plan: { id: 'p', currency: 'usd', period: 'quarter', components: [] },
      }),
    ];
    const problems = replies.flatMap((reply) => reply.body.error?.issues ?? reply.body.issues);
    expect(problems.length).toBeGreaterThanOrEqual(3);
    for (const problem of problems) {
      expect(
        Object.keys(problem)
          .filter((key) => key !== 'in')
          .sort(),
      ).toEqual(['code', 'message', 'path']);
      expect(problem.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it('previews five mapped deals from the org', async () => {
    const reply = await call('POST', '/api/admin/mapping/preview', { mapping: { fields: { type: { path: 'Type' } } } });
    expect(reply.status).toBe(200);
    expect(reply.body.valid).toBe(true);
    expect(reply.body.records).toHaveLength(5);
    for (const record of reply.body.records) {
      expect(record.deal).toMatchObject({ id: record.recordId, fields: { type: expect.any(String) } });
    }
    expect(reply.body.soql).toMatch(/^SELECT .* FROM Opportunity ORDER BY SystemModstamp DESC, Id DESC LIMIT 5$/);
  });

  it('saves a version (refusing one the org cannot serve), logs it and resyncs fully', async () => {
    const refused = await call('PUT', '/api/admin/mapping', { mapping: { amount: 'Amount__x' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0]).toMatchObject({
      in: 'body',
      path: ['mapping', 'amount'],
      code: 'unknown_field',
    });
    expect((await store().mapping.history()).length).toBe(1);

    const before = (await store().mapping.current())?.mapping;
    const next = { ...before, quotas: { source: 'ForecastingQuota' } };
    const runs = (await store().runs.list(50)).length;
    const saved = await call('PUT', '/api/admin/mapping', { mapping: next });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ changed: true, version: { version: 2 } });
    const [entry] = await auditEntries(1);
    expect(entry).toMatchObject({ action: 'mapping.save', target: 'mapping:v2', before });
    await waitForIdle(h.worker.context);
    const after = await store().runs.list(50);
    expect(after.length).toBeGreaterThan(runs);
    expect(after[0]).toMatchObject({ kind: 'full', status: 'succeeded' });
    // Quotas now come from Salesforce: an import would be overwritten, so it is refused.
    const quotas = (await call('GET', '/api/admin/quotas')).body.quotas;
    const locked = await call('PUT', '/api/admin/quotas', { quotas });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('MANAGED_BY_SALESFORCE');
  });
});

describe('audit log', () => {
  it('pages newest first', async () => {
    const first = await call('GET', '/api/admin/audit?limit=2');
    expect(first.body.entries).toHaveLength(2);
    const second = await call('GET', `/api/admin/audit?limit=2&before=${first.body.next}`);
    // Stream ids are `<ms>-<seq>`: the second page is older than the first.
    const order = (id: string) => id.split('-').map(BigInt) as [bigint, bigint];
    const [ms1, seq1] = order(first.body.entries[1].id);
    const [ms2, seq2] = order(second.body.entries[0].id);
    expect(ms2 < ms1 || (ms2 === ms1 && seq2 < seq1)).toBe(true);
    expect(new Set([...first.body.entries, ...second.body.entries].map((e: { id: string }) => e.id)).size).toBe(4);
    expect((await call('GET', '/api/admin/audit?limit=0')).status).toBe(400);
  });
});
