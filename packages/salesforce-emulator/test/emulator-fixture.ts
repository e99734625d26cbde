import jsforce, { type Connection } from 'jsforce';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/index.js';

export const CLIENT = { clientId: 'attain-local', clientSecret: 'attain-local-secret' } as const;

/** A small emulated org on a free loopback port. */
export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return createEmulator({ opportunities: 150, onError: () => {}, ...options });
}

/** A jsforce connection logged in with the client-credentials flow. */
export async function connect(emulator: Emulator, version = '62.0'): Promise<Connection> {
  const conn = new jsforce.Connection({ oauth2: { ...CLIENT, loginUrl: emulator.url }, version });
  await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}

export async function admin(emulator: Emulator, path: string, method = 'GET', body?: unknown): Promise<Response> {
  return fetch(`${emulator.url}/__emulator${path}`, {
    method,
    headers: { 'x-attain-emulator': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(
  promise: PromiseLike<unknown>,
): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('expected a rejection');
}
