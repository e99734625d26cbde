/**
 * Issued OAuth credentials: access tokens (sessions), refresh tokens and one-time authorization
 * codes. Access tokens look like Salesforce's (`00D…!AQ…`: the 15-character org id, `!`, opaque
 * text) and last `sessionTimeoutMs` (2 hours, the org default) from issue. `expireAll` ends every
 * session at once, as an admin revoking sessions or a password reset would; refresh tokens survive
 * it, so a client holding one can get a new session, as with Salesforce.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface Session {
  accessToken: string;
  userId: string;
  clientId: string;
  scope: string;
  issuedAt: number;
  expiresAt: number;
}

interface RefreshGrant {
  userId: string;
  clientId: string;
  scope: string;
}

interface AuthorizationCode extends RefreshGrant {
  redirectUri: string;
  expiresAt: number;
}

export const DEFAULT_SESSION_TIMEOUT_MS = 2 * 60 * 60 * 1000;
const CODE_LIFETIME_MS = 15 * 60 * 1000;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(
    private readonly orgId: () => string,
    private readonly now: () => number = Date.now,
    readonly sessionTimeoutMs = DEFAULT_SESSION_TIMEOUT_MS,
  ) {}

  issue(userId: string, clientId: string, scope: string): Session {
    const issuedAt = this.now();
    const accessToken = `${this.orgId().slice(0, 15)}!${randomBytes(72).toString('base64url')}`;
    const session = { accessToken, userId, clientId, scope, issuedAt, expiresAt: issuedAt + this.sessionTimeoutMs };
    this.sessions.set(accessToken, session);
    return session;
  }

  /** The live session for a bearer token, if any. */
  find(accessToken: string): Session | undefined {
    const session = this.sessions.get(accessToken);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(accessToken);
      return undefined;
    }
    return session;
  }

  revoke(token: string): boolean {
    return this.sessions.delete(token) || this.refreshTokens.delete(token);
  }

  expireAll(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  issueRefreshToken(grant: RefreshGrant): string {
    const token = `5Aep${randomBytes(60).toString('base64url')}`;
    this.refreshTokens.set(token, { ...grant });
    return token;
  }

  findRefreshToken(token: string): RefreshGrant | undefined {
    return this.refreshTokens.get(token);
  }

  issueCode(code: AuthorizationCode | Omit<AuthorizationCode, 'expiresAt'>): string {
    const value = `aPrx${randomBytes(48).toString('base64url')}`;
    this.codes.set(value, { ...code, expiresAt: this.now() + CODE_LIFETIME_MS });
    return value;
  }

  /** Redeems a code once; undefined if unknown, used or expired. */
  redeemCode(code: string): AuthorizationCode | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresAt > this.now() ? grant : undefined;
  }

  clear(): void {
    this.sessions.clear();
    this.refreshTokens.clear();
    this.codes.clear();
  }
}

/** Salesforce's `signature`: base64 HMAC-SHA256 of `id + issued_at`, keyed with the client secret. */
export function tokenSignature(clientSecret: string, identityUrl: string, issuedAt: string): string {
  return createHmac('sha256', clientSecret)
    .update(identityUrl + issuedAt)
    .digest('base64');
}
