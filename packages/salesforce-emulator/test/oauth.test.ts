import { execFileSync } from 'node:child_process';
import { createHmac, createPrivateKey, createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, INTEGRATION_USERNAME } from '../src/index.js';
import { admin, CLIENT, connect, rejection, startEmulator } from './emulator-fixture.js';

/** A self-signed X.509 certificate and its key, as uploaded to a connected app (needs the openssl CLI). */
function selfSignedCertificate(): { certificate: string; key: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'attain-jwt-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=attain-emulator-test',
      ],
      { stdio: 'ignore' },
    );
    return {
      certificate: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const certified = selfSignedCertificate();

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PASSWORD = 'attain-local-password';

function jwt(claims: Record<string, unknown>, key = privateKey): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url');
  return `${unsigned}.${signature}`;
}

describe('OAuth 2.0 and login', () => {
  let emulator: Emulator;
  let clock = new Date('2026-03-02T09:00:00.000Z');
  let otherUsername: string;

  beforeAll(async () => {
    emulator = await startEmulator({
      now: () => clock,
      jwtCertificate: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const other = [...emulator.store.scan('User', false)].find(
      (user) => user.Username !== INTEGRATION_USERNAME && user.IsActive === true,
    );
    otherUsername = String(other?.Username);
  });
  afterAll(() => emulator.close());

  it('issues client-credentials tokens shaped like Salesforce, for the integration user', async () => {
    const response = await fetch(`${emulator.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual([
      'access_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    expect(body.access_token).toMatch(new RegExp(`^${emulator.store.org.id.slice(0, 15)}!`));
    expect(body.instance_url).toBe(emulator.url);
    expect(body.token_type).toBe('Bearer');
    expect(body.id).toMatch(new RegExp(`^${emulator.url}/id/00D\\w{15}/005\\w{15}$`));
    const expected = createHmac('sha256', CLIENT.clientSecret).update(`${body.id}${body.issued_at}`).digest('base64');
    expect(body.signature).toBe(expected);

    const conn = await connect(emulator);
    const identity = await conn.identity();
    expect(identity.username).toBe(INTEGRATION_USERNAME);
    expect(identity.organization_id).toBe(emulator.store.org.id);
  });

  it('refuses bad client credentials with Salesforce errors', async () => {
    const badSecret = new jsforce.Connection({ oauth2: { ...CLIENT, clientSecret: 'nope', loginUrl: emulator.url } });
    const error = await rejection(badSecret.authorize({ grant_type: 'client_credentials' }));
    expect(error.name).toBe('invalid_client');
    expect(error.message).toBe('invalid client credentials');
    const badId = new jsforce.Connection({ oauth2: { ...CLIENT, clientId: 'other', loginUrl: emulator.url } });
    expect((await rejection(badId.authorize({ grant_type: 'client_credentials' }))).name).toBe('invalid_client_id');
    const raw = await fetch(`${emulator.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=magic',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
  });

  it('verifies JWT bearer assertions: signature, issuer, audience, expiry and user', async () => {
    const exp = Math.floor(clock.getTime() / 1000) + 120;
    const claims = { iss: CLIENT.clientId, sub: otherUsername, aud: emulator.url, exp };
    const conn = new jsforce.Connection({ oauth2: { ...CLIENT, loginUrl: emulator.url } });
    const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    const info = await conn.authorize({ grant_type: grant, assertion: jwt(claims) });
    expect((await conn.identity()).username).toBe(otherUsername);
    expect(info.organizationId).toBe(emulator.store.org.id);

    const { privateKey: stranger } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cases: [Record<string, unknown>, string, typeof privateKey?][] = [
      [claims, 'invalid assertion', stranger],
      [{ ...claims, aud: 'https://example.com' }, 'audience is invalid'],
      [{ ...claims, exp: exp - 3600 }, 'expired authorization code'],
      [{ ...claims, sub: 'nobody@example.com' }, "user hasn't approved this consumer"],
      [{ ...claims, iss: 'someone-else' }, 'client identifier invalid'],
    ];
    for (const [bad, description, key] of cases) {
      const error = await rejection(conn.authorize({ grant_type: grant, assertion: jwt(bad, key) }));
      expect(error.message).toBe(description);
    }
  });

  it.skipIf(!certified)('accepts JWT assertions signed by the key of an X.509 certificate', async () => {
    const withCertificate = await startEmulator({ opportunities: 0, jwtCertificate: certified?.certificate as string });
    try {
      const claims = {
        iss: CLIENT.clientId,
        sub: INTEGRATION_USERNAME,
        aud: withCertificate.url,
        exp: Math.floor(Date.now() / 1000) + 60,
      };
      const conn = new jsforce.Connection({ oauth2: { ...CLIENT, loginUrl: withCertificate.url } });
      const assertion = jwt(claims, createPrivateKey(certified?.key as string));
      await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
      expect((await conn.identity()).username).toBe(INTEGRATION_USERNAME);
    } finally {
      await withCertificate.close();
    }
  });

  it('logs in with the OAuth username-password flow and with SOAP login', async () => {
    const oauth = new jsforce.Connection({ oauth2: { ...CLIENT, loginUrl: emulator.url } });
    const info = await oauth.login(otherUsername, PASSWORD);
    expect(info.organizationId).toBe(emulator.store.org.id);
    expect((await oauth.query('SELECT Id FROM User LIMIT 1')).totalSize).toBe(1);
    const wrong = await rejection(oauth.login(otherUsername, 'wrong'));
    expect([wrong.name, wrong.message]).toEqual(['invalid_grant', 'authentication failure']);

    const soap = new jsforce.Connection({ loginUrl: emulator.url, version: '62.0' });
    const soapInfo = await soap.login(otherUsername, PASSWORD);
    expect(soapInfo.url).toBe(`${emulator.url}/id/${emulator.store.org.id}/${soapInfo.id}`);
    expect(soap.instanceUrl).toBe(emulator.url);
    expect((await soap.query('SELECT Id FROM Account LIMIT 2')).totalSize).toBe(2);
    const soapWrong = await rejection(new jsforce.Connection({ loginUrl: emulator.url }).login(otherUsername, 'wrong'));
    expect(soapWrong.message).toMatch(/^INVALID_LOGIN: Invalid username, password/);
    await soap.logout();
  });

  it('runs the authorization-code flow, and jsforce refreshes an expired session with its refresh token', async () => {
    const redirectUri = 'http://127.0.0.1/callback';
    const oauth2 = new jsforce.OAuth2({ ...CLIENT, loginUrl: emulator.url, redirectUri });
    const authorize = await fetch(oauth2.getAuthorizationUrl({ state: 's1' }), { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    const location = new URL(String(authorize.headers.get('location')));
    expect(location.searchParams.get('state')).toBe('s1');
    const conn = new jsforce.Connection({ oauth2 });
    await conn.authorize(String(location.searchParams.get('code')));
    expect(conn.refreshToken).toBeTruthy();
    const reused = await rejection(
      new jsforce.Connection({ oauth2 }).authorize(String(location.searchParams.get('code'))),
    );
    expect(reused.message).toBe('invalid authorization code');

    // The refresh_token grant, asked for explicitly through jsforce's OAuth2.
    const explicit = await oauth2.refreshToken(String(conn.refreshToken));
    expect(explicit).toMatchObject({ instance_url: emulator.url, token_type: 'Bearer' });
    expect(explicit.access_token).not.toBe(conn.accessToken);
    const viaRefresh = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: explicit.access_token });
    expect((await viaRefresh.identity()).user_id).toBe((await conn.identity()).user_id);
    const badRefresh = await rejection(oauth2.refreshToken('5Aep861-not-a-token'));
    expect([badRefresh.name, badRefresh.message]).toEqual(['invalid_grant', 'expired access/refresh token']);

    const firstToken = conn.accessToken;
    const expired = (await (await admin(emulator, '/sessions/expire', 'POST')).json()) as { expired: number };
    expect(expired.expired).toBeGreaterThan(0);
    let refreshed = 0;
    conn.on('refresh', () => refreshed++);
    expect((await conn.query('SELECT Id FROM Account LIMIT 1')).totalSize).toBe(1);
    expect(refreshed).toBe(1);
    expect(conn.accessToken).not.toBe(firstToken);
  });

  it('answers a bad or expired session with 401 INVALID_SESSION_ID', async () => {
    const conn = await connect(emulator);
    const token = conn.accessToken as string;
    const get = (bearer: string) =>
      fetch(`${emulator.url}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${bearer}` } });
    expect((await get(token)).status).toBe(200);
    const bad = await get('00Dxx!nonsense');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    expect((await fetch(`${emulator.url}/services/data/v62.0/limits`)).status).toBe(401);

    clock = new Date(clock.getTime() + 2 * 60 * 60 * 1000 + 1);
    expect((await get(token)).status).toBe(401);
    const error = await rejection(conn.query('SELECT Id FROM Account'));
    expect(error.message).toMatch(/Unable to refresh session due to: No refresh token found/);
  });

  it('answers a jsforce call with a bad token with INVALID_SESSION_ID', async () => {
    const conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: '00Dxx!nonsense', version: '62.0' });
    const error = await rejection(conn.query('SELECT Id FROM Account'));
    expect(error.errorCode).toBe('INVALID_SESSION_ID');
    expect(error.message).toBe('Session expired or invalid');
    expect((await rejection(conn.sobject('Account').describe())).errorCode).toBe('INVALID_SESSION_ID');
  });

  it('serves userinfo and the identity URL through jsforce', async () => {
    const conn = await connect(emulator);
    const userinfo = (await conn.request(`${emulator.url}/services/oauth2/userinfo`)) as Record<string, unknown>;
    expect(userinfo).toMatchObject({ preferred_username: INTEGRATION_USERNAME, user_id: conn.userInfo?.id });
    const identity = await conn.identity();
    expect(identity).toMatchObject({
      id: conn.userInfo?.url,
      user_id: conn.userInfo?.id,
      organization_id: emulator.store.org.id,
      username: INTEGRATION_USERNAME,
    });
    const direct = (await conn.request(String(conn.userInfo?.url))) as { username: string };
    expect(direct.username).toBe(INTEGRATION_USERNAME);
  });

  it('serves userinfo and the identity URL, and revokes tokens', async () => {
    const conn = await connect(emulator);
    const headers = { authorization: `Bearer ${conn.accessToken}` };
    const userinfo = (await (await fetch(`${emulator.url}/services/oauth2/userinfo`, { headers })).json()) as Record<
      string,
      unknown
    >;
    expect(userinfo).toMatchObject({
      preferred_username: INTEGRATION_USERNAME,
      organization_id: emulator.store.org.id,
      active: true,
    });
    expect(userinfo.sub).toBe(conn.userInfo?.url);
    const identity = await fetch(
      `${conn.userInfo?.url}?format=json&oauth_token=${encodeURIComponent(String(conn.accessToken))}`,
    );
    expect(((await identity.json()) as { username: string }).username).toBe(INTEGRATION_USERNAME);
    const denied = await fetch(`${emulator.url}/services/oauth2/userinfo`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect([denied.status, await denied.text()]).toEqual([403, 'Bad_OAuth_Token']);

    await conn.logout();
    const after = await fetch(`${emulator.url}/services/data/v62.0/limits`, { headers });
    expect(after.status).toBe(401);
  });
});
