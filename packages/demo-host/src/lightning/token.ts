/**
 * The token `AttainTokenService.mintToken()` returns, minted the same way: an RS256 JWT (base64url
 * without padding), header `{"alg":"RS256","typ":"JWT","kid":<certificate name>}`, with sub = user
 * id, org = org id, aud = "attain", iat, exp = iat + life, and a 128-bit random jti, signed with the
 * certificate's private key (the Apex's `Crypto.signWithCertificate('RSA-SHA256', …)`); the answer is
 * `{ token, apiUrl, expiresAt, expiresIn }`.
 */
import { type KeyObject, randomBytes, sign } from 'node:crypto';

export interface TokenGrant {
  token: string;
  apiUrl: string;
  expiresAt: number;
  expiresIn: number;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The org's token-signing certificate: its Unique Name (the `kid`) and private key. */
export interface SigningCertificate {
  name: string;
  privateKey: KeyObject;
}

export function mintAttainToken(input: {
  certificate: SigningCertificate;
  userId: string;
  orgId: string;
  apiUrl: string;
  lifetimeSeconds: number;
  nowMs: number;
}): TokenGrant {
  const iat = Math.floor(input.nowMs / 1000);
  const exp = iat + input.lifetimeSeconds;
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: input.certificate.name }));
  const claims = base64url(
    JSON.stringify({
      sub: input.userId,
      org: input.orgId,
      aud: 'attain',
      iat,
      exp,
      jti: randomBytes(16).toString('hex'),
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${claims}`, 'utf8'), input.certificate.privateKey).toString(
    'base64url',
  );
  return {
    token: `${header}.${claims}.${signature}`,
    apiUrl: input.apiUrl.replace(/\/+$/, ''),
    expiresAt: exp,
    expiresIn: input.lifetimeSeconds,
  };
}
