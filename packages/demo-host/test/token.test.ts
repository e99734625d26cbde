/**
 * The demo's "Apex" token: RS256 with the certificate's private key, the header and claims exactly as
 * `AttainTokenService` builds them, verifiable with the public key alone.
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mintAttainToken } from '../src/index.js';

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('the demo token service', () => {
  it('signs RS256 with the certificate, as the Apex does', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const grant = mintAttainToken({
      certificate: { name: 'Attain_Token_Signing', privateKey },
      userId: '0055g0000000008AAA',
      orgId: '00D5g0000000001EAA',
      apiUrl: 'http://127.0.0.1:8080/',
      lifetimeSeconds: 300,
      nowMs: 1_800_000_000_500,
    });
    const [header, claims, signature] = grant.token.split('.') as [string, string, string];
    expect(Buffer.from(header, 'base64url').toString('utf8')).toBe(
      '{"alg":"RS256","typ":"JWT","kid":"Attain_Token_Signing"}',
    );
    expect(decode(claims)).toEqual({
      sub: '0055g0000000008AAA',
      org: '00D5g0000000001EAA',
      aud: 'attain',
      iat: 1_800_000_000,
      exp: 1_800_000_300,
      jti: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const input = Buffer.from(`${header}.${claims}`, 'utf8');
    expect(verify('sha256', input, publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(verify('sha256', input, other, Buffer.from(signature, 'base64url'))).toBe(false);
    expect(grant).toMatchObject({ apiUrl: 'http://127.0.0.1:8080', expiresAt: 1_800_000_300, expiresIn: 300 });
  });
});
