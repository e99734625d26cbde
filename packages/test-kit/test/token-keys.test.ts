/** The kit's stand-in for the org's token-signing certificate signs exactly as the Apex does. */
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mintTestToken, signToken, TOKEN_CERTIFICATE_NAME, tokenKeyPair } from '../src/index.js';

const part = (token: string, index: number) => token.split('.')[index] as string;
const json = (text: string) => JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
const verifies = (token: string, publicKeyPem: string) =>
  verify(
    'sha256',
    Buffer.from(`${part(token, 0)}.${part(token, 1)}`),
    createPublicKey(publicKeyPem),
    Buffer.from(part(token, 2), 'base64url'),
  );

describe('token keys', () => {
  it('mints RS256 tokens that only the pair’s public key verifies', () => {
    const keys = tokenKeyPair();
    expect(keys.kid).toBe(TOKEN_CERTIFICATE_NAME);
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const { token, expiresAt } = mintTestToken(keys, {
      userId: '0055g0000000008AAA',
      orgId: '00D5g0000000001EAA',
      nowSec: 1000,
    });
    expect(Buffer.from(part(token, 0), 'base64url').toString()).toBe(
      '{"alg":"RS256","typ":"JWT","kid":"Attain_Token_Signing"}',
    );
    expect(json(part(token, 1))).toEqual({
      sub: '0055g0000000008AAA',
      org: '00D5g0000000001EAA',
      aud: 'attain',
      iat: 1000,
      exp: 1300,
      jti: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(expiresAt).toBe(1300);
    expect(verifies(token, keys.publicKeyPem)).toBe(true);
    expect(verifies(token, tokenKeyPair().publicKeyPem)).toBe(false);
  });

  it('signs any claims and header fields, for forgeries', () => {
    const keys = tokenKeyPair('Attain_Token_Signing_2027');
    const token = signToken(keys, { sub: 'x' }, { alg: 'RS512' });
    expect(json(part(token, 0))).toEqual({ alg: 'RS512', typ: 'JWT', kid: 'Attain_Token_Signing_2027' });
    expect(json(part(token, 1))).toEqual({ sub: 'x' });
    expect(verifies(token, keys.publicKeyPem)).toBe(true);
  });
});
