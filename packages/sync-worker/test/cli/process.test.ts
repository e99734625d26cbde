/**
 * `pnpm --silent attain worker` as an operator runs it: a separate process from the built dist/
 * (npm test builds first), stopped by SIGTERM, refusing bad configuration with exit 2.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis, type TestRedis, uniqueNamespace } from '@attain/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const BUILT_CLI = join(REPO_ROOT, 'packages/sync-worker/dist/cli/main.js');

let redis: TestRedis;
beforeAll(async () => {
  if (!existsSync(BUILT_CLI))
    throw new Error(`${BUILT_CLI} is missing: build first (pnpm exec tsc -b packages/sync-worker); npm test does it`);
  redis = await startRedis();
});
afterAll(async () => redis?.cleanup());

function attain(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/attain.mjs'), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

describe('attain worker (a process)', () => {
  it('exits 2 with one line per configuration problem', async () => {
    const { done } = attain(['worker'], { SF_LOGIN_URL: 'https://login.example.test' });
    const result = await done;
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'REDIS_URL: required (e.g. redis://127.0.0.1:6379)',
      'SF_CLIENT_ID: required (e.g. the connected app consumer key)',
      'SF_CLIENT_SECRET: required (or SF_JWT_KEY_FILE and SF_USERNAME for the JWT bearer flow)',
    ]);
  });

  it('starts, logs, and shuts down gracefully on SIGTERM', async () => {
    const { child, done } = attain(['worker'], {
      REDIS_URL: redis.url,
      SF_LOGIN_URL: 'http://127.0.0.1:9',
      SF_CLIENT_ID: 'attain-local',
      SF_CLIENT_SECRET: 'attain-local-secret',
      ATTAIN_NAMESPACE: uniqueNamespace('proc'),
      SYNC_INTERVAL_MS: '3600000',
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    await expect.poll(() => output, { timeout: 15_000 }).toContain('worker started');
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('SIGTERM: finishing active jobs, then stopping');
    expect(result.stdout).toContain('worker stopped');
  });
});
