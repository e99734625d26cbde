/**
 * A Canvas signed request is only as fresh as the Salesforce session it carries. The signature
 * proves the org issued the envelope once; it never expires, so on its own the same envelope would
 * open Attain sessions forever. Before `POST /canvas` opens one:
 *
 * - an envelope with an `issuedAt` older than {@link CANVAS_MAX_AGE_MS} (or further in the future
 *   than {@link CANVAS_CLOCK_SKEW_MS}) is refused;
 * - the envelope's OAuth token (`client.oauthToken`) is sent to the org's UserInfo endpoint
 *   (`<SF_LOGIN_URL>/services/oauth2/userinfo`: the configured login host, never a URL taken from
 *   the envelope, so a forged envelope cannot point the check at a server of its own). A token
 *   Salesforce no longer accepts (expired, revoked, logged out) is refused; so is one that answers
 *   for another user or org.
 * - A positive answer is cached in this process for {@link CANVAS_CONFIRMATION_TTL_MS} (5 minutes,
 *   the life of the Attain token the route mints): UserInfo does not say when the session ends, so
 *   the bound is ours. A session ended in Salesforce therefore stops opening Attain sessions at
 *   most 5 minutes later. Refusals are not cached. The cache holds token hashes, never tokens.
 */
import { createHash } from 'node:crypto';
import { ApiError, ErrorCode } from '../errors.js';
import type { CanvasIdentity } from './canvas.js';
import { to18 } from './salesforce-id.js';

export const CANVAS_MAX_AGE_MS = 15 * 60_000;
export const CANVAS_CLOCK_SKEW_MS = 5 * 60_000;
export const CANVAS_CONFIRMATION_TTL_MS = 5 * 60_000;
const USERINFO_TIMEOUT_MS = 5_000;
const MAX_CACHED = 10_000;

export interface CanvasSessionOptions {
  /** The org's login URL (SF_LOGIN_URL), where UserInfo is asked. */
  loginUrl: string;
  now: () => number;
}

export type CanvasSessions = (identity: CanvasIdentity, options: CanvasSessionOptions) => Promise<void>;

const refuse = (why: string) => ApiError.unauthenticated(`the Canvas signed request ${why}`);

function checkAge(issuedAtMs: number | null, now: number): void {
  if (issuedAtMs === null) return;
  if (now - issuedAtMs > CANVAS_MAX_AGE_MS) {
    throw refuse(
      `was issued at ${new Date(issuedAtMs).toISOString()}, more than ${CANVAS_MAX_AGE_MS / 60_000} minutes ago: reload the page in Salesforce`,
    );
  }
  if (issuedAtMs - now > CANVAS_CLOCK_SKEW_MS) {
    throw refuse(`was issued in the future (${new Date(issuedAtMs).toISOString()}): check the server's clock`);
  }
}

async function askUserInfo(loginUrl: string, token: string): Promise<{ userId: string | null; orgId: string | null }> {
  let response: Response;
  try {
    response = await fetch(`${loginUrl.replace(/\/+$/, '')}/services/oauth2/userinfo`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(USERINFO_TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(
      503,
      ErrorCode.salesforceUnavailable,
      'Salesforce did not answer to confirm the Canvas session; try again',
    );
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw refuse(
      'carries a Salesforce session that is no longer valid (expired, revoked or logged out): reload the page in Salesforce',
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ApiError(
      503,
      ErrorCode.salesforceUnavailable,
      `Salesforce answered ${response.status} when asked to confirm the Canvas session; try again`,
    );
  }
  const body = (await response.json().catch(() => null)) as { user_id?: unknown; organization_id?: unknown } | null;
  const id = (value: unknown) => (typeof value === 'string' ? to18(value) : null);
  return { userId: id(body?.user_id), orgId: id(body?.organization_id) };
}

/** The confirmation step of `POST /canvas`, with its cache (one per API process). */
export function canvasSessions(): CanvasSessions {
  const confirmed = new Map<string, number>();
  return async (identity, { loginUrl, now: clock }) => {
    const now = clock();
    checkAge(identity.issuedAtMs, now);
    if (identity.oauthToken === null) {
      throw refuse('carries no OAuth token (client.oauthToken): give the Canvas connected app the "api" OAuth scope');
    }
    const key = createHash('sha256').update(`${identity.userId}\n${identity.oauthToken}`).digest('base64url');
    const until = confirmed.get(key);
    if (until !== undefined && until > now) return;
    confirmed.delete(key);
    const answer = await askUserInfo(loginUrl, identity.oauthToken);
    if (answer.userId !== identity.userId || answer.orgId !== identity.orgId) {
      throw refuse('carries a Salesforce session of another user or org');
    }
    if (confirmed.size >= MAX_CACHED) {
      for (const [cached, expires] of confirmed) if (expires <= now) confirmed.delete(cached);
      if (confirmed.size >= MAX_CACHED) confirmed.clear();
    }
    confirmed.set(key, now + CANVAS_CONFIRMATION_TTL_MS);
  };
}
