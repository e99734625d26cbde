import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatConfigProblem, loadConfig } from '../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'attain-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  SF_LOGIN_URL: 'https://login.example.test/',
  SF_CLIENT_ID: 'attain-local',
  SF_CLIENT_SECRET: 'attain-local-secret',
};

function lines(env: Record<string, string | undefined>): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map(formatConfigProblem);
}

describe('loadConfig', () => {
  it('reads a client-credentials configuration and fills in the defaults', () => {
    const result = loadConfig(base);
    expect(result).toEqual({
      ok: true,
      config: {
        redisUrl: 'redis://127.0.0.1:6379',
        namespace: 'attain',
        salesforce: {
          loginUrl: 'https://login.example.test',
          apiVersion: '62.0',
          auth: { kind: 'client-credentials', clientId: 'attain-local', clientSecret: 'attain-local-secret' },
        },
        syncIntervalMs: 300_000,
        apiBudgetFraction: 0.8,
        concurrency: 4,
        jobLockMs: 30_000,
        logLevel: 'info',
      },
    });
  });

  it('reads explicit values', () => {
    const result = loadConfig({
      ...base,
      SF_API_VERSION: '60.0',
      SYNC_INTERVAL_MS: '60000',
      API_BUDGET_FRACTION: '0.5',
      WORKER_CONCURRENCY: '8',
      ATTAIN_NAMESPACE: 'test-1',
      LOG_LEVEL: 'warn',
    });
    if (!result.ok) throw new Error(result.problems.map(formatConfigProblem).join('\n'));
    expect(result.config.salesforce.apiVersion).toBe('60.0');
    expect(result.config.syncIntervalMs).toBe(60_000);
    expect(result.config.apiBudgetFraction).toBe(0.5);
    expect(result.config.concurrency).toBe(8);
    expect(result.config.namespace).toBe('test-1');
    expect(result.config.logLevel).toBe('warn');
  });

  it('reports every problem, one line each, naming the variable', () => {
    expect(
      lines({
        REDIS_URL: 'http://nope',
        SF_LOGIN_URL: 'not a url',
        SF_API_VERSION: '62',
        SYNC_INTERVAL_MS: '5s',
        API_BUDGET_FRACTION: '1.5',
      }),
    ).toEqual([
      'REDIS_URL: must be a redis:// or rediss:// URL',
      'SF_LOGIN_URL: must be an http(s) URL',
      'SF_CLIENT_ID: required (e.g. the connected app consumer key)',
      'SF_API_VERSION: must look like 62.0',
      'SYNC_INTERVAL_MS: must be a whole number',
      'API_BUDGET_FRACTION: must be a fraction between 0 and 1, e.g. 0.8',
      'SF_CLIENT_SECRET: required (or SF_JWT_KEY_FILE and SF_USERNAME for the JWT bearer flow)',
    ]);
  });

  it('gives each problem a lower snake_case code and the variable as its path', () => {
    const result = loadConfig({ ...base, SF_CLIENT_SECRET: undefined, SYNC_INTERVAL_MS: '5s' });
    expect(result.ok ? [] : result.problems).toEqual([
      { code: 'invalid_format', path: ['SYNC_INTERVAL_MS'], message: 'must be a whole number' },
      {
        code: 'missing_variable',
        path: ['SF_CLIENT_SECRET'],
        message: 'required (or SF_JWT_KEY_FILE and SF_USERNAME for the JWT bearer flow)',
      },
    ]);
  });

  it('treats empty variables as unset', () => {
    expect(lines({ ...base, REDIS_URL: '  ' })).toEqual(['REDIS_URL: required (e.g. redis://127.0.0.1:6379)']);
  });

  it('checks ranges', () => {
    expect(lines({ ...base, SYNC_INTERVAL_MS: '10', API_BUDGET_FRACTION: '0', WORKER_CONCURRENCY: '0' })).toEqual([
      'SYNC_INTERVAL_MS: must be between 1000 and 86400000',
      'API_BUDGET_FRACTION: must be greater than 0',
      'WORKER_CONCURRENCY: must be between 1 and 64',
    ]);
  });

  it('reads a JWT bearer configuration with its key file', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'server.key');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const { SF_CLIENT_SECRET: _omit, ...withoutSecret } = base;
    const result = loadConfig({ ...withoutSecret, SF_JWT_KEY_FILE: keyFile, SF_USERNAME: 'integration@example.test' });
    if (!result.ok) throw new Error(result.problems.map(formatConfigProblem).join('\n'));
    expect(result.config.salesforce.auth).toMatchObject({
      kind: 'jwt-bearer',
      clientId: 'attain-local',
      username: 'integration@example.test',
      keyFile,
    });
  });

  it('refuses a JWT configuration without username, with an unreadable or non-key file, or with a secret too', () => {
    const { SF_CLIENT_SECRET: _omit, ...withoutSecret } = base;
    const missing = join(dir, 'missing.key');
    expect(lines({ ...withoutSecret, SF_JWT_KEY_FILE: missing })).toEqual([
      'SF_USERNAME: required with SF_JWT_KEY_FILE (the integration user)',
      `SF_JWT_KEY_FILE: cannot read ${missing} (ENOENT)`,
    ]);
    const notKey = join(dir, 'notes.txt');
    writeFileSync(notKey, 'hello');
    expect(lines({ ...withoutSecret, SF_JWT_KEY_FILE: notKey, SF_USERNAME: 'u@example.test' })).toEqual([
      `SF_JWT_KEY_FILE: ${notKey} is not a PEM private key`,
    ]);
    expect(lines({ ...base, SF_JWT_KEY_FILE: notKey, SF_USERNAME: 'u@example.test' })).toEqual([
      'SF_JWT_KEY_FILE: set either SF_CLIENT_SECRET or SF_JWT_KEY_FILE, not both',
    ]);
  });
});
