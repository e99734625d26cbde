/**
 * The org's RS256 tokens, without a server: every way a token can be wrong (forged with another key,
 * switched to HS256 with the public key as the secret, `none`, expired, another org, …), the keys the
 * API is given (PEM certificates and public keys, a JWKS file or URL, the API's own Canvas key),
 * rotation, and the configuration problems an admin can make pasting them.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintTestToken, signToken, tokenKeyPair } from '@attain/test-kit';
import { exportJWK, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { mintToken, sessionSigningKey, type TokenKeys, tokenVerifier } from '../src/auth/token.js';
import { parsePublicKeys } from '../src/auth/token-keys.js';
import { loadApiConfig } from '../src/config.js';
import { ApiError } from '../src/errors.js';

const ORG = '00D5g0000000001EAA';
const USER = '0055g0000000008AAA';
const NOW = 1_800_000_000;
const current = tokenKeyPair('Attain_Token_Signing');
const next = tokenKeyPair('Attain_Token_Signing_2027');
/** Someone else's key, under the org certificate's name. */
const stranger = tokenKeyPair('Attain_Token_Signing');
const good = { sub: USER, org: ORG, aud: 'attain', iat: NOW - 10, exp: NOW + 290, jti: 'a'.repeat(32) };

const pem = (...pairs: { publicKeyPem: string }[]) => pairs.map((pair) => pair.publicKeyPem).join('');
const keys = (text: string): TokenKeys => {
  const parsed = parsePublicKeys(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return { publicKeys: parsed.value, jwks: null };
};
const verifier = (tokenKeys: TokenKeys, extra: Partial<Parameters<typeof tokenVerifier>[0]> = {}) =>
  tokenVerifier({ keys: tokenKeys, orgId: ORG, clockToleranceSec: 30, now: () => NOW, ...extra });
const verify = verifier(keys(pem(current)));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwk = async (pair: ReturnType<typeof tokenKeyPair>) => ({
  ...(await exportJWK(createPublicKey(pair.publicKeyPem))),
  kid: pair.kid,
  alg: 'RS256',
  use: 'sig',
});

async function refusal(check: (token: string) => Promise<unknown>, token: string): Promise<string> {
  try {
    await check(token);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    return (error as ApiError).message;
  }
  throw new Error('the token was accepted');
}

describe('RS256 token verification', () => {
  it('accepts the token the Apex mints, and says who it speaks for', async () => {
    expect(await verify(signToken(current, good))).toEqual({ userId: USER, orgId: ORG, expiresAt: NOW + 290 });
    expect((await verify(mintTestToken(current, { userId: USER, orgId: ORG, nowSec: NOW }).token)).userId).toBe(USER);
    const minted = await mintToken({ key: current, userId: USER, orgId: ORG, nowSec: NOW });
    expect(JSON.parse(Buffer.from(minted.token.split('.')[0] as string, 'base64url').toString())).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: 'Attain_Token_Signing',
    });
    expect((await verify(minted.token)).userId).toBe(USER);
    // A 15-character org id in the token is the same org.
    expect((await verify(signToken(current, { ...good, org: ORG.slice(0, 15) }))).orgId).toBe(ORG);
  });

  it('refuses every forgery and every bad claim with 401', async () => {
    const hs256WithPublicKey = await new SignJWT(good)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: current.kid })
      .sign(new TextEncoder().encode(current.publicKeyPem));
    const cases: [string, string, RegExp][] = [
      ['signed with another key', signToken(stranger, good), /signature/],
      ['HS256 with the public key as the secret', hs256WithPublicKey, /not signed with RS256/],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(good)}.`, /not signed with RS256/],
      ['RS256 signature, header says RS512', signToken(current, good, { alg: 'RS512' }), /not signed with RS256/],
      ['expired', signToken(current, { ...good, iat: NOW - 400, exp: NOW - 31 }), /expired/],
      ['another org', signToken(current, { ...good, org: '00D5g0000000002EAA' }), /another org/],
      ['wrong audience', signToken(current, { ...good, aud: 'salesforce' }), /not meant for Attain/],
      ['no audience', signToken(current, { ...good, aud: undefined }), /not meant for Attain/],
      ['lives too long', signToken(current, { ...good, exp: NOW + 700 }), /longer than 600/],
      ['issued in the future', signToken(current, { ...good, iat: NOW + 120, exp: NOW + 300 }), /issued/],
      ['no subject', signToken(current, { ...good, sub: undefined }), /sub/],
      ['subject not a user', signToken(current, { ...good, sub: '0015g0000000001AAA' }), /user id/],
      ['subject with a wrong checksum', signToken(current, { ...good, sub: '0055g0000000008AAB' }), /user id/],
      ['no org', signToken(current, { ...good, org: undefined }), /org/],
      [
        'claims changed after signing',
        `${signToken(current, good).split('.')[0]}.${b64({ ...good, sub: '0055g0000000009AAA' })}.${signToken(current, good).split('.')[2]}`,
        /signature/,
      ],
      ['garbage', 'not.a.token', /malformed/],
      ['not even three parts', 'abc', /malformed/],
    ];
    for (const [name, token, message] of cases) expect(await refusal(verify, token), name).toMatch(message);
  });

  it('allows the configured clock skew, and no more', async () => {
    expect((await verify(signToken(current, { ...good, iat: NOW - 300, exp: NOW - 20 }))).userId).toBe(USER);
    expect(await refusal(verify, signToken(current, { ...good, iat: NOW - 300, exp: NOW - 40 }))).toMatch(/expired/);
  });

  it('rotation: both configured keys are accepted; a removed key is refused', async () => {
    const both = verifier(keys(pem(current, next)));
    expect((await both(signToken(current, good))).userId).toBe(USER);
    expect((await both(signToken(next, good))).userId).toBe(USER);
    expect(await refusal(both, signToken(stranger, good))).toMatch(/signature/);
    const afterRotation = verifier(keys(pem(next)));
    expect((await afterRotation(signToken(next, good))).userId).toBe(USER);
    expect(await refusal(afterRotation, signToken(current, good))).toMatch(/signature/);
  });

  it('a certificate as downloaded from Salesforce is a key', async () => {
    const dir = join(import.meta.dirname, 'fixtures');
    const certificate = readFileSync(join(dir, 'attain-token-signing.crt'), 'utf8');
    const privateKey = readFileSync(join(dir, 'test-only-token-signing.key'), 'utf8');
    const fromCertificate = verifier(keys(certificate));
    const minted = await mintToken({
      key: { kid: 'Attain_Token_Signing', privateKey },
      userId: USER,
      orgId: ORG,
      nowSec: NOW,
    });
    expect((await fromCertificate(minted.token)).userId).toBe(USER);
    expect(await refusal(fromCertificate, signToken(current, good))).toMatch(/signature/);
  });

  it('a JWKS picks the key by kid; an unknown kid or a wrong key is refused', async () => {
    const local = verifier({ publicKeys: [], jwks: { keys: [await jwk(current), await jwk(next)] } });
    expect((await local(signToken(current, good))).userId).toBe(USER);
    expect((await local(signToken(next, good))).userId).toBe(USER);
    expect(await refusal(local, signToken(tokenKeyPair('Attain_Other'), good))).toMatch(/key the API does not know/);
    expect(await refusal(local, signToken(stranger, good))).toMatch(/signature/);
    expect(await refusal(local, signToken(current, good, { kid: undefined }))).toMatch(/names no key|does not know/);
    // After the rotation the old certificate's key is gone from the set.
    const rotated = verifier({ publicKeys: [], jwks: { keys: [await jwk(next)] } });
    expect(await refusal(rotated, signToken(current, good))).toMatch(/key the API does not know/);
  });

  describe('a JWKS served over HTTP', () => {
    let server: Server | undefined;
    afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    it('is fetched, and its keys used by kid; unreachable is 503, not 401', async () => {
      const set = JSON.stringify({ keys: [await jwk(current)] });
      server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(set));
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      const remote = verifier({ publicKeys: [], jwks: new URL(`http://127.0.0.1:${port}/keys.json`) });
      expect((await remote(signToken(current, good))).userId).toBe(USER);
      expect(await refusal(remote, signToken(next, good))).toMatch(/key the API does not know/);
      const unreachable = verifier({ publicKeys: [], jwks: new URL('http://127.0.0.1:9/keys.json') });
      const error = await unreachable(signToken(current, good)).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ status: 503, message: expect.stringMatching(/token keys/) });
    });
  });

  it('the API’s own Canvas session key is accepted only by the API that holds it', async () => {
    const session = sessionSigningKey();
    expect(session.kid).toMatch(/^attain-api-session-[0-9a-f]{12}$/);
    const minted = await mintToken({ key: session, userId: USER, orgId: ORG, nowSec: NOW });
    const withSession = verifier(keys(pem(current)), { sessionKey: session });
    expect((await withSession(minted.token)).userId).toBe(USER);
    expect((await withSession(signToken(current, good))).userId).toBe(USER);
    expect(await refusal(verify, minted.token)).toMatch(/signature/);
    expect(await refusal(verifier(keys(pem(current)), { sessionKey: sessionSigningKey() }), minted.token)).toMatch(
      /signature/,
    );
  });
});

describe('token keys in the configuration', () => {
  const base = {
    REDIS_URL: 'redis://127.0.0.1:6379',
    SF_LOGIN_URL: 'https://login.salesforce.com',
    SF_CLIENT_ID: 'id',
    SF_CLIENT_SECRET: 'secret',
    SF_ORG_ID: ORG,
  };
  const problems = (env: Record<string, string>) => {
    const loaded = loadApiConfig({ ...base, ...env });
    return loaded.ok ? [] : loaded.problems;
  };

  it('reads PEM public keys and certificates, several at once, also with \\n written out', () => {
    const certificate = readFileSync(join(import.meta.dirname, 'fixtures', 'attain-token-signing.crt'), 'utf8');
    const loaded = loadApiConfig({ ...base, ATTAIN_TOKEN_PUBLIC_KEYS: `${current.publicKeyPem}\n${certificate}` });
    expect(loaded.ok && loaded.config.tokenKeys.publicKeys.length).toBe(2);
    const oneLine = pem(current, next).replace(/\n/g, '\\n');
    const escaped = loadApiConfig({ ...base, ATTAIN_TOKEN_PUBLIC_KEYS: oneLine });
    expect(escaped.ok && escaped.config.tokenKeys.publicKeys.length).toBe(2);
  });

  it('reads a JWKS file', async () => {
    const file = join(tmpdir(), `attain-jwks-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ keys: [await jwk(current)] }));
    const loaded = loadApiConfig({ ...base, ATTAIN_TOKEN_JWKS: file });
    expect(loaded.ok && loaded.config.tokenKeys).toMatchObject({
      publicKeys: [],
      jwks: { keys: [{ kid: current.kid }] },
    });
    writeFileSync(file, JSON.stringify({ keys: [{ ...(await jwk(current)), kid: undefined }] }));
    expect(problems({ ATTAIN_TOKEN_JWKS: file })).toEqual([
      { code: 'custom', path: ['ATTAIN_TOKEN_JWKS'], message: expect.stringMatching(/no "kid".*Unique Name/) },
    ]);
  });

  it('says what to paste when the keys are missing or wrong', () => {
    const truncated = current.publicKeyPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
    const cases: [Record<string, string>, string, RegExp][] = [
      [
        {},
        'ATTAIN_TOKEN_PUBLIC_KEYS',
        /^required \(or ATTAIN_TOKEN_JWKS\): paste the certificate downloaded from Setup/,
      ],
      [
        { ATTAIN_TOKEN_PUBLIC_KEYS: 'MIIBIjANBgkq' },
        'ATTAIN_TOKEN_PUBLIC_KEYS',
        /holds no PEM block: paste the certificate/,
      ],
      [{ ATTAIN_TOKEN_PUBLIC_KEYS: truncated }, 'ATTAIN_TOKEN_PUBLIC_KEYS', /does not parse .*paste the certificate/],
      [
        { ATTAIN_TOKEN_PUBLIC_KEYS: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
        'ATTAIN_TOKEN_PUBLIC_KEYS',
        /private key: never give the API a private key/,
      ],
      [
        { ATTAIN_TOKEN_PUBLIC_KEYS: ec.toString() },
        'ATTAIN_TOKEN_PUBLIC_KEYS',
        /not an RSA key \(ec\); tokens are RS256/,
      ],
      [{ ATTAIN_TOKEN_PUBLIC_KEYS: 'REPLACE_WITH_CERTIFICATE' }, 'ATTAIN_TOKEN_PUBLIC_KEYS', /placeholder/],
      [{ ATTAIN_TOKEN_JWKS: '/nonexistent/keys.json' }, 'ATTAIN_TOKEN_JWKS', /names no file/],
      [{ ATTAIN_TOKEN_JWKS: 'http://keys.example.com/jwks.json' }, 'ATTAIN_TOKEN_JWKS', /https:\/\//],
    ];
    for (const [env, variable, message] of cases) {
      const found = problems(env);
      expect(
        found.map((problem) => problem.path[0]),
        JSON.stringify(env).slice(0, 60),
      ).toEqual([variable]);
      expect(found[0]?.message).toMatch(message);
    }
  });

  it('refuses the old shared secret, saying what replaces it', () => {
    const found = problems({ ATTAIN_TOKEN_PUBLIC_KEYS: current.publicKeyPem, ATTAIN_TOKEN_SECRET: 'x'.repeat(40) });
    expect(found).toEqual([
      {
        code: 'custom',
        path: ['ATTAIN_TOKEN_SECRET'],
        message: expect.stringMatching(/no longer used.*certificate \(RS256\).*ATTAIN_TOKEN_PUBLIC_KEYS/),
      },
    ]);
  });
});
