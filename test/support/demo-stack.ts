/**
 * The demo's stack (scripts/demo/start-demo.mjs: @attain/test-kit's stack with the demo company and
 * its Lightning pages) for the end-to-end tests, with small helpers around it. Under Vitest it runs
 * on sources: the `@attain/source` condition in process, scripts/ts-loader.mjs in the worker processes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stack } from '@attain/test-kit';
// @ts-expect-error — a plain ESM script without type declarations
import { startDemo } from '../../scripts/demo/start-demo.mjs';

export interface Persona {
  role: 'rep' | 'manager' | 'peer' | 'ops' | 'admin';
  id: string;
  name: string;
}

export interface DemoStack extends Stack {
  personas: Persona[];
  urls: Record<'opportunities' | 'earnings' | 'sync' | 'setup', string>;
}

/**
 * The org dates the end-to-end stacks are seeded with (never the day the tests run): mid-year, and
 * early January, when the seeded years, the current quarter and the latest period with lines all move.
 */
export const E2E_TODAYS = { main: '2026-05-14', newYear: '2026-01-06' } as const;

/** The quarter (`2026-Q2`) that contains a day (YYYY-MM-DD). */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The demo's stack on a fixed org date (`today`, YYYY-MM-DD; default E2E_TODAYS.main). */
export async function startStack(
  options: Record<string, unknown> & { today?: string } = {},
): Promise<DemoStack & { today: string; cleanup(): Promise<void> }> {
  const { today = E2E_TODAYS.main, ...rest } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'attain-e2e-'));
  const stack = (await startDemo({
    emulatorPort: 0,
    apiPort: 0,
    opportunities: 160,
    workers: 1,
    syncIntervalMs: 1000,
    namespace: 'e2e',
    dataDir,
    today: new Date(`${today}T12:00:00.000Z`),
    ...rest,
  })) as DemoStack;
  return {
    ...stack,
    today,
    async cleanup() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function persona(stack: DemoStack, role: Persona['role']): Persona {
  const found = stack.personas.find((candidate) => candidate.role === role);
  if (!found) throw new Error(`the seeded org has no ${role}`);
  return found;
}

/** An integration-user session of the emulator (client credentials), for the REST API. */
export async function salesforceSession(stack: DemoStack): Promise<string> {
  const response = await fetch(`${stack.emulator.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'attain-local',
      client_secret: 'attain-local-secret',
    }),
  });
  if (!response.ok) throw new Error(`token: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function soql<T = Record<string, unknown>>(
  stack: DemoStack,
  session: string,
  query: string,
): Promise<T[]> {
  const records: T[] = [];
  let next: string | null = `/services/data/v62.0/query?q=${encodeURIComponent(query)}`;
  while (next) {
    const response = await fetch(`${stack.emulator.url}${next}`, { headers: { Authorization: `Bearer ${session}` } });
    if (!response.ok) throw new Error(`query ${query}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { records: T[]; nextRecordsUrl?: string };
    records.push(...page.records);
    next = page.nextRecordsUrl ?? null;
  }
  return records;
}

export async function patchRecord(
  stack: DemoStack,
  session: string,
  object: string,
  id: string,
  fields: Record<string, unknown>,
): Promise<number> {
  const response = await fetch(`${stack.emulator.url}/services/data/v62.0/sobjects/${object}/${id}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(fields),
  });
  return response.status;
}

/** A token for a user, minted by the emulator's "Apex" token service exactly as the page gets it. */
export async function attainToken(stack: DemoStack, userId: string): Promise<{ token: string; apiUrl: string }> {
  const response = await fetch(`${stack.emulator.url}/__lightning/apex/AttainTokenService/mintToken?as=${userId}`, {
    method: 'POST',
  });
  if (!response.ok) throw new Error(`mintToken: ${response.status}`);
  return (await response.json()) as { token: string; apiUrl: string };
}

export async function api<T = any>(stack: DemoStack, userId: string, path: string, init: RequestInit = {}) {
  const { token } = await attainToken(stack, userId);
  const response = await fetch(`${stack.apiUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
