/** `attain api`: refuses a bad configuration naming each variable; serves until told to stop. */

import { startRedis, type TestRedis, uniqueNamespace } from '@attain/test-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../src/cli.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => redis?.cleanup());

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: (env: NodeJS.ProcessEnv, stopSignal?: Promise<string>) => ({
      stdout: { isTTY: false, write: (text: string) => (out.stdout += text) },
      stderr: { isTTY: false, write: (text: string) => (out.stderr += text) },
      env,
      ...(stopSignal ? { stopSignal } : {}),
    }),
  };
}

it('exits 2 with one line per bad variable', async () => {
  const { out, io } = capture();
  const code = await main('api', [], io({ REDIS_URL: redis.url, ATTAIN_TOKEN_SECRET: 'short' }));
  expect(code).toBe(2);
  expect(
    out.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(':')[0])
      .sort(),
  ).toEqual(['ATTAIN_TOKEN_SECRET', 'SF_CLIENT_ID', 'SF_CLIENT_SECRET', 'SF_LOGIN_URL', 'SF_ORG_ID']);
  expect(await main('api', ['--port'], io({}))).toBe(2);
});

it('serves on the configured loopback port until the stop signal', async () => {
  const { out, io } = capture();
  let stop: (signal: string) => void = () => {};
  const stopSignal = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const running = main(
    'api',
    [],
    io(
      {
        REDIS_URL: redis.url,
        ATTAIN_NAMESPACE: uniqueNamespace('cli'),
        SF_LOGIN_URL: 'https://login.salesforce.com',
        SF_CLIENT_ID: 'id',
        SF_CLIENT_SECRET: 'secret',
        ATTAIN_TOKEN_SECRET: 'x'.repeat(40),
        SF_ORG_ID: '00D5g0000000001',
        API_PORT: '0',
        LOG_LEVEL: 'silent',
      },
      stopSignal,
    ),
  );
  let url: string | undefined;
  for (let i = 0; i < 200 && !url; i++) {
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout)?.[1];
    if (!url) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(url).toBeDefined();
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  expect((await fetch(`${url}/api/me`)).status).toBe(401);
  stop('SIGTERM');
  expect(await running).toBe(0);
  expect(out.stderr).toContain('SIGTERM: finishing requests, then stopping');
});
