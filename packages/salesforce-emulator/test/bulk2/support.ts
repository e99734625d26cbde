/**
 * Starting an emulator and connecting jsforce to it the way Attain does: an OAuth 2.0
 * client-credentials token, then a Connection on the returned instance URL.
 */
import jsforce, { type Connection } from 'jsforce';
import { createEmulator, EMULATOR_DEFAULTS, type Emulator } from '../../src/index.js';

export const API_VERSION = '62.0';

export function startEmulator(opportunities = 2000): Promise<Emulator> {
  return createEmulator({ port: 0, seed: 1, opportunities });
}

export async function connect(emulator: Emulator): Promise<Connection> {
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: EMULATOR_DEFAULTS.clientId,
      client_secret: EMULATOR_DEFAULTS.clientSecret,
    }),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  const token = (await response.json()) as { access_token: string; instance_url: string };
  return new jsforce.Connection({
    instanceUrl: token.instance_url,
    accessToken: token.access_token,
    version: API_VERSION,
  });
}

/** A raw API call with the connection's token, for what jsforce cannot express (headers, bad input). */
export async function api(
  conn: Connection,
  method: string,
  path: string,
  body?: string | object,
  contentType = 'application/json',
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${conn.accessToken}` } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = contentType;
  }
  const response = await fetch(`${conn.instanceUrl}/services/data/v${API_VERSION}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** What jsforce rejects with for an API error: `errorCode` and `message` copied from the body. */
export async function failureOf(promise: PromiseLike<unknown>): Promise<{ errorCode?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errorCode?: string; message: string };
  }
  throw new Error('expected the call to fail');
}
