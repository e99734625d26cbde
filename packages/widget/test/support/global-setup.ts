/**
 * Node side of the browser tests: builds the production bundle (the browser tests evaluate it as
 * Lightning would) and starts the seeded Attain stack (see seeded-api.ts). The browser reaches the
 * API through the Vitest server (`/attain-api`, proxied in vitest.config.ts), so the tests run
 * same-origin; cross-origin access (CORS) is the API's own tests' business.
 * If the stack cannot start, the tests that need it fail with the reason; the others still run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { Persona, type SeededApi, startSeededApi } from './seeded-api.js';
import { apiProxyPath, apiTargetEnv, STACK_NAMES, STACK_TODAYS, type StackName } from './stacks.js';

export interface ApiFixture {
  /** Path prefix the browser uses; the Vitest server proxies it to the API. */
  apiPath: string;
  /** The org's today (YYYY-MM-DD) this stack was seeded with. */
  today: string;
  users: Record<Persona, { id: string; name: string }>;
  brokenDealId: string;
  tokens: Record<Persona, string>;
  /** A token signed with the wrong secret. */
  badToken: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    bundle: string;
    /** Each stack's fixture, or null with the reason in `apiErrors`. */
    apis: Record<StackName, ApiFixture | null>;
    apiErrors: Record<StackName, string>;
  }
}

async function buildBundle(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'attain-widget-bundle-'));
  // Vitest sets NODE_ENV=test, which would make Vite pick Lit's development build: build as `vite build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    return readFileSync(join(outDir, 'attain-widget.js'), 'utf8');
  } finally {
    process.env.NODE_ENV = nodeEnv;
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function fixture(stack: StackName, seeded: SeededApi): Promise<ApiFixture> {
  process.env[apiTargetEnv(stack)] = seeded.apiUrl;
  const tokens = {} as Record<Persona, string>;
  for (const persona of Object.values(Persona)) tokens[persona] = await seeded.token(seeded.users[persona].id);
  const [header, claims] = tokens.rep.split('.');
  return {
    apiPath: apiProxyPath(stack),
    today: seeded.today,
    users: seeded.users,
    brokenDealId: seeded.brokenDealId,
    tokens,
    badToken: `${header}.${claims}.${'A'.repeat(43)}`,
  };
}

export default async function setup(project: TestProject) {
  project.provide('bundle', await buildBundle());
  const started: SeededApi[] = [];
  const apis = {} as Record<StackName, ApiFixture | null>;
  const apiErrors = {} as Record<StackName, string>;
  // Both stacks start together: each has its own redis-server, emulator, worker and API.
  await Promise.all(
    STACK_NAMES.map(async (stack) => {
      try {
        const seeded = await startSeededApi({ today: STACK_TODAYS[stack] });
        started.push(seeded);
        apis[stack] = await fixture(stack, seeded);
        apiErrors[stack] = '';
      } catch (error) {
        apis[stack] = null;
        apiErrors[stack] = error instanceof Error ? error.message : String(error);
      }
    }),
  );
  project.provide('apis', apis);
  project.provide('apiErrors', apiErrors);
  return async () => {
    await Promise.all(started.map((seeded) => seeded.close()));
  };
}
