/**
 * The token `AttainTokenService.mintToken()` returns, minted the same way: an HS256 JWT (base64url
 * without padding) with sub = user id, org = org id, aud = "attain", iat, exp = iat + life, and a
 * 128-bit random jti; the answer is `{ token, apiUrl, expiresAt, expiresIn }`.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface TokenGrant {
  token: string;
  apiUrl: string;
  expiresAt: number;
  expiresIn: number;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

export function mintAttainToken(input: {
  secret: string;
  userId: string;
  orgId: string;
  apiUrl: string;
  lifetimeSeconds: number;
  nowMs: number;
}): TokenGrant {
  const iat = Math.floor(input.nowMs / 1000);
  const exp = iat + input.lifetimeSeconds;
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
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
  const signature = createHmac('sha256', Buffer.from(input.secret, 'utf8'))
    .update(`${header}.${claims}`)
    .digest('base64url');
  return {
    token: `${header}.${claims}.${signature}`,
    apiUrl: input.apiUrl.replace(/\/+$/, ''),
    expiresAt: exp,
    expiresIn: input.lifetimeSeconds,
  };
}
