/**
 * The JWT bearer assertion of Salesforce's OAuth 2.0 JWT Bearer Flow: an RS256-signed JWT whose
 * `iss` is the connected app's client id, `sub` the username, `aud` the login URL and `exp` a time
 * in the near future. Verified with node:crypto against the certificate uploaded to the connected
 * app (a PEM certificate or public key).
 */
import { createPublicKey, createVerify, type KeyObject, X509Certificate } from 'node:crypto';

export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
}

/** Salesforce's `error_description`s for a refused assertion. */
export const JwtProblem = {
  malformed: 'invalid assertion',
  signature: 'invalid assertion',
  audience: 'audience is invalid',
  expired: 'expired authorization code',
} as const;

export function publicKeyFromPem(pem: string): KeyObject {
  if (pem.includes('BEGIN CERTIFICATE')) return new X509Certificate(pem).publicKey;
  return createPublicKey(pem);
}

/** The claims of a validly signed RS256 JWT, or the problem with it. */
export function verifyJwt(assertion: string, key: KeyObject): { claims: JwtClaims } | { problem: string } {
  const parts = assertion.split('.');
  if (parts.length !== 3) return { problem: JwtProblem.malformed };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: JwtClaims;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return { problem: JwtProblem.malformed };
  }
  if (header.alg !== 'RS256' || typeof claims !== 'object' || claims === null) return { problem: JwtProblem.malformed };
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${headerPart}.${payloadPart}`);
  if (!verifier.verify(key, Buffer.from(signaturePart, 'base64url'))) return { problem: JwtProblem.signature };
  return { claims };
}
