/**
 * The org's token-signing certificate, played locally: a fresh RSA key pair (what Setup > Certificate
 * and Key Management holds), and tokens signed with it the way the Apex `AttainTokenService` signs
 * them: RS256, header `{"alg":"RS256","typ":"JWT","kid":<certificate name>}`, claims
 * sub/org/aud/iat/exp/jti. The API is given only `publicKeyPem` (`ATTAIN_TOKEN_PUBLIC_KEYS`). Used by
 * the stack, the API's and the widget's tests, the end-to-end suites and the benchmarks.
 */
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

export const TOKEN_CERTIFICATE_NAME = 'Attain_Token_Signing';

export interface TokenKeyPair {
  /** The certificate's Unique Name: the tokens' `kid`. */
  kid: string;
  privateKey: KeyObject;
  /** `-----BEGIN PUBLIC KEY-----`, for `ATTAIN_TOKEN_PUBLIC_KEYS`. */
  publicKeyPem: string;
}

export function tokenKeyPair(kid = TOKEN_CERTIFICATE_NAME): TokenKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Any claims (and header fields) signed RS256 with the pair's private key: for forgeries and odd claims. */
export function signToken(
  keys: TokenKeyPair,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const input = `${base64url({ alg: 'RS256', typ: 'JWT', kid: keys.kid, ...header })}.${base64url(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input, 'utf8'), keys.privateKey).toString('base64url')}`;
}

export interface MintedToken {
  token: string;
  /** `exp`, seconds since the epoch. */
  expiresAt: number;
}

/** The token the Apex mints for this user: 5 minutes by default. */
export function mintTestToken(
  keys: TokenKeyPair,
  input: { userId: string; orgId: string; nowSec?: number; lifetimeSec?: number },
): MintedToken {
  const iat = input.nowSec ?? Math.floor(Date.now() / 1000);
  const expiresAt = iat + (input.lifetimeSec ?? 300);
  const claims = {
    sub: input.userId,
    org: input.orgId,
    aud: 'attain',
    iat,
    exp: expiresAt,
    jti: randomBytes(16).toString('hex'),
  };
  return { token: signToken(keys, claims), expiresAt };
}
