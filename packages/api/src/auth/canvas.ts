/**
 * Salesforce Canvas signed requests: `<base64 HMAC-SHA256 of the envelope>.<base64 JSON envelope>`,
 * signed with the connected app's consumer secret. jsforce does not check the signature, so this
 * does: the HMAC compared in constant time, the algorithm named in the envelope, the org, and the
 * user id. Only then is anything in the envelope believed. A valid signature only proves the org
 * once issued the envelope: `canvas-session.ts` then checks that its OAuth token still works.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.js';
import { to18 } from './salesforce-id.js';

export interface CanvasIdentity {
  userId: string;
  orgId: string;
  /** `client.oauthToken`: the Canvas user's Salesforce session (null when the envelope has none). */
  oauthToken: string | null;
  /** `issuedAt` in epoch milliseconds, when the envelope carries one. */
  issuedAtMs: number | null;
}

/** Canvas's `issuedAt`: epoch seconds or milliseconds, or an ISO date; null when absent or unreadable. */
function issuedAtOf(value: unknown): number | null | 'unreadable' {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return issuedAtOf(Number(value));
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  return 'unreadable';
}

function base64(text: string): Buffer | null {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : null;
}

export function verifyCanvasRequest(signedRequest: string, consumerSecret: string, orgId: string): CanvasIdentity {
  const refuse = (why: string) => ApiError.unauthenticated(`the Canvas signed request ${why}`);
  const dot = signedRequest.indexOf('.');
  if (dot <= 0 || dot === signedRequest.length - 1) throw refuse('is malformed');
  const signature = base64(signedRequest.slice(0, dot));
  const encoded = signedRequest.slice(dot + 1);
  const expected = createHmac('sha256', consumerSecret).update(encoded).digest();
  if (!signature || signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    throw refuse('signature is not valid');
  }
  let envelope: {
    algorithm?: unknown;
    userId?: unknown;
    issuedAt?: unknown;
    client?: { oauthToken?: unknown };
    context?: { user?: { userId?: unknown }; organization?: { organizationId?: unknown } };
  };
  try {
    envelope = JSON.parse((base64(encoded) ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    throw refuse('envelope is not JSON');
  }
  if (envelope.algorithm !== 'HMACSHA256') throw refuse('is not signed with HMACSHA256');
  const org = envelope.context?.organization?.organizationId;
  if (typeof org !== 'string' || to18(org) !== orgId) throw refuse('is for another org');
  const user = envelope.context?.user?.userId ?? envelope.userId;
  const userId = typeof user === 'string' ? to18(user) : null;
  if (userId === null || !userId.startsWith('005')) throw refuse('names no user');
  const issuedAtMs = issuedAtOf(envelope.issuedAt);
  if (issuedAtMs === 'unreadable') throw refuse('has an unreadable issuedAt');
  const oauthToken = envelope.client?.oauthToken;
  return {
    userId,
    orgId,
    oauthToken: typeof oauthToken === 'string' && oauthToken !== '' ? oauthToken : null,
    issuedAtMs,
  };
}
