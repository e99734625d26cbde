/** `attain api`: refuses a bad configuration naming each variable; serves until told to stop. */

import { startRedis, type TestRedis, tokenKeyPair, uniqueNamespace } from '@attain/test-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { loadApiConfig } from '../src/config.js';

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
  const code = await main('api', [], io({ REDIS_URL: redis.url, ATTAIN_TOKEN_PUBLIC_KEYS: 'not a key' }));
  expect(code).toBe(2);
  expect(
    out.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(':')[0])
      .sort(),
  ).toEqual(['ATTAIN_TOKEN_PUBLIC_KEYS', 'SF_CLIENT_ID', 'SF_CLIENT_SECRET', 'SF_LOGIN_URL', 'SF_ORG_ID']);
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
        ATTAIN_TOKEN_PUBLIC_KEYS: tokenKeyPair().publicKeyPem,
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

it('refuses to serve /metrics without METRICS_TOKEN beyond loopback (exit 2 naming it)', async () => {
  const env = {
    REDIS_URL: redis.url,
    SF_LOGIN_URL: 'https://login.salesforce.com',
    SF_CLIENT_ID: 'id',
    SF_CLIENT_SECRET: 'secret',
    SF_ORG_ID: '00D5g0000000001',
    API_PORT: '0',
    LOG_LEVEL: 'silent',
  };
  const metricsLine = (stderr: string) => stderr.split('\n').find((line) => line.startsWith('METRICS_TOKEN:'));
  for (const host of ['0.0.0.0', '::', '10.1.2.3', 'api.example.com']) {
    const { out, io } = capture();
    expect(await main('api', [], io({ ...env, API_HOST: host })), host).toBe(2);
    expect(metricsLine(out.stderr), host).toMatch(/^METRICS_TOKEN: required when the API listens beyond loopback/);
  }
  for (const host of ['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost']) {
    const loaded = loadApiConfig({ ...env, API_HOST: host });
    const problems = loaded.ok ? [] : loaded.problems.map((problem) => problem.path.join('.'));
    expect(problems, host).not.toContain('METRICS_TOKEN');
  }
  const withToken = loadApiConfig({ ...env, API_HOST: '0.0.0.0', METRICS_TOKEN: 'metrics-token-0123456789' });
  expect(withToken.ok ? [] : withToken.problems.map((problem) => problem.path.join('.'))).not.toContain(
    'METRICS_TOKEN',
  );
});
