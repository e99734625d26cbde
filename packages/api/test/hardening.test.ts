/**
 * Issue 16's small holes, through the real stack (Redis, the emulator, a synced org):
 * - callers without a valid token, and `POST /canvas`, are throttled per client address;
 * - bodies nested thousands of levels deep (a plan filter, a what-if deal) are a 400, not a stack
 *   overflow, and filters past the engine's 32 levels are `filter_too_deep`;
 * - a Canvas signed request opens sessions only while the Salesforce session it carries lives, and
 *   only when freshly issued.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasEnvelope, canvasForm, signCanvas, userSession } from './canvas-envelope.js';
import { type Harness, type Reply, type RequestOptions, startHarness } from './harness.js';

const CANVAS_SECRET = 'canvas-consumer-secret-for-hardening';
const LIMIT = 5;

let h: Harness;
/** An API with a small limit, one trusted proxy (addresses from X-Forwarded-For) and a clock the tests move. */
let edge: {
  running: { close(): Promise<void> };
  request: (method: string, path: string, options?: RequestOptions) => Promise<Reply>;
};
const started = Date.now();
let clockOffsetMs = 0;

const from = (address: string, options: RequestOptions = {}): RequestOptions => ({
  ...options,
  headers: { ...options.headers, 'x-forwarded-for': address },
});

beforeAll(async () => {
  h = await startHarness();
  edge = await h.startAnother(
    { API_RATE_LIMIT_PER_MINUTE: String(LIMIT), API_TRUST_PROXY: '1', CANVAS_CONSUMER_SECRET: CANVAS_SECRET },
    pino({ level: 'silent' }),
    // Standing still (but for the moves the Canvas tests make) keeps every count inside one window.
    () => new Date(started + clockOffsetMs),
  );
}, 90_000);
afterAll(async () => {
  await edge?.running.close();
  await h?.close();
});

describe('callers without a valid token are throttled per address', () => {
  it('a flood of bad tokens gets 429 with Retry-After; valid users, even at that address, still pass', async () => {
    const flooder = '203.0.113.7';
    for (let i = 0; i < LIMIT; i++) {
      const reply = await edge.request('GET', '/api/me', from(flooder, { token: 'aaaa.bbbb.cccc' }));
      expect(reply.status).toBe(401);
    }
    const limited = await edge.request('GET', '/api/me', from(flooder, { token: 'aaaa.bbbb.cccc' }));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: `more than ${LIMIT} requests in a minute from this address without a valid token; slow down`,
      },
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.text).not.toMatch(/\n\s+at /);
    // No token at all counts the same.
    expect((await edge.request('GET', '/api/me', from(flooder))).status).toBe(429);

    const other = await edge.request('GET', '/api/me', from('203.0.113.8', { token: await h.token(h.people.repB) }));
    expect(other.status).toBe(200);
    expect(other.body.userId).toBe(h.people.repB);
    // A valid token is counted per user, never against its address.
    const sameAddress = await edge.request('GET', '/api/me', from(flooder, { token: await h.token(h.people.repA) }));
    expect(sameAddress.status).toBe(200);
  });

  it('POST /canvas is counted per address before its body is read', async () => {
    const forged = canvasForm(signCanvas({ algorithm: 'HMACSHA256' }, 'guessed-secret'));
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      statuses.push((await edge.request('POST', '/canvas', from('203.0.113.9', forged))).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
    const elsewhere = await edge.request('POST', '/canvas', from('203.0.113.10', forged));
    expect(elsewhere.status).toBe(401);
  });
});

describe('deeply nested bodies', () => {
  const nested = (levels: number): unknown => {
    let filter: unknown = { field: 'amount', op: 'gt', value: '0' };
    for (let i = 1; i < levels; i++) filter = { not: filter };
    return filter;
  };
  const planWith = (id: string, filter: unknown) => ({
    plan: { id, currency: 'USD', period: 'quarter', components: [{ id: 'p', type: 'percent', rate: '0.1', filter }] },
  });
  let admin: string;
  let planId: string;
  beforeAll(async () => {
    admin = await h.token(h.people.admin);
    const plans = (await h.request('GET', '/api/admin/plans', { token: admin })).body.plans;
    planId = plans[0].id;
  });

  it('a plan filter 4,000 levels deep is a 400 naming where, on every plan route', async () => {
    const body = planWith(planId, nested(4000));
    for (const [method, path] of [
      ['POST', '/api/admin/plans/validate'],
      ['POST', '/api/admin/plans/compare'],
      ['PUT', `/api/admin/plans/${planId}`],
    ] as const) {
      const reply = await h.request(method, path, { token: admin, body });
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.code).toBe('INVALID_REQUEST');
      const [issue] = reply.body.error.issues;
      expect(issue.code).toBe('too_deep');
      expect(issue.in).toBe('body');
      expect(issue.path.slice(0, 5)).toEqual(['plan', 'components', 0, 'filter', 'not']);
      expect(issue.message).toContain('more than 100 levels deep');
      expect(issue.message).toContain('plan filters nest at most 32 levels');
    }
    expect(
      (await h.request('GET', `/api/admin/plans/${planId}`, { token: admin })).body.components[0].filter,
    ).not.toEqual(nested(4000));
  });

  it('a filter past 32 levels is the engine’s filter_too_deep, with the path of the first level too deep', async () => {
    const body = planWith(planId, nested(40));
    const path = ['components', 0, 'filter', ...Array(32).fill('not')];
    const checked = await h.request('POST', '/api/admin/plans/validate', { token: admin, body });
    expect(checked.status).toBe(200);
    expect(checked.body.valid).toBe(false);
    expect(checked.body.issues).toEqual([
      {
        code: 'filter_too_deep',
        path,
        message: 'filters nest at most 32 levels deep (all/any/not inside one another); flatten this one',
      },
    ]);
    const saved = await h.request('PUT', `/api/admin/plans/${planId}`, { token: admin, body });
    expect(saved.status).toBe(400);
    expect(saved.body.error.issues[0]).toMatchObject({ code: 'filter_too_deep', path: ['plan', ...path] });
  });

  it('a what-if deal nested 4,000 levels deep is a 400', async () => {
    const rep = await h.token(h.people.repA);
    const reply = await h.request('POST', '/api/reps/me/estimate', {
      token: rep,
      body: { amount: '1000', closeDate: '2026-03-01', fields: { deep: nested(4000) } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues[0]).toMatchObject({ in: 'body', code: 'too_deep' });
    expect(reply.body.error.issues[0].path.slice(0, 3)).toEqual(['fields', 'deep', 'not']);
  });
});

describe('Canvas signed requests are only as good as the session they carry', () => {
  let address = 0;
  /** Each post from an address of its own, so that the per-address throttle stays out of the way. */
  const post = (signed: string) => edge.request('POST', '/canvas', from(`198.51.100.${++address}`, canvasForm(signed)));
  const signed = (userId: string, oauthToken: string | undefined, issuedAt: unknown = Date.now()) =>
    signCanvas(
      canvasEnvelope({ userId, orgId: h.orgId, oauthToken, instanceUrl: h.emulator.url, issuedAt }),
      CANVAS_SECRET,
    );

  it('a live session opens Attain sessions; once revoked in Salesforce, no more (after the 5-minute cache)', async () => {
    const session = await userSession(h, h.people.repA);
    const envelope = signed(h.people.repA, session);
    const first = await post(envelope);
    expect(first.status).toBe(200);
    expect(first.body.userId).toBe(h.people.repA);

    const revoked = await fetch(`${h.emulator.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(session)}`,
    });
    expect(revoked.status).toBe(200);
    // Confirmed less than 5 minutes ago: still accepted from the cache (the documented bound).
    expect((await post(envelope)).status).toBe(200);
    clockOffsetMs += 5 * 60_000 + 1000;
    const replay = await post(envelope);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message:
        'the Canvas signed request carries a Salesforce session that is no longer valid (expired, revoked or logged out): reload the page in Salesforce',
    });
  });

  it('a session revoked before first use is refused at once', async () => {
    const session = await userSession(h, h.people.repB);
    await fetch(`${h.emulator.url}/services/oauth2/revoke?token=${encodeURIComponent(session)}`);
    expect((await post(signed(h.people.repB, session))).status).toBe(401);
  });

  it('tampered, stale (2001), tokenless and other-user envelopes are refused', async () => {
    const session = await userSession(h, h.people.repA);
    const good = signed(h.people.repA, session);
    const [signature] = good.split('.');
    const other = canvasEnvelope({
      userId: h.people.repB,
      orgId: h.orgId,
      oauthToken: session,
      instanceUrl: h.emulator.url,
      issuedAt: Date.now(),
    });
    const tampered = `${signature}.${Buffer.from(JSON.stringify(other)).toString('base64')}`;
    const refusals: [string, string, RegExp][] = [
      ['tampered', tampered, /signature is not valid/],
      [
        '2001',
        signed(h.people.repA, session, '2001-09-09T01:46:40Z'),
        /was issued at 2001-09-09T01:46:40.000Z, more than 15 minutes ago/,
      ],
      ['tokenless', signed(h.people.repA, undefined), /carries no OAuth token/],
      ['another user’s session', signed(h.people.repB, session), /session of another user or org/],
    ];
    for (const [name, request, message] of refusals) {
      const reply = await post(request);
      expect(reply.status, name).toBe(401);
      expect(reply.body.error.message, name).toMatch(message);
    }
    expect((await post(good)).status).toBe(200);
  });

  it('sessions expired by the org (emulator fault) stop opening Attain sessions', async () => {
    const session = await userSession(h, h.people.repB);
    const envelope = signed(h.people.repB, session);
    expect((await post(envelope)).status).toBe(200);
    const expired = await fetch(`${h.emulator.url}/__emulator/sessions/expire`, {
      method: 'POST',
      headers: { 'x-attain-emulator': '1' },
    });
    expect(expired.status).toBe(200);
    clockOffsetMs += 5 * 60_000 + 1000;
    const replay = await post(envelope);
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/no longer valid/);
  });
});
