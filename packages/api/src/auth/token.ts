/**
 * The short-lived token the org mints for the widget (Apex `AttainTokenService.mintToken`): an
 * HS256 JWT, `sub` the 18-character user id, `org` the org id, `aud` "attain", `iat`, `exp` at most
 * 600 s after `iat`. Verified with jose: the signature, the algorithm pinned to HS256 (so `none` and
 * every other algorithm are refused before any key is used), the audience, the org, the expiry and
 * the age, with a small clock tolerance. Whatever fails, the caller learns only which check.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { ApiError } from '../errors.js';
import { isSalesforceId, to18 } from './salesforce-id.js';

export const TOKEN_AUDIENCE = 'attain';
/** The bound: a token lives at most ten minutes. */
export const MAX_TOKEN_LIFETIME_SEC = 600;

export interface TokenOptions {
  secret: string;
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
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with HS256';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the token is not meant for Attain';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token claim "${error.claim}" is missing or not valid`;
  }
  return 'the token is malformed';
}

/**
 * Tokens already verified, by their exact text (signature included), until they expire: the widget
 * sends one token for minutes, and checking an HMAC per request is most of what a read costs.
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

export function tokenVerifier(options: TokenOptions): TokenVerifier {
  const key = new TextEncoder().encode(options.secret);
  const nowSeconds = options.now ?? (() => Math.floor(Date.now() / 1000));
  const verified = new VerifiedTokens(options.cacheSize ?? 20_000);
  return async (token: string): Promise<Caller> => {
    const known = verified.get(token, nowSeconds(), options.clockToleranceSec);
    if (known) return known;
    const caller = await verifyToken(token);
    verified.set(token, caller);
    return caller;
  };

  async function verifyToken(token: string): Promise<Caller> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        audience: TOKEN_AUDIENCE,
        clockTolerance: options.clockToleranceSec,
        maxTokenAge: MAX_TOKEN_LIFETIME_SEC,
        requiredClaims: ['sub', 'org', 'iat', 'exp'],
        currentDate: new Date(nowSeconds() * 1000),
      }));
    } catch (error) {
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
  secret: string;
  userId: string;
  orgId: string;
  lifetimeSec?: number;
  nowSec?: number;
}

/** Mints a token exactly like the Apex does (used by `POST /canvas`, tests and the benchmark). */
export async function mintToken(options: MintOptions): Promise<{ token: string; expiresAt: number }> {
  const iat = options.nowSec ?? Math.floor(Date.now() / 1000);
  const expiresAt = iat + Math.min(options.lifetimeSec ?? 300, MAX_TOKEN_LIFETIME_SEC);
  const token = await new SignJWT({ org: options.orgId, jti: crypto.randomUUID().replace(/-/g, '') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.userId)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(options.secret));
  return { token, expiresAt };
}
