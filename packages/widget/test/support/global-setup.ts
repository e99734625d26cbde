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

export interface ApiFixture {
  /** Path prefix the browser uses; the Vitest server proxies it to the API. */
  apiPath: string;
  users: Record<Persona, { id: string; name: string }>;
  brokenDealId: string;
  tokens: Record<Persona, string>;
  /** A token signed with the wrong secret. */
  badToken: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    bundle: string;
    api: ApiFixture | null;
    apiError: string;
  }
}

export const API_PROXY_PATH = '/attain-api';
export const API_TARGET_ENV = 'ATTAIN_WIDGET_TEST_API';

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

export default async function setup(project: TestProject) {
  project.provide('bundle', await buildBundle());
  let stack: SeededApi | undefined;
  try {
    stack = await startSeededApi();
    process.env[API_TARGET_ENV] = stack.apiUrl;
    const tokens = {} as Record<Persona, string>;
    for (const persona of Object.values(Persona)) tokens[persona] = await stack.token(stack.users[persona].id);
    const [header, claims] = tokens.rep.split('.');
    project.provide('api', {
      apiPath: API_PROXY_PATH,
      users: stack.users,
      brokenDealId: stack.brokenDealId,
      tokens,
      badToken: `${header}.${claims}.${'A'.repeat(43)}`,
    });
    project.provide('apiError', '');
  } catch (error) {
    project.provide('api', null);
    project.provide('apiError', error instanceof Error ? error.message : String(error));
  }
  return async () => {
    await stack?.close();
  };
}
