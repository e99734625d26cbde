/**
 * The security matrix: every route × every identity, with the status each must get. Generated from
 * the table below; the table itself must cover exactly the routes the OpenAPI document lists.
 * The API verifies the org's RS256 tokens with a JWKS here (the certificate's key under its name);
 * bad tokens (none, signed with another key, `alg` switched to HS256 with the public key as the
 * secret, `alg: none`, expired, another org, wrong audience, living longer than 600 s, an unknown
 * `kid`) get 401 on every route that is not public; public routes answer everyone alike. Rotation
 * (two PEM keys, then only the new one) is checked on API instances of its own.
 */
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintTestToken, signToken, tokenKeyPair } from '@attain/test-kit';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Reply, startHarness, TOKEN_KEYS } from './harness.js';

const GOOD = ['repA', 'repB', 'manager', 'ops', 'admin'] as const;
const BAD = [
  'noToken',
  'expired',
  'wrongKey',
  'hs256WithPublicKey',
  'algNone',
  'otherOrg',
  'wrongAudience',
  'livesTooLong',
  'unknownKid',
] as const;
type Good = (typeof GOOD)[number];
type Identity = Good | (typeof BAD)[number];

interface Case {
  method: string;
  /** The route as documented (`{param}`). */
  route: string;
  path: (ctx: Context, who: Identity) => string;
  body?: (ctx: Context, who: Identity) => unknown;
  /** Status per good identity; public routes: `any`, the status for every identity. */
  expect: Record<Good, number> | { any: number };
}

interface Context {
  h: Harness;
  A: string;
  M: string;
  period: string;
  /** Lines of rep A not yet disputed, handed out one per dispute. */
  lines: { period: string; lineKey: string }[];
  /** An open dispute for each identity allowed to resolve one (the others are refused before any lookup). */
  disputeFor: Record<'ops' | 'admin', string>;
  /** The harness's full sync. */
  runId: string;
  plan: unknown;
  assignments: unknown;
  quotas: unknown;
  mapping: unknown;
}

const reader = { repA: 200, repB: 403, manager: 200, ops: 200, admin: 200 };
const opsOnly = (status: number) => ({ repA: 403, repB: 403, manager: 403, ops: status, admin: status });
const adminOnly = (status: number) => ({ repA: 403, repB: 403, manager: 403, ops: 403, admin: status });

const CASES: Case[] = [
  { method: 'GET', route: '/healthz', path: () => '/healthz', expect: { any: 200 } },
  { method: 'GET', route: '/metrics', path: () => '/metrics', expect: { any: 200 } },
  { method: 'GET', route: '/api/openapi.json', path: () => '/api/openapi.json', expect: { any: 200 } },
  {
    method: 'POST',
    route: '/canvas',
    path: () => '/canvas',
    body: () => 'signed_request=aaaaaaaaaaaa.bbbbbbbbbbbb',
    expect: { any: 404 },
  },
  {
    method: 'GET',
    route: '/api/me',
    path: () => '/api/me',
    expect: { repA: 200, repB: 200, manager: 200, ops: 200, admin: 200 },
  },
  {
    method: 'GET',
    route: '/api/reps/{repId}/statements/{period}',
    path: (c) => `/api/reps/${c.A}/statements/${c.period}`,
    expect: reader,
  },
  { method: 'GET', route: '/api/reps/{repId}/history', path: (c) => `/api/reps/${c.A}/history`, expect: reader },
  {
    method: 'GET',
    route: '/api/reps/{repId}/attainment',
    path: (c) => `/api/reps/${c.A}/attainment?period=${c.period}`,
    expect: reader,
  },
  {
    method: 'GET',
    route: '/api/reps/{repId}/plan-fields',
    path: (c) => `/api/reps/${c.A}/plan-fields?period=${c.period}`,
    expect: reader,
  },
  {
    method: 'POST',
    route: '/api/reps/{repId}/estimate',
    path: (c) => `/api/reps/${c.A}/estimate`,
    body: () => ({ amount: '25000', closeDate: '2026-11-15' }),
    expect: reader,
  },
  { method: 'GET', route: '/api/reps/{repId}/disputes', path: (c) => `/api/reps/${c.A}/disputes`, expect: reader },
  {
    method: 'POST',
    route: '/api/reps/{repId}/disputes',
    path: (c) => `/api/reps/${c.A}/disputes`,
    body: (c, who) => {
      // Only rep A's call may open one, so only it takes a fresh line; the others reuse the same (403 first).
      const line =
        who === 'repA' ? (c.lines.shift() as Context['lines'][number]) : (c.lines[0] as Context['lines'][number]);
      return { ...line, reason: 'The split on this deal should be 60 %, not 40 %.' };
    },
    expect: { repA: 201, repB: 403, manager: 403, ops: 403, admin: 403 },
  },
  {
    method: 'GET',
    route: '/api/team',
    path: (c) => `/api/team?period=${c.period}`,
    expect: { repA: 403, repB: 403, manager: 200, ops: 200, admin: 200 },
  },
  { method: 'GET', route: '/api/ops/sync', path: () => '/api/ops/sync', expect: opsOnly(200) },
  {
    method: 'POST',
    route: '/api/ops/sync',
    path: () => '/api/ops/sync',
    body: () => ({ kind: 'incremental' }),
    expect: opsOnly(202),
  },
  {
    method: 'GET',
    route: '/api/ops/sync/runs/{runId}',
    path: (c) => `/api/ops/sync/runs/${c.runId}`,
    expect: opsOnly(200),
  },
  { method: 'GET', route: '/api/ops/errors', path: () => '/api/ops/errors', expect: opsOnly(200) },
  {
    method: 'POST',
    route: '/api/ops/errors/retry',
    path: () => '/api/ops/errors/retry',
    body: () => ({ writeErrorKeys: ['C|not-a-current-error'] }),
    expect: opsOnly(200),
  },
  { method: 'GET', route: '/api/ops/disputes', path: () => '/api/ops/disputes', expect: opsOnly(200) },
  {
    method: 'POST',
    route: '/api/ops/disputes/{disputeId}/resolve',
    path: (c, who) => `/api/ops/disputes/${who === 'admin' ? c.disputeFor.admin : c.disputeFor.ops}/resolve`,
    body: () => ({ outcome: 'rejected', note: 'Checked against the signed split form.' }),
    expect: opsOnly(200),
  },
  { method: 'POST', route: '/api/ops/queues/ticket', path: () => '/api/ops/queues/ticket', expect: opsOnly(201) },
  { method: 'GET', route: '/api/ops/queues/', path: () => '/api/ops/queues/', expect: opsOnly(200) },
  { method: 'GET', route: '/api/admin/mapping', path: () => '/api/admin/mapping', expect: adminOnly(200) },
  {
    method: 'POST',
    route: '/api/admin/mapping/validate',
    path: () => '/api/admin/mapping/validate',
    body: (c) => ({ mapping: c.mapping }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/admin/mapping/preview',
    path: () => '/api/admin/mapping/preview',
    body: (c) => ({ mapping: c.mapping }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/admin/mapping',
    path: () => '/api/admin/mapping',
    body: (c) => ({ mapping: c.mapping }),
    expect: adminOnly(200),
  },
  { method: 'GET', route: '/api/admin/plans', path: () => '/api/admin/plans', expect: adminOnly(200) },
  { method: 'GET', route: '/api/admin/plans/{planId}', path: () => '/api/admin/plans/ae', expect: adminOnly(200) },
  {
    method: 'POST',
    route: '/api/admin/plans/validate',
    path: () => '/api/admin/plans/validate',
    body: (c) => ({ plan: c.plan }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/admin/plans/compare',
    path: () => '/api/admin/plans/compare',
    body: (c) => ({ plan: c.plan }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/admin/plans/{planId}',
    path: () => '/api/admin/plans/ae',
    body: (c) => ({ plan: c.plan }),
    expect: adminOnly(200),
  },
  {
    method: 'DELETE',
    route: '/api/admin/plans/{planId}',
    path: () => '/api/admin/plans/unused',
    expect: adminOnly(204),
  },
  { method: 'GET', route: '/api/admin/assignments', path: () => '/api/admin/assignments', expect: adminOnly(200) },
  {
    method: 'POST',
    route: '/api/admin/assignments/validate',
    path: () => '/api/admin/assignments/validate',
    body: (c) => ({ assignments: c.assignments }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/admin/assignments',
    path: () => '/api/admin/assignments',
    body: (c) => ({ assignments: c.assignments }),
    expect: adminOnly(200),
  },
  { method: 'GET', route: '/api/admin/quotas', path: () => '/api/admin/quotas', expect: adminOnly(200) },
  {
    method: 'POST',
    route: '/api/admin/quotas/validate',
    path: () => '/api/admin/quotas/validate',
    body: (c) => ({ quotas: c.quotas }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/admin/quotas',
    path: () => '/api/admin/quotas',
    body: (c) => ({ quotas: c.quotas }),
    expect: adminOnly(200),
  },
  { method: 'GET', route: '/api/admin/audit', path: () => '/api/admin/audit', expect: adminOnly(200) },
];

let h: Harness;
let ctx: Context;
const tokens = {} as Record<Identity, string | null>;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const jwksDir = mkdtempSync(join(tmpdir(), 'attain-matrix-'));

beforeAll(async () => {
  // The certificate's public key as a JWKS, under the certificate's name (its kid).
  const jwks = join(jwksDir, 'keys.json');
  const jwk = {
    ...createPublicKey(TOKEN_KEYS.publicKeyPem).export({ format: 'jwk' }),
    kid: TOKEN_KEYS.kid,
    alg: 'RS256',
  };
  writeFileSync(jwks, JSON.stringify({ keys: [jwk] }));
  h = await startHarness({ env: { ATTAIN_TOKEN_JWKS: jwks, ATTAIN_TOKEN_PUBLIC_KEYS: '' } });
  const { people } = h;
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: people.repA, org: h.orgId, aud: 'attain', iat: now, exp: now + 300 };
  const sign = (body: Record<string, unknown>) => signToken(TOKEN_KEYS, body);
  Object.assign(tokens, {
    repA: await h.token(people.repA),
    repB: await h.token(people.repB),
    manager: await h.token(people.manager),
    ops: await h.token(people.ops),
    admin: await h.token(people.admin),
    noToken: null,
    expired: sign({ ...claims, iat: now - 900, exp: now - 400 }),
    // Someone else's key pair, under the org certificate's name.
    wrongKey: signToken(tokenKeyPair(TOKEN_KEYS.kid), claims),
    hs256WithPublicKey: await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: TOKEN_KEYS.kid })
      .sign(new TextEncoder().encode(TOKEN_KEYS.publicKeyPem)),
    algNone: `${base64url({ alg: 'none', typ: 'JWT', kid: TOKEN_KEYS.kid })}.${base64url(claims)}.`,
    otherOrg: sign({ ...claims, org: '00D5g0000000009EAA' }),
    wrongAudience: sign({ ...claims, aud: 'salesforce' }),
    livesTooLong: sign({ ...claims, exp: now + 601 }),
    unknownKid: signToken(tokenKeyPair('Attain_Token_Signing_Unknown'), claims),
  });

  // Rep A's lines across periods: one for the matrix's dispute, one each for ops and admin to resolve.
  const lines: Context['lines'] = [];
  const history = await h.request('GET', '/api/reps/me/history', { token: tokens.repA });
  for (const { period } of history.body.periods) {
    const view = await h.request('GET', `/api/reps/me/statements/${period}`, { token: tokens.repA });
    for (const statement of view.body.statements)
      for (const line of statement.lines) lines.push({ period, lineKey: line.lineKey });
  }
  const open = async () => {
    const line = lines.pop() as Context['lines'][number];
    const reply = await h.request('POST', '/api/reps/me/disputes', {
      token: tokens.repA,
      body: { ...line, reason: 'Wrong tier.' },
    });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  };
  const disputeFor = { ops: await open(), admin: await open() };
  const store = h.worker.context.store;
  const base = await store.inputs.base();
  await store.inputs.putPlan({ ...base.plans[0], id: 'unused' });
  ctx = {
    h,
    A: people.repA,
    M: people.manager,
    period: h.periodOfA,
    lines,
    disputeFor,
    runId: (await store.runs.list(200)).at(-1)?.id as string,
    plan: base.plans.find((plan) => plan.id === 'ae'),
    assignments: base.assignments,
    quotas: base.quotas,
    mapping: (await store.mapping.current())?.mapping,
  };
}, 60_000);
afterAll(async () => {
  await h?.close();
  rmSync(jwksDir, { recursive: true, force: true });
});

/** 401 in the API's one error shape. */
function expectUnauthenticated(reply: Reply): void {
  expect(reply.status).toBe(401);
  expect(reply.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="attain"');
}

describe('security matrix', () => {
  it('covers exactly the routes of the OpenAPI document', async () => {
    const document = (await h.request('GET', '/api/openapi.json')).body;
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(CASES.map((c) => `${c.method} ${c.route}`).sort()).toEqual(documented.sort());
  });

  for (const identity of [...GOOD, ...BAD]) {
    it(`answers ${identity} as the table says on every route`, async () => {
      const failures: string[] = [];
      for (const c of CASES) {
        const expected =
          'any' in c.expect
            ? c.expect.any
            : (BAD as readonly string[]).includes(identity)
              ? 401
              : c.expect[identity as Good];
        const body = c.body?.(ctx, identity);
        const form = typeof body === 'string';
        const reply = await h.request(c.method, c.path(ctx, identity), {
          token: tokens[identity],
          ...(form
            ? { rawBody: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
            : body === undefined
              ? {}
              : { body }),
        });
        if (reply.status !== expected)
          failures.push(`${c.method} ${c.route}: ${reply.status} (expected ${expected}) ${reply.text.slice(0, 200)}`);
        if (expected === 401 && reply.status === 401) expectUnauthenticated(reply);
        if (reply.status >= 400 && reply.headers.get('content-type')?.includes('json')) {
          // Errors have the one shape and never a stack.
          expect(reply.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          expect(reply.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('rotation: tokens of both configured keys are accepted; once the old key is removed, its tokens are not', async () => {
    const next = tokenKeyPair('Attain_Token_Signing_2027');
    const { repA } = h.people;
    const oldToken = mintTestToken(TOKEN_KEYS, { userId: repA, orgId: h.orgId }).token;
    const newToken = mintTestToken(next, { userId: repA, orgId: h.orgId }).token;
    const quiet = pino({ level: 'silent' });
    const both = await h.startAnother(
      { ATTAIN_TOKEN_PUBLIC_KEYS: `${TOKEN_KEYS.publicKeyPem}${next.publicKeyPem}`, ATTAIN_TOKEN_JWKS: '' },
      quiet,
    );
    try {
      expect((await both.request('GET', '/api/me', { token: oldToken })).body.userId).toBe(repA);
      expect((await both.request('GET', '/api/me', { token: newToken })).body.userId).toBe(repA);
      expectUnauthenticated(await both.request('GET', '/api/me', { token: tokens.wrongKey }));
    } finally {
      await both.running.close();
    }
    const rotated = await h.startAnother({ ATTAIN_TOKEN_PUBLIC_KEYS: next.publicKeyPem, ATTAIN_TOKEN_JWKS: '' }, quiet);
    try {
      expect((await rotated.request('GET', '/api/me', { token: newToken })).body.userId).toBe(repA);
      expectUnauthenticated(await rotated.request('GET', '/api/me', { token: oldToken }));
    } finally {
      await rotated.running.close();
    }
  }, 60_000);
});
