/**
 * Canvas signed requests as Salesforce builds them, around a real session of the Canvas user: the
 * user logs in to the emulator through jsforce (as the org does when it renders the Canvas app) and
 * the envelope carries that session's access token, which `POST /canvas` confirms with the org.
 */
import { createHmac } from 'node:crypto';
import { Connection } from 'jsforce';
import type { Harness } from './harness.js';

/** The emulator's password for every active user (its default `userPassword`). */
const USER_PASSWORD = 'attain-local-password';

/** A fresh Salesforce session (access token) of `userId`. */
export async function userSession(h: Harness, userId: string): Promise<string> {
  const found = await h.admin.query<{ Username: string }>(`SELECT Username FROM User WHERE Id = '${userId}'`);
  const username = found.records[0]?.Username;
  if (!username) throw new Error(`no user ${userId}`);
  const connection = new Connection({ loginUrl: h.emulator.url, version: h.admin.version });
  await connection.login(username, USER_PASSWORD);
  if (!connection.accessToken) throw new Error(`${username} got no session`);
  return connection.accessToken;
}

export interface EnvelopeOptions {
  userId: string;
  orgId: string;
  oauthToken?: string | undefined;
  instanceUrl: string;
  issuedAt?: unknown;
}

export function canvasEnvelope(options: EnvelopeOptions): Record<string, unknown> {
  return {
    algorithm: 'HMACSHA256',
    issuedAt: options.issuedAt ?? null,
    userId: options.userId,
    client: {
      ...(options.oauthToken === undefined ? {} : { oauthToken: options.oauthToken }),
      instanceUrl: options.instanceUrl,
      targetOrigin: options.instanceUrl,
    },
    context: {
      user: { userId: options.userId },
      organization: { organizationId: options.orgId },
      links: { loginUrl: options.instanceUrl, userUrl: `/${options.userId}` },
    },
  };
}

/** `<base64 HMAC-SHA256>.<base64 JSON>`, signed with the connected app's consumer secret. */
export function signCanvas(envelope: unknown, consumerSecret: string): string {
  const encoded = Buffer.from(JSON.stringify(envelope)).toString('base64');
  return `${createHmac('sha256', consumerSecret).update(encoded).digest('base64')}.${encoded}`;
}

/** The form body `POST /canvas` takes. */
export function canvasForm(signed: string, headers: Record<string, string> = {}) {
  return {
    rawBody: `signed_request=${encodeURIComponent(signed)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  };
}
