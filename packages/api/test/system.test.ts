/**
 * What every route shares: health, metrics, the OpenAPI document, CORS, helmet's headers, the
 * per-user rate limit, body limits, JSON errors without stacks, Canvas sessions, and logs that
 * carry neither tokens nor stacks — including when Redis goes away under a request.
 */
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { startRedis, type TestRedis } from '@attain/test-kit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/server.js';
import { userSession } from './canvas-envelope.js';
import { ALLOWED_ORIGIN, type Harness, type Reply, type RequestOptions, startHarness } from './harness.js';

let h: Harness;
let repA: string;
let repB: string;
const logs: string[] = [];
let strict: {
  running: Pick<RunningApi, 'api' | 'close'>;
  request: (method: string, path: string, options?: RequestOptions) => Promise<Reply>;
};
let ownRedis: TestRedis;
const METRICS_TOKEN = 'metrics-token-0123456789';
const CANVAS_SECRET = 'canvas-consumer-secret-for-tests';

beforeAll(async () => {
  h = await startHarness();
  repA = await h.token(h.people.repA);
  repB = await h.token(h.people.repB);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const started = new Date();
  // A Redis of its own, so that stopping it (last test) leaves the worker's alone.
  ownRedis = await startRedis();
  strict = await h.startAnother(
    { REDIS_URL: ownRedis.url, API_RATE_LIMIT_PER_MINUTE: '5', METRICS_TOKEN, CANVAS_CONSUMER_SECRET: CANVAS_SECRET },
    pino({ level: 'info' }, sink),
    // A clock that stands still keeps the rate-limit test inside one window.
    () => started,
  );
}, 60_000);
afterAll(async () => {
  await strict?.running.close();
  await ownRedis?.cleanup();
  await h?.close();
});

describe('health, metrics, OpenAPI', () => {
  it('healthz says ok while Redis answers', async () => {
    const reply = await h.request('GET', '/healthz');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok' });
  });

  it('metrics count requests by route pattern (never by raw path) and hold the worker’s shared gauges', async () => {
    await h.request('GET', `/api/reps/${h.people.repA}/history`, { token: repA });
    const reply = await h.request('GET', '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(reply.text).toMatch(
      /attain_api_request_duration_seconds_count\{method="GET",route="\/api\/reps\/:repId\/history",status="200"\} \d+/,
    );
    expect(reply.text).not.toContain(h.people.repA);
    expect(reply.text).toMatch(/attain_queue_jobs\{queue="sync",state="waiting"\} 0/);
    expect(reply.text).toContain('attain_statements_dirty 0');
  });

  it('metrics want the metrics token when one is configured', async () => {
    expect((await strict.request('GET', '/metrics')).status).toBe(401);
    expect((await strict.request('GET', '/metrics', { token: 'wrong-token-0123456789' })).status).toBe(401);
    expect(
      (await strict.request('GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status,
    ).toBe(200);
  });

  it('the OpenAPI document is 3.1, every reference resolves, every operation is named once', async () => {
    const document = (await h.request('GET', '/api/openapi.json')).body;
    expect(document.openapi).toBe('3.1.0');
    const text = JSON.stringify(document);
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(document.components.schemas, name).toHaveProperty(name as string);
    }
    expect(text).not.toContain('#/$defs/');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods as object));
    const ids = operations.map((operation: { operationId: string }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations as { parameters: { in: string }[]; responses: object; security: unknown[] }[]) {
      expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
    }
    // Path parameters are declared; the recursive plan filter is a component that refers to itself.
    expect(
      document.paths['/api/reps/{repId}/statements/{period}'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(['repId', 'period']);
    expect(JSON.stringify(document.components.schemas.Filter)).toContain('#/components/schemas/Filter');
    expect(document.paths['/api/admin/plans/{planId}'].put.security).toEqual([{ attainToken: [] }]);
    expect(document.paths['/healthz'].get.security).toEqual([]);
  });
});

describe('browser-facing defences', () => {
  it('CORS answers the org’s origin only', async () => {
    const preflight = await h.request('OPTIONS', '/api/me', {
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const simple = await h.request('GET', '/api/me', { token: repA, headers: { origin: ALLOWED_ORIGIN } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    for (const origin of ['https://evil.example', 'https://acme.lightning.force.com.evil.example', 'null']) {
      const denied = await h.request('OPTIONS', '/api/me', {
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      expect(denied.status, origin).toBe(403);
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await h.request('GET', '/api/me', { token: repA, headers: { origin } });
      expect(actual.status).toBe(403);
      expect(actual.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
    }
  });

  it('sends helmet’s headers, no X-Powered-By, and forbids caching pay data', async () => {
    const reply = await h.request('GET', `/api/reps/me/statements/${h.periodOfA}`, { token: repA });
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(reply.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(reply.headers.get('x-powered-by')).toBeNull();
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });
});

describe('rate limit', () => {
  it('stops a user after the limit with 429 and Retry-After; other users go on', async () => {
    const tokenA = await h.token(h.people.repA);
    const statuses: number[] = [];
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 7; i++) {
      const reply = await strict.request('GET', '/api/me', { token: tokenA });
      statuses.push(reply.status);
      remaining.push(reply.headers.get('ratelimit-remaining'));
      if (reply.status === 429) {
        expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(reply.body.error.code).toBe('RATE_LIMITED');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(remaining.slice(0, 5)).toEqual(['4', '3', '2', '1', '0']);
    expect((await strict.request('GET', '/api/me', { token: repB })).status).toBe(200);
  });
});

describe('bodies and errors', () => {
  it('refuses bodies too large, not JSON, or malformed — before handling anything', async () => {
    const big = { amount: '1', closeDate: '2026-01-01', fields: { note: 'x'.repeat(40_000) } };
    const large = await h.request('POST', '/api/reps/me/estimate', { token: repA, body: big });
    expect(large.status).toBe(413);
    expect(large.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await h.request('POST', '/api/reps/me/estimate', {
      token: repA,
      rawBody: 'amount=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const malformed = await h.request('POST', '/api/reps/me/estimate', {
      token: repA,
      rawBody: '{"amount": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_JSON');
    // An anonymous caller is refused before its body is read.
    const anonymous = await h.request('PUT', '/api/admin/quotas', { body: { quotas: [] } });
    expect(anonymous.status).toBe(401);
  });

  it('unknown routes are JSON 404s', async () => {
    const reply = await h.request('GET', '/api/nothing-here', { token: repA });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('NOT_FOUND');
  });
});

describe('Canvas', () => {
  const sign = (envelope: unknown, secret = CANVAS_SECRET) => {
    const encoded = Buffer.from(JSON.stringify(envelope)).toString('base64');
    return `${createHmac('sha256', secret).update(encoded).digest('base64')}.${encoded}`;
  };
  // The envelope carries a live Salesforce session of its user, which POST /canvas confirms with the org.
  let session: string;
  beforeAll(async () => {
    session = await userSession(h, h.people.repA);
  });
  const envelope = () => ({
    algorithm: 'HMACSHA256',
    userId: h.people.repA,
    client: { oauthToken: session, instanceUrl: h.emulator.url },
    context: { user: { userId: h.people.repA }, organization: { organizationId: h.orgId } },
  });
  const post = (signed: string) =>
    strict.request('POST', '/canvas', {
      rawBody: `signed_request=${encodeURIComponent(signed)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('a verified signed request opens a session for its user', async () => {
    const reply = await post(sign(envelope()));
    expect(reply.status).toBe(200);
    expect(reply.body.userId).toBe(h.people.repA);
    expect((await strict.running.api.services.verify(reply.body.token)).userId).toBe(h.people.repA);
    // Signed with the key pair of the instance that opened it (RS256, its own kid), which no other knows.
    expect((await h.request('GET', '/api/me', { token: reply.body.token })).status).toBe(401);
  });

  it('a forged or foreign one does not', async () => {
    expect((await post(sign(envelope(), 'guessed-secret'))).status).toBe(401);
    const foreign = {
      ...envelope(),
      context: { ...envelope().context, organization: { organizationId: '00D5g0000000002EAA' } },
    };
    expect((await post(sign(foreign))).status).toBe(401);
    // The first API instance has no consumer secret: Canvas is off there.
    const off = await h.request('POST', '/canvas', {
      rawBody: `signed_request=${encodeURIComponent(sign(envelope()))}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(off.status).toBe(404);
  });
});

describe('when Redis goes away', () => {
  it('answers 503/500 with an error id, no stack; logs hold no token, secret or stack', async () => {
    await ownRedis.stop();
    try {
      await whileRedisIsDown();
    } finally {
      // Back up, so that the API closes cleanly.
      await ownRedis.restart();
    }
  }, 30_000);
});

async function whileRedisIsDown(): Promise<void> {
  {
    const health = await strict.request('GET', '/healthz');
    expect(health.status).toBe(503);
    const reply = await strict.request('GET', `/api/reps/me/statements/${h.periodOfA}`, { token: repB });
    expect(reply.status).toBe(500);
    expect(reply.body.error).toEqual({
      code: 'INTERNAL',
      message: expect.stringMatching(/^something went wrong \(error id [0-9a-f]{12}\)$/),
    });
    const all = logs.join('');
    expect(all).toContain('"msg":"request failed"');
    expect(all).toContain(reply.body.error.message.match(/[0-9a-f]{12}/)[0]);
    for (const secret of [repA, repB, METRICS_TOKEN, CANVAS_SECRET, 'PRIVATE KEY']) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/\n\s+at /);
    expect(all).not.toContain('"stack"');
  }
}
