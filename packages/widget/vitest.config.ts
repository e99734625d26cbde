import { request } from 'node:http';
import { playwright } from '@vitest/browser-playwright';
import type { Plugin, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';
import { apiProxyPath, apiTargetEnv, STACK_NAMES, type StackName } from './test/support/stacks.js';

/**
 * Proxies `/attain-api/*` (and each other stack's path, test/support/stacks.ts) of the Vitest server
 * to the API the global setup started (its URL is only known then, so it is read per request from the
 * environment the setup shares with this process).
 */
function apiProxy(): Plugin {
  return {
    name: 'attain-api-proxy',
    configureServer(server) {
      for (const stack of STACK_NAMES) proxyStack(server, stack);
    },
  };
}

function proxyStack(server: ViteDevServer, stack: StackName): void {
  server.middlewares.use(apiProxyPath(stack), (req, res) => {
    const target = process.env[apiTargetEnv(stack)];
    if (!target) {
      res.statusCode = 503;
      res.end(JSON.stringify({ error: { code: 'NO_API', message: `the test API (${stack}) did not start` } }));
      return;
    }
    const url = new URL(req.url ?? '/', `${target}/`);
    // Server to server from here on: the page's Origin would be a foreign origin to the API's CORS check.
    const { origin: _origin, referer: _referer, ...headers } = req.headers;
    const upstream = request(url, { method: req.method, headers: { ...headers, host: url.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      res.statusCode = 502;
      res.end(JSON.stringify({ error: { code: 'PROXY', message: error.message } }));
    });
    req.pipe(upstream);
  });
}

export default defineConfig({
  plugins: [apiProxy()],
  define: { __ATTAIN_SHADOW_MODE__: JSON.stringify('open') },
  resolve: { conditions: ['@attain/source'] },
  ssr: { resolve: { conditions: ['@attain/source'] } },
  test: {
    name: 'widget',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // The stacks (redis, emulator, one full sync, API; one per org date) start once for all files.
    hookTimeout: 120_000,
    testTimeout: 20_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
