// startDemo(options): the whole Attain stack on loopback, as `npm run demo` shows it and the
// end-to-end tests drive it: @attain/test-kit's stack (a private redis-server with data in
// .attain/demo/redis, or REDIS_URL; the Salesforce emulator; N `attain worker` processes; one full
// sync; the Attain API) with the demo company's plan, quotas and mapping, and the demo's Lightning
// pages (@attain/demo-host) on the emulator, whose "Apex" token service signs RS256 with a key pair
// made at start (the org's certificate); the API gets only its public key.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// Package names, not paths: plain Node loads each package's build (`dist/`), while the end-to-end
// tests, which import this module under Vitest, get their TypeScript sources (`@attain/source`).
import { loadApiConfig, startApi } from '@attain/api';
import { createLightning } from '@attain/demo-host';
import { REPO_ROOT as root, startStack, tokenKeyPair } from '@attain/test-kit';
import { loadDemoCompany } from './demo-company.mjs';

export const WIDGET_BUNDLE = join(
  root,
  'salesforce/force-app/main/default/staticresources/attain_widget/attain-widget.js',
);

export const DEMO_DEFAULTS = {
  emulatorPort: 4010,
  apiPort: 4011,
  seed: 1,
  opportunities: 400,
  workers: 2,
  syncIntervalMs: 2000,
  namespace: 'demo',
  dataDir: join(root, '.attain/demo'),
};

/** The widget bundle is build output: build it when it is missing. */
export function ensureWidgetBundle(log = () => undefined) {
  if (existsSync(WIDGET_BUNDLE)) return;
  log('building the widget bundle (pnpm --filter @attain/widget build)');
  const result = spawnSync('pnpm', ['--silent', '--filter', '@attain/widget', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0 || !existsSync(WIDGET_BUNDLE)) throw new Error('the widget bundle could not be built');
}

/**
 * @param {object} [options]
 * @param {number} [options.emulatorPort] preferred port of the emulator (another free one if taken; 0 = any)
 * @param {number} [options.apiPort] preferred port of the API
 * @param {number} [options.seed] @param {number} [options.opportunities] the generated org
 * @param {Date} [options.today] the generated org's date (its deals, quotas and current quarter are built
 *   around it; the Lightning pages tell the widget it). Default: the real date, as the demo uses; tests fix it.
 * @param {number} [options.workers] `attain worker` processes
 * @param {number} [options.syncIntervalMs] the workers' incremental sync schedule
 * @param {string} [options.redisUrl] use this Redis instead of starting one
 * @param {string} [options.namespace] @param {string} [options.dataDir]
 * @param {(line: string) => void} [options.log] progress lines
 * @param {Record<string, string>} [options.workerEnv] extra environment of the workers
 * @param {object} [options.emulator] extra createEmulator options (faults, limits)
 */
export async function startDemo(options = {}) {
  const settings = { ...DEMO_DEFAULTS, ...options };
  const log = settings.log ?? (() => undefined);
  ensureWidgetBundle(log);
  mkdirSync(settings.dataDir, { recursive: true });
  if (!settings.redisUrl) rmSync(join(settings.dataDir, 'redis'), { recursive: true, force: true });
  // The org's token-signing certificate, played by a key pair made now: the "Apex" signs with its
  // private key, the API gets only the public key (ATTAIN_TOKEN_PUBLIC_KEYS), as in a real org.
  const tokenKeys = tokenKeyPair();
  let apiUrl = '';
  let lightning;
  const stack = await startStack({
    dataDir: settings.dataDir,
    namespace: settings.namespace,
    ...(settings.redisUrl ? { redisUrl: settings.redisUrl } : {}),
    emulator: {
      port: settings.emulatorPort,
      seed: settings.seed,
      opportunities: settings.opportunities,
      ...(settings.today ? { today: settings.today } : {}),
      extraRoutes: (host) => {
        lightning = createLightning({
          ...host,
          options: {
            tokenCertificate: { name: tokenKeys.kid, privateKey: tokenKeys.privateKey },
            apiUrl: () => apiUrl,
            widgetBundle: WIDGET_BUNDLE,
          },
        });
        return lightning.router;
      },
      onError: (error) => log(`emulator: ${error?.stack ?? error}`),
      ...settings.emulator,
    },
    apiPort: settings.apiPort,
    startApi: async (env) => {
      const config = loadApiConfig(env);
      if (!config.ok) throw new Error(`API configuration: ${JSON.stringify(config.problems)}`);
      return startApi({ config: config.config });
    },
    tokenKeys,
    workers: settings.workers,
    syncIntervalMs: settings.syncIntervalMs,
    ...(settings.workerEnv ? { workerEnv: settings.workerEnv } : {}),
    setUp: async (store, emulator) => {
      const company = await loadDemoCompany(store, emulator);
      log(`plan, quotas (from ForecastingQuota) and mapping loaded for ${company.reps} salespeople`);
    },
    log,
  });
  apiUrl = stack.apiUrl;
  const { url } = stack.emulator;
  return {
    ...stack,
    personas: lightning.personas(),
    urls: {
      opportunities: `${url}/lightning/o/Opportunity/list`,
      earnings: `${url}/lightning/n/Attain_Earnings`,
      sync: `${url}/lightning/n/Attain_Sync_Console`,
      setup: `${url}/lightning/n/Attain_Setup`,
    },
  };
}
