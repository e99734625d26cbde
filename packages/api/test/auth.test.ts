/**
 * Token verification, Canvas signed requests, Salesforce ids and the API's configuration, without a
 * server: every way a token can be wrong, and the one way it is right.
 */
import { createHmac } from 'node:crypto';
import { to18 as emulatorTo18 } from '@attain/salesforce-emulator';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyCanvasRequest } from '../src/auth/canvas.js';
import { to18 } from '../src/auth/salesforce-id.js';
import { mintToken, tokenVerifier } from '../src/auth/token.js';
import { loadApiConfig } from '../src/config.js';
import { ApiError } from '../src/errors.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters!';
const ORG = '00D5g0000000001EAA';
const USER = '0055g0000000008AAA';
const NOW = 1_800_000_000;
const verify = tokenVerifier({ secret: SECRET, orgId: ORG, clockToleranceSec: 30, now: () => NOW });

const sign = (claims: Record<string, unknown>, options: { secret?: string; alg?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
const good = { sub: USER, org: ORG, aud: 'attain', iat: NOW - 10, exp: NOW + 290, jti: 'a'.repeat(32) };

async function refusal(token: string): Promise<string> {
  try {
    await verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    return (error as ApiError).message;
  }
  throw new Error('the token was accepted');
}

describe('token verification', () => {
  it('accepts the token the Apex mints, and says who it speaks for', async () => {
    expect(await verify(await sign(good))).toEqual({ userId: USER, orgId: ORG, expiresAt: NOW + 290 });
    const minted = await mintToken({ secret: SECRET, userId: USER, orgId: ORG, nowSec: NOW });
    expect((await verify(minted.token)).userId).toBe(USER);
    // A 15-character org id in the token is the same org.
    expect((await verify(await sign({ ...good, org: ORG.slice(0, 15) }))).orgId).toBe(ORG);
  });

  it('refuses every kind of bad token with 401', async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cases: [string, Promise<string> | string, RegExp][] = [
      ['expired', sign({ ...good, iat: NOW - 400, exp: NOW - 31 }), /expired/],
      ['bad signature', sign(good, { secret: `${SECRET}x` }), /signature/],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(good)}.`, /HS256/],
      ['HS512', sign(good, { alg: 'HS512' }), /HS256/],
      ['another org', sign({ ...good, org: '00D5g0000000002EAA' }), /another org/],
      ['wrong audience', sign({ ...good, aud: 'salesforce' }), /not meant for Attain/],
      ['no audience', sign({ ...good, aud: undefined }), /not meant for Attain/],
      ['lives too long', sign({ ...good, exp: NOW + 700 }), /longer than 600/],
      ['issued in the future', sign({ ...good, iat: NOW + 120, exp: NOW + 300 }), /issued/],
      ['issued too long ago', sign({ ...good, iat: NOW - 700, exp: NOW + 5 }), /issued too long ago|longer/],
      ['no subject', sign({ ...good, sub: undefined }), /sub/],
      ['subject not a user', sign({ ...good, sub: '0015g0000000001AAA' }), /user id/],
      ['subject with a wrong checksum', sign({ ...good, sub: '0055g0000000008AAB' }), /user id/],
      ['no org', sign({ ...good, org: undefined }), /org/],
      ['garbage', 'not.a.token', /malformed/],
    ];
    for (const [name, token, message] of cases) expect(await refusal(await token), name).toMatch(message);
  });

  it('allows the configured clock skew, and no more', async () => {
    expect((await verify(await sign({ ...good, iat: NOW - 300, exp: NOW - 20 }))).userId).toBe(USER);
    expect(await refusal(await sign({ ...good, iat: NOW - 300, exp: NOW - 40 }))).toMatch(/expired/);
  });
});

describe('Canvas signed requests', () => {
  const consumerSecret = 'canvas-consumer-secret';
  const envelope = {
    algorithm: 'HMACSHA256',
    issuedAt: null,
    userId: USER,
    client: { oauthToken: 'not-used', instanceUrl: 'https://acme.my.salesforce.com' },
    context: { user: { userId: USER }, organization: { organizationId: ORG } },
  };
  const signed = (body: unknown, secret = consumerSecret) => {
    const encoded = Buffer.from(JSON.stringify(body)).toString('base64');
    return `${createHmac('sha256', secret).update(encoded).digest('base64')}.${encoded}`;
  };

  it('accepts a request signed with the consumer secret', () => {
    expect(verifyCanvasRequest(signed(envelope), consumerSecret, ORG)).toEqual({ userId: USER, orgId: ORG });
  });

  it('refuses a wrong signature, a changed envelope, another algorithm, another org, no user', () => {
    const good = signed(envelope);
    const [signature] = good.split('.');
    const tampered = `${signature}.${Buffer.from(JSON.stringify({ ...envelope, userId: '0055g0000000009AAA' })).toString('base64')}`;
    const cases: [string, string][] = [
      ['wrong secret', signed(envelope, 'another')],
      ['tampered', tampered],
      ['algorithm', signed({ ...envelope, algorithm: 'none' })],
      [
        'org',
        signed({
          ...envelope,
          context: { ...envelope.context, organization: { organizationId: '00D5g0000000002EAA' } },
        }),
      ],
      ['user', signed({ ...envelope, userId: 'x', context: { organization: envelope.context.organization } })],
      ['malformed', 'abc'],
    ];
    for (const [name, request] of cases) {
      expect(() => verifyCanvasRequest(request, consumerSecret, ORG), name).toThrow(ApiError);
    }
  });
});

describe('Salesforce ids', () => {
  it('computes the 18-character form and refuses a wrong checksum', () => {
    expect(to18('0055g0000000008')).toBe('0055g0000000008AAA');
    // Against the emulator's implementation, written apart from this one.
    for (const id of ['001Dn00000ABcdE', '00D5g0000000001', 'a0B3X00000zZyYx']) expect(to18(id)).toBe(emulatorTo18(id));
    expect(to18('0055g0000000008AAB')).toBeNull();
    expect(to18('short')).toBeNull();
  });
});

describe('API configuration', () => {
  const worker = {
    REDIS_URL: 'redis://127.0.0.1:6379',
    SF_LOGIN_URL: 'https://login.salesforce.com',
    SF_CLIENT_ID: 'id',
    SF_CLIENT_SECRET: 'secret',
  };

  it('reads the API variables with their defaults', () => {
    const loaded = loadApiConfig({ ...worker, ATTAIN_TOKEN_SECRET: SECRET, SF_ORG_ID: ORG.slice(0, 15) });
    expect(loaded.ok && loaded.config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      orgId: ORG,
      allowedOrigins: [],
      canvasConsumerSecret: null,
      rateLimitPerMinute: 600,
    });
  });

  it('names every bad variable, the worker’s too', () => {
    const loaded = loadApiConfig({
      SF_LOGIN_URL: 'https://login.salesforce.com',
      SF_CLIENT_ID: 'id',
      SF_CLIENT_SECRET: 'secret',
      ATTAIN_TOKEN_SECRET: 'REPLACE_WITH_SHARED_SECRET_PLACEHOLDER_VALUE',
      SF_ORG_ID: '005000000000001',
      ALLOWED_ORIGINS: 'https://acme.lightning.force.com, http://evil.example/path',
      API_PORT: '70000',
    });
    expect(loaded.ok).toBe(false);
    const variables = loaded.ok ? [] : loaded.problems.map((p) => p.path.join('.'));
    expect(variables.sort()).toEqual(['ALLOWED_ORIGINS', 'API_PORT', 'ATTAIN_TOKEN_SECRET', 'REDIS_URL', 'SF_ORG_ID']);
    const short = loadApiConfig({ ...worker, ATTAIN_TOKEN_SECRET: 'short', SF_ORG_ID: ORG });
    expect(short.ok ? [] : short.problems).toEqual([
      { code: 'custom', path: ['ATTAIN_TOKEN_SECRET'], message: 'must be at least 32 characters' },
    ]);
  });

  it('the worker does not need the API variables', async () => {
    const { loadConfig } = await import('@attain/store');
    expect(loadConfig(worker).ok).toBe(true);
  });
});
