/**
 * Canvas signed requests, Salesforce ids and the API's configuration, without a server (the org's
 * tokens: token.test.ts).
 */
import { createHmac } from 'node:crypto';
import { to18 as emulatorTo18 } from '@attain/salesforce-emulator';
import { tokenKeyPair } from '@attain/test-kit';
import { describe, expect, it } from 'vitest';
import { verifyCanvasRequest } from '../src/auth/canvas.js';
import { to18 } from '../src/auth/salesforce-id.js';
import { loadApiConfig } from '../src/config.js';
import { ApiError } from '../src/errors.js';

const ORG = '00D5g0000000001EAA';
const USER = '0055g0000000008AAA';
const PUBLIC_KEY = tokenKeyPair().publicKeyPem;

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
    expect(verifyCanvasRequest(signed(envelope), consumerSecret, ORG)).toEqual({
      userId: USER,
      orgId: ORG,
      oauthToken: 'not-used',
      issuedAtMs: null,
    });
  });

  it('reads issuedAt as epoch seconds, milliseconds or an ISO date; refuses an unreadable one', () => {
    const at = (issuedAt: unknown) =>
      verifyCanvasRequest(signed({ ...envelope, issuedAt }), consumerSecret, ORG).issuedAtMs;
    expect(at(978_307_200)).toBe(978_307_200_000);
    expect(at(978_307_200_000)).toBe(978_307_200_000);
    expect(at('2001-01-01T00:00:00Z')).toBe(978_307_200_000);
    expect(() => at('last week')).toThrow(ApiError);
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
    const loaded = loadApiConfig({ ...worker, ATTAIN_TOKEN_PUBLIC_KEYS: PUBLIC_KEY, SF_ORG_ID: ORG.slice(0, 15) });
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
      ATTAIN_TOKEN_PUBLIC_KEYS: 'REPLACE_WITH_CERTIFICATE',
      SF_ORG_ID: '005000000000001',
      ALLOWED_ORIGINS: 'https://acme.lightning.force.com, http://evil.example/path',
      API_PORT: '70000',
    });
    expect(loaded.ok).toBe(false);
    const variables = loaded.ok ? [] : loaded.problems.map((p) => p.path.join('.'));
    expect(variables.sort()).toEqual([
      'ALLOWED_ORIGINS',
      'API_PORT',
      'ATTAIN_TOKEN_PUBLIC_KEYS',
      'REDIS_URL',
      'SF_ORG_ID',
    ]);
    const missing = loadApiConfig({ ...worker, SF_ORG_ID: ORG });
    expect(missing.ok ? [] : missing.problems).toEqual([
      { code: 'missing_variable', path: ['ATTAIN_TOKEN_PUBLIC_KEYS'], message: expect.stringMatching(/^required/) },
    ]);
  });

  it('the worker does not need the API variables', async () => {
    const { loadConfig } = await import('@attain/store');
    expect(loadConfig(worker).ok).toBe(true);
  });
});
