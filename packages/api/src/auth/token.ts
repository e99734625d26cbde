/**
 * The short-lived token the org mints for the widget (Apex `AttainTokenService.mintToken`): an
 * RS256 JWT signed with the org's certificate (`kid` = the certificate's Unique Name), `sub` the
 * 18-character user id, `org` the org id, `aud` "attain", `iat`, `exp` at most 600 s after `iat`.
 * Verified with jose against the certificate's public key (configured PEM keys, tried in turn while
 * a certificate is rotated, or a JWKS, picked by `kid`): the signature, the algorithm pinned to
 * RS256 (so `none`, HS256 "signed" with the public key as a secret and every other algorithm are
 * refused before any key is used), the audience, the org, the expiry and the age, with a small clock
 * tolerance. Whatever fails, the caller learns only which check.
 *
 * `POST /canvas` mints its sessions with a key pair of the API's own (`sessionSigningKey`), made at
 * start and never written anywhere; its `kid` has hyphens, which a certificate's Unique Name cannot.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JWTVerifyOptions,
  jwtVerify,
  SignJWT,
} from 'jose';
import { ApiError, ErrorCode } from '../errors.js';
import { isSalesforceId, to18 } from './salesforce-id.js';
import type { TokenKeys } from './token-keys.js';

export type { TokenKeys } from './token-keys.js';
export const TOKEN_AUDIENCE = 'attain';
/** The bound: a token lives at most ten minutes. */
export const MAX_TOKEN_LIFETIME_SEC = 600;

export const TOKEN_ALGORITHM = 'RS256';

/** A private key that signs tokens, and the `kid` the tokens name it by. */
export interface SigningKey {
  kid: string;
  /** A KeyObject, or PEM (PKCS#8 or PKCS#1). */
  privateKey: KeyObject | string;
}

/** The API's own key pair for Canvas sessions. */
export interface SessionKey extends SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function sessionSigningKey(): SessionKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: `attain-api-session-${randomBytes(6).toString('hex')}`, privateKey, publicKey };
}

export interface TokenOptions {
  /** The org certificate's public keys (PEM and/or JWKS). */
  keys: TokenKeys;
  /** The API's own Canvas session key, accepted for tokens that name its `kid`. */
  sessionKey?: SessionKey | null;
  /** 18-character id of the org whose tokens are accepted. */
  orgId: string;
  clockToleranceSec: number;
  /** Seconds since the epoch (tests move it). */
  now?: () => number;
  /** Verified tokens remembered until they expire (default 20,000). */
  cacheSize?: number;
}

/** Who a valid token speaks for. */
export interface Caller {
  userId: string;
  orgId: string;
  /** `exp`, seconds since the epoch. */
  expiresAt: number;
}

export type TokenVerifier = (token: string) => Promise<Caller>;

function reason(error: unknown): string {
  // jose reports a token older than maxTokenAge as "expired" too, on the `iat` claim.
  if (
    (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) &&
    error.claim === 'iat'
  ) {
    return 'the token was issued too long ago or in the future';
  }
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is signed with a key the API does not know';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'the token names no key (kid) and the API has several';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the token is not meant for Attain';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token claim "${error.claim}" is missing or not valid`;
  }
  return 'the token is malformed';
}

/**
 * Tokens already verified, by their exact text (signature included), until they expire: the widget
 * sends one token for minutes, and checking an RSA signature per request is most of what a read costs.
 * Only successes are kept; expiry is checked again on every use.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, Caller>();
  constructor(private readonly capacity: number) {}

  get(token: string, now: number, toleranceSec: number): Caller | undefined {
    const caller = this.entries.get(token);
    if (caller && caller.expiresAt <= now - toleranceSec) {
      this.entries.delete(token);
      return undefined;
    }
    return caller;
  }

  set(token: string, caller: Caller): void {
    // Oldest first out (Map keeps insertion order).
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, caller);
  }
}

/** A remote JWKS that cannot be fetched is the API's problem, not the caller's: 503, not 401. */
class KeysUnavailable extends Error {}

function protectedHeader(token: string) {
  try {
    return decodeProtectedHeader(token);
  } catch {
    throw new errors.JWSInvalid('malformed');
  }
}

export function tokenVerifier(options: TokenOptions): TokenVerifier {
  const { publicKeys, jwks } = options.keys;
  const jwksKey = jwks === null ? null : jwks instanceof URL ? createRemoteJWKSet(jwks) : createLocalJWKSet(jwks);
  const session = options.sessionKey ?? null;
  const nowSeconds = options.now ?? (() => Math.floor(Date.now() / 1000));
  const verified = new VerifiedTokens(options.cacheSize ?? 20_000);
  return async (token: string): Promise<Caller> => {
    const known = verified.get(token, nowSeconds(), options.clockToleranceSec);
    if (known) return known;
    const caller = await verifyToken(token);
    verified.set(token, caller);
    return caller;
  };

  /** Verifies the signature with the key the token names, or with each configured PEM key in turn. */
  async function verifySigned(token: string, checks: JWTVerifyOptions) {
    // The algorithm first, before any key is looked at: HS256 with the public key as a secret dies here.
    const { alg, kid } = protectedHeader(token);
    if (alg !== TOKEN_ALGORITHM) throw new errors.JOSEAlgNotAllowed('not RS256');
    if (session !== null && kid === session.kid) return jwtVerify(token, session.publicKey, checks);
    if (jwksKey !== null && (kid !== undefined || publicKeys.length === 0)) {
      try {
        return await jwtVerify(token, jwksKey, checks);
      } catch (error) {
        const fetching = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid;
        if (fetching || !(error instanceof errors.JOSEError)) throw new KeysUnavailable(String(error));
        if (!(error instanceof errors.JWKSNoMatchingKey) || publicKeys.length === 0) throw error;
      }
    }
    let failure: unknown = new errors.JWSSignatureVerificationFailed();
    for (const key of publicKeys) {
      try {
        return await jwtVerify(token, key, checks);
      } catch (error) {
        // Claims are checked after the signature: any other error means this key verified it.
        if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw error;
        failure = error;
      }
    }
    throw failure;
  }

  async function verifyToken(token: string): Promise<Caller> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await verifySigned(token, {
        algorithms: [TOKEN_ALGORITHM],
        audience: TOKEN_AUDIENCE,
        clockTolerance: options.clockToleranceSec,
        maxTokenAge: MAX_TOKEN_LIFETIME_SEC,
        requiredClaims: ['sub', 'org', 'iat', 'exp'],
        currentDate: new Date(nowSeconds() * 1000),
      }));
    } catch (error) {
      if (error instanceof KeysUnavailable) {
        throw new ApiError(503, ErrorCode.internal, 'Attain could not load its token keys; try again in a minute.');
      }
      throw ApiError.unauthenticated(reason(error));
    }
    const { sub, org, iat, exp } = payload;
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > MAX_TOKEN_LIFETIME_SEC) {
      throw ApiError.unauthenticated(`the token lives longer than ${MAX_TOKEN_LIFETIME_SEC} seconds`);
    }
    if (typeof org !== 'string' || to18(org) !== options.orgId) {
      throw ApiError.unauthenticated('the token is for another org');
    }
    if (!isSalesforceId(sub) || sub.length !== 18 || !sub.startsWith('005') || to18(sub) !== sub) {
      throw ApiError.unauthenticated('the token subject is not a Salesforce user id');
    }
    return { userId: sub, orgId: options.orgId, expiresAt: exp };
  }
}

export interface MintOptions {
  key: SigningKey;
  userId: string;
  orgId: string;
  lifetimeSec?: number;
  nowSec?: number;
}

/** Mints a token exactly like the Apex does: RS256, `kid` = the key's name (`POST /canvas` and tests). */
export async function mintToken(options: MintOptions): Promise<{ token: string; expiresAt: number }> {
  const iat = options.nowSec ?? Math.floor(Date.now() / 1000);
  const expiresAt = iat + Math.min(options.lifetimeSec ?? 300, MAX_TOKEN_LIFETIME_SEC);
  const { kid, privateKey } = options.key;
  const token = await new SignJWT({ org: options.orgId, jti: randomBytes(16).toString('hex') })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT', kid })
    .setSubject(options.userId)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(expiresAt)
    .sign(typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey);
  return { token, expiresAt };
}
